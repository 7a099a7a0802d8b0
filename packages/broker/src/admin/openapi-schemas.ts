// The admin API's JSON shapes for the OpenAPI document (openapi.ts): what
// views.ts answers, what json-fields.ts accepts. Times are epoch milliseconds.
const ms = (description: string) => ({ type: 'integer', description: `${description} (epoch ms)` });
const msOrNull = (description: string) => ({
  type: ['integer', 'null'],
  description: `${description} (epoch ms; null: not set)`,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (
  properties: Record<string, unknown>,
  required: string[] = Object.keys(properties),
) => ({
  type: 'object',
  properties,
  required,
});
const SCOPES_DOC =
  'lookup, relationships, search, intelligence, submit, download, feeds, hunting, quota';
const windowLimit = { type: ['integer', 'null'], minimum: 0 };
const tokenTimes = {
  state: { type: 'string', enum: ['active', 'revoked', 'expired'] },
  createdAt: ms('Created'),
  expiresAt: msOrNull('Expires'),
  revokedAt: msOrNull('Revoked'),
  lastUsedAt: msOrNull('Last used'),
};
const role = { type: 'string', enum: ['viewer', 'operator', 'key-admin'] };
const expiresInSeconds = {
  type: ['integer', 'null'],
  minimum: 1,
  description: 'Lifetime in seconds; default 90 days; null: never expires',
};

export const ADMIN_SCHEMAS = {
  Error: object({
    error: object(
      {
        code: { type: 'string', examples: ['ForbiddenError'] },
        message: { type: 'string' },
        hint: { type: 'string', description: 'What to do about it' },
        request_id: { type: 'string' },
      },
      ['code', 'message', 'request_id'],
    ),
  }),
  WindowLimits: {
    type: 'object',
    description: 'Requests per UTC window; null or absent: unlimited',
    properties: { minute: windowLimit, hour: windowLimit, day: windowLimit, month: windowLimit },
    additionalProperties: false,
  },
  Consumer: object(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      priority: { type: 'string', enum: ['interactive', 'bulk'] },
      quotas: ref('WindowLimits'),
      maxWaitMs: {
        type: 'integer',
        description: 'Longest wait for upstream room before a 429, ms',
      },
      createdAt: ms('Created'),
      disabledAt: msOrNull('Disabled'),
      activeTokens: { type: 'integer', description: 'In lists only' },
    },
    ['id', 'name', 'priority', 'quotas', 'maxWaitMs', 'createdAt', 'disabledAt'],
  ),
  ConsumerPatch: {
    type: 'object',
    description: 'At least one field. quotas merge into the current ones, window by window.',
    properties: {
      quotas: ref('WindowLimits'),
      priority: { type: 'string', enum: ['interactive', 'bulk'] },
      maxWaitMs: { type: 'integer', minimum: 0 },
      disabled: { type: 'boolean', description: 'A disabled consumer’s tokens answer 401' },
    },
    additionalProperties: false,
  },
  Token: object({
    id: { type: 'string' },
    consumer: { type: ['string', 'null'] },
    scopes: { type: 'array', items: { type: 'string' }, description: SCOPES_DOC },
    ...tokenTimes,
  }),
  NewToken: {
    allOf: [
      ref('Token'),
      object({ token: { type: 'string', description: 'vtb_<id>_<secret>: shown only here' } }),
    ],
  },
  TokenCreate: {
    type: 'object',
    required: ['consumer', 'scopes'],
    properties: {
      consumer: { type: 'string', description: 'Consumer name; created when new' },
      scopes: {
        oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }],
        description: `Array or comma list of: ${SCOPES_DOC}`,
      },
      quotas: ref('WindowLimits'),
      priority: { type: 'string', enum: ['interactive', 'bulk'] },
      maxWaitMs: { type: 'integer', minimum: 0 },
      expiresInSeconds,
    },
    additionalProperties: false,
  },
  KeyVersion: object({
    id: { type: 'string' },
    label: { type: 'string', enum: ['pending', 'current', 'previous', 'retired'] },
    fingerprint: { type: 'string', description: 'The only form of the key ever shown' },
    tier: { type: 'string', enum: ['public', 'premium', 'unknown'] },
    privileges: { type: 'array', items: { type: 'string' } },
    quotas: ref('WindowLimits'),
    vtUser: { type: ['string', 'null'] },
    createdAt: ms('Created'),
    activatedAt: msOrNull('Activated'),
    overlapUntil: msOrNull('End of the rotation overlap'),
    retiredAt: msOrNull('Retired'),
    lastUsedAt: msOrNull('Last used'),
    suspectAt: msOrNull('When VT rejected it in production (the previous key then serves)'),
  }),
  Key: object({
    name: { type: 'string' },
    createdAt: ms('Created'),
    versions: { type: 'array', items: ref('KeyVersion') },
  }),
  KeyAdd: {
    type: 'object',
    required: ['name', 'apiKey'],
    properties: {
      name: { type: 'string', examples: ['soc-premium'] },
      apiKey: {
        type: 'string',
        description: 'The VirusTotal key: checked at VT, sealed, never shown again',
      },
    },
    additionalProperties: false,
  },
  AddedKey: { allOf: [object({ name: { type: 'string' } }), ref('KeyVersion')] },
  UsageRow: object({
    day: { type: 'string', format: 'date' },
    consumerId: { type: 'string' },
    consumer: { type: ['string', 'null'] },
    keyVersionId: { type: ['string', 'null'], description: 'null: cache hits and refusals' },
    routeClass: { type: 'string' },
    requests: { type: 'integer' },
    cacheHits: { type: 'integer' },
    upstreamCalls: { type: 'integer' },
    cost: { type: 'integer' },
    errors: { type: 'integer' },
  }),
  KeyQuota: object({
    key: { type: ['string', 'null'] },
    keyVersionId: { type: 'string' },
    fingerprint: { type: 'string' },
    tier: { type: 'string' },
    label: { type: 'string' },
    windows: {
      type: 'object',
      description: 'minute, hour, day, month',
      additionalProperties: object({ used: { type: 'integer' }, limit: windowLimit }),
    },
  }),
  AuditEntry: object({
    seq: { type: 'integer' },
    at: ms('When'),
    actor: { type: 'string', examples: ['admin:alice', 'cli:root'] },
    action: { type: 'string', examples: ['token.create'] },
    target: { type: ['string', 'null'] },
    result: { type: 'string', enum: ['ok', 'denied', 'error'] },
    requestId: { type: ['string', 'null'] },
    details: { type: 'object' },
  }),
  Rotation: object(
    {
      id: { type: 'string' },
      credentialId: { type: 'string' },
      fromVersionId: { type: ['string', 'null'] },
      toVersionId: { type: ['string', 'null'] },
      step: {
        type: 'string',
        enum: ['create', 'test', 'promote', 'install', 'finish', 'done'],
        description: 'The next step to run',
      },
      status: { type: 'string', enum: ['running', 'waiting', 'done', 'refused', 'rolled-back'] },
      source: { type: 'string' },
      serviceAccount: { type: ['string', 'null'] },
      force: { type: 'boolean' },
      overlapMs: { type: 'integer' },
      overlapUntil: msOrNull('End of the overlap'),
      report: { type: ['object', 'null'], description: 'The test step’s report' },
      lastError: { type: ['string', 'null'] },
      actor: { type: 'string' },
      startedAt: ms('Started'),
      updatedAt: ms('Last change'),
      finishedAt: msOrNull('Ended'),
    },
    ['id', 'step', 'status', 'overlapUntil', 'report', 'lastError', 'startedAt'],
  ),
  RotationStart: {
    type: 'object',
    description: 'Exactly one of apiKey, fromStore, serviceAccount',
    properties: {
      apiKey: {
        type: 'string',
        description: 'The new VirusTotal key: tested, sealed, never shown',
      },
      serviceAccount: {
        type: 'string',
        description: 'VT Enterprise: <group>/<account name> to create with the current key',
      },
      fromStore: {
        type: 'string',
        description: 'A configured secret store to read the new key from (pending, else current)',
      },
      force: { type: 'boolean', description: 'Accept a downgrade the test step names' },
      overlapHours: { type: 'integer', minimum: 0, description: 'Default rotation.overlapHours' },
      finishNow: { type: 'boolean', description: 'Retire the previous key at once' },
    },
    additionalProperties: false,
  },
  RotationResume: {
    type: 'object',
    properties: { finishNow: { type: 'boolean' } },
    additionalProperties: false,
  },
  KeyStatus: object({
    name: { type: 'string' },
    versions: {
      type: 'array',
      items: {
        allOf: [ref('KeyVersion'), object({ hasSecret: { type: 'boolean' } })],
      },
    },
    rotation: { oneOf: [ref('Rotation'), { type: 'null' }] },
    age: {
      type: ['object', 'null'],
      properties: {
        ageMs: { type: 'integer' },
        dueAt: msOrNull('Maximum age reached'),
        warnFrom: msOrNull('Warnings start'),
        state: { type: 'string', enum: ['ok', 'warning', 'expired'] },
      },
    },
  }),
  AuditVerification: object({
    ok: { type: 'boolean' },
    entries: { type: 'integer' },
    head: {
      type: ['object', 'null'],
      properties: { seq: { type: 'integer' }, hash: { type: 'string' } },
    },
    problems: {
      type: 'array',
      items: object({
        kind: { type: 'string', enum: ['edited', 'broken-link', 'head-mismatch'] },
        seq: { type: 'integer' },
        message: { type: 'string' },
      }),
    },
  }),
  AdminToken: object({ id: { type: 'string' }, name: { type: 'string' }, role, ...tokenTimes }),
  NewAdminToken: {
    allOf: [
      ref('AdminToken'),
      object({ token: { type: 'string', description: 'vtba_<id>_<secret>: shown only here' } }),
    ],
  },
  AdminTokenCreate: {
    type: 'object',
    required: ['name', 'role'],
    properties: { name: { type: 'string', examples: ['alice'] }, role, expiresInSeconds },
    additionalProperties: false,
  },
  WhoAmI: {
    allOf: [ref('AdminToken'), object({ rights: { type: 'string' } })],
  },
} as const;
