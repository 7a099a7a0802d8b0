// The admin API as an OpenAPI 3.1 document, served at GET /admin/openapi.json.
// Written as data, beside the routes it describes (routes/index.ts);
// openapi.test.ts checks that both list the same operations and roles.
import { data, ERROR_NAMES, list, op, pathParam, query, ref } from './openapi-operation.ts';
import { ADMIN_SCHEMAS } from './openapi-schemas.ts';
const keyName = pathParam('name', 'The key’s name, e.g. soc-premium');
const id = pathParam('id', 'The token’s public id (the part between the prefix and the secret)');

export const ADMIN_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'vtbroker admin API',
    version: '1',
    description:
      'Manage a vtbroker: keys by fingerprint, consumer tokens and quotas, usage, quota and the audit log. ' +
      'Authenticate with an admin token (vtba_…). Roles are cumulative: viewer < operator < key-admin. ' +
      'No role reads a VirusTotal key. Every write, and every refusal by role, is in the audit log. See docs/admin-api.md.',
  },
  security: [{ bearer: [] }, { adminTokenHeader: [] }],
  paths: {
    '/admin/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document (no token needed)',
        security: [],
        'x-vtbroker-role': null,
        responses: {
          200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': {} } },
        },
      },
    },
    '/admin/v1/whoami': {
      get: op({
        id: 'whoami',
        summary: 'The caller’s admin token and role',
        role: 'viewer',
        ok: [200, data(ref('WhoAmI')), 'The caller'],
      }),
    },
    '/admin/v1/keys': {
      get: op({
        id: 'listKeys',
        summary: 'VirusTotal keys and their versions, by fingerprint',
        role: 'viewer',
        ok: [200, list('Key'), 'The keys'],
      }),
      post: op({
        id: 'addKey',
        summary: 'Add a VirusTotal key (checked at VT, sealed; answered by fingerprint only)',
        role: 'key-admin',
        body: 'KeyAdd',
        errors: [409, 502],
        ok: [201, data(ref('AddedKey')), 'The key, by fingerprint'],
      }),
    },
    '/admin/v1/keys/{name}/status': {
      get: op({
        id: 'getKeyStatus',
        summary: 'A key’s versions with labels and deadlines, its rotation, its age',
        role: 'viewer',
        parameters: [keyName],
        errors: [404],
        ok: [200, data(ref('KeyStatus')), 'The key'],
      }),
    },
    '/admin/v1/keys/{name}/rotations': {
      post: op({
        id: 'startRotation',
        summary:
          'Rotate a key: create → test → promote → install (docs/rotation.md); answered when it waits out the overlap',
        role: 'key-admin',
        parameters: [keyName],
        body: 'RotationStart',
        errors: [404, 409, 422, 502],
        ok: [
          201,
          data(ref('Rotation')),
          'The rotation, waiting for its overlap deadline (or done)',
        ],
      }),
    },
    '/admin/v1/keys/{name}/rotations/resume': {
      post: op({
        id: 'resumeRotation',
        summary: 'Continue the key’s rotation from the step where it stopped',
        role: 'key-admin',
        parameters: [keyName],
        body: 'RotationResume',
        errors: [409, 422, 502],
        ok: [200, data(ref('Rotation')), 'The rotation'],
      }),
    },
    '/admin/v1/keys/{name}/rollback': {
      post: op({
        id: 'rollbackRotation',
        summary: 'Undo the key’s rotation in progress, from any step',
        role: 'key-admin',
        parameters: [keyName],
        errors: [409],
        ok: [200, data(ref('Rotation')), 'The rolled-back rotation'],
      }),
    },
    '/admin/v1/tokens': {
      get: op({
        id: 'listTokens',
        summary: 'Consumer tokens (never their secrets or hashes)',
        role: 'viewer',
        ok: [200, list('Token'), 'The tokens'],
      }),
      post: op({
        id: 'createToken',
        summary: 'Create a consumer token (and the consumer when new)',
        role: 'operator',
        body: 'TokenCreate',
        errors: [409],
        ok: [201, data(ref('NewToken')), 'The token, with its secret shown this once'],
      }),
    },
    '/admin/v1/tokens/{id}/revoke': {
      post: op({
        id: 'revokeToken',
        summary: 'Revoke a consumer token (401 on /api/v3 within 5 s on every replica)',
        role: 'operator',
        parameters: [id],
        errors: [404],
        ok: [200, data(ref('Token')), 'The revoked token'],
      }),
    },
    '/admin/v1/consumers': {
      get: op({
        id: 'listConsumers',
        summary: 'Consumers with quotas, priority and active tokens',
        role: 'viewer',
        ok: [200, list('Consumer'), 'The consumers'],
      }),
    },
    '/admin/v1/consumers/{name}': {
      patch: op({
        id: 'updateConsumer',
        summary: 'Change a consumer’s quotas, priority, maximum wait or disabled flag',
        role: 'operator',
        parameters: [pathParam('name', 'Consumer name')],
        body: 'ConsumerPatch',
        errors: [404],
        ok: [200, data(ref('Consumer')), 'The consumer as changed'],
      }),
    },
    '/admin/v1/usage': {
      get: op({
        id: 'getUsage',
        summary: 'Usage per day, consumer, key version and route class',
        role: 'viewer',
        parameters: [
          query('from', 'First UTC day, YYYY-MM-DD (default: 6 days before to)', {
            type: 'string',
            format: 'date',
          }),
          query('to', 'Last UTC day, YYYY-MM-DD (default: today); at most 400 days in all', {
            type: 'string',
            format: 'date',
          }),
          query('consumer', 'Only this consumer (by name)'),
        ],
        errors: [400, 404],
        ok: [
          200,
          list('UsageRow', {
            type: 'object',
            properties: { from: { type: 'string' }, to: { type: 'string' } },
          }),
          'Usage rows',
        ],
      }),
    },
    '/admin/v1/quota': {
      get: op({
        id: 'getQuota',
        summary: 'Use of each key version in use, per UTC window',
        role: 'viewer',
        ok: [200, list('KeyQuota'), 'Per key version'],
      }),
    },
    '/admin/v1/audit': {
      get: op({
        id: 'listAudit',
        summary: 'The audit log, oldest first, paged by sequence number',
        role: 'viewer',
        parameters: [
          query('since', 'Entries after this seq (default 0)', { type: 'integer', minimum: 0 }),
          query('action', 'Only this action, e.g. token.create'),
          query('limit', 'Page size, 1 to 1000 (default 100)', {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
          }),
        ],
        errors: [400],
        ok: [
          200,
          list('AuditEntry', {
            type: 'object',
            properties: {
              next: {
                type: ['integer', 'null'],
                description: 'since of the next page; null: no more',
              },
            },
          }),
          'Entries',
        ],
      }),
    },
    '/admin/v1/audit/verify': {
      get: op({
        id: 'verifyAudit',
        summary: 'Recompute the audit log’s hash chain: edited, inserted or deleted entries',
        role: 'viewer',
        ok: [200, data(ref('AuditVerification')), 'ok, and every problem found'],
      }),
    },
    '/admin/v1/admin-tokens': {
      get: op({
        id: 'listAdminTokens',
        summary: 'Admin tokens (never their secrets or hashes)',
        role: 'key-admin',
        ok: [200, list('AdminToken'), 'The admin tokens'],
      }),
      post: op({
        id: 'createAdminToken',
        summary: 'Create an admin token',
        role: 'key-admin',
        body: 'AdminTokenCreate',
        ok: [201, data(ref('NewAdminToken')), 'The admin token, with its secret shown this once'],
      }),
    },
    '/admin/v1/admin-tokens/{id}/revoke': {
      post: op({
        id: 'revokeAdminToken',
        summary: 'Revoke an admin token (refused from the next request)',
        role: 'key-admin',
        parameters: [id],
        errors: [404],
        ok: [200, data(ref('AdminToken')), 'The revoked admin token'],
      }),
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'Authorization: Bearer vtba_<id>_<secret>',
      },
      adminTokenHeader: { type: 'apiKey', in: 'header', name: 'x-admin-token' },
    },
    responses: Object.fromEntries(
      Object.values(ERROR_NAMES).map(([name, description]) => [
        name,
        { description, content: { 'application/json': { schema: ref('Error') } } },
      ]),
    ),
    schemas: ADMIN_SCHEMAS,
  },
};
