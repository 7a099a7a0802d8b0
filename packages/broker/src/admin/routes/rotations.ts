// Key rotations over the admin API (docs/rotation.md has the runbook): start
// one with a new key or a new VT Enterprise service account, resume it, roll it
// back, and read each key's status. The new key arrives once in the JSON body,
// is registered with the redactor before anything else, and is never answered.
import type { AdminRoute } from '../router.ts';
import { adminErrors } from '../admin-error.ts';
import { onlyFields, optionalBoolean, optionalInteger } from '../json-fields.ts';

const START = '{"apiKey":"<the new VirusTotal key>","force":false,"overlapHours":24}';
const SERVICE_ACCOUNT = '{"serviceAccount":"acme/vtbroker-2027-01"}';
const HOUR_MS = 3_600_000;

const nameOf = (params: Readonly<Record<string, string>>) => params['name'] ?? '';

export const rotationRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/keys/{name}/status',
    role: 'viewer',
    action: 'key.status',
    async handle(ctx, deps) {
      const [found] = await deps.keyStatus(nameOf(ctx.params));
      if (!found) throw adminErrors.notFound(`There is no key named "${nameOf(ctx.params)}".`);
      return { status: 200, body: { data: found } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/keys/{name}/rotations',
    role: 'key-admin',
    action: 'key.rotate',
    async handle(ctx, deps) {
      const body = await ctx.body();
      if (typeof body['apiKey'] === 'string') deps.registerSecret(body['apiKey'].trim());
      const fields = [
        'apiKey',
        'serviceAccount',
        'fromStore',
        'force',
        'overlapHours',
        'finishNow',
      ];
      onlyFields(body, fields, START);
      const apiKey = body['apiKey'];
      const serviceAccount = body['serviceAccount'];
      const fromStore = body['fromStore'];
      const given = [apiKey, serviceAccount, fromStore].filter((v) => typeof v === 'string');
      if (given.length !== 1)
        throw adminErrors.badRequest(
          'Give the new key in exactly one way: "apiKey" (the key), "fromStore" (a configured secret store) or "serviceAccount" (VT Enterprise).',
          `${START}  or  {"fromStore":"vault-soc"}  or  ${SERVICE_ACCOUNT}`,
        );
      const overlapHours = optionalInteger(body, 'overlapHours', { min: 0, example: START });
      const rotation = await deps.rotations.start(
        {
          name: nameOf(ctx.params),
          ...(typeof apiKey === 'string' ? { apiKey } : {}),
          ...(typeof serviceAccount === 'string' ? { serviceAccount } : {}),
          ...(typeof fromStore === 'string' ? { fromStore } : {}),
          source: typeof serviceAccount === 'string' ? 'service-account' : 'admin-api',
          force: optionalBoolean(body, 'force') === true,
          ...(overlapHours == null ? {} : { overlapMs: overlapHours * HOUR_MS }),
          actor: ctx.actor,
          requestId: ctx.requestId,
        },
        { finishNow: optionalBoolean(body, 'finishNow') === true },
      );
      return { status: 201, body: { data: rotation } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/keys/{name}/rotations/resume',
    role: 'key-admin',
    action: 'key.rotate',
    async handle(ctx, deps) {
      const body = await ctx.body();
      onlyFields(body, ['finishNow'], '{"finishNow":false}');
      const rotation = await deps.rotations.resume(
        nameOf(ctx.params),
        ctx.actor,
        { finishNow: optionalBoolean(body, 'finishNow') === true },
        ctx.requestId,
      );
      return { status: 200, body: { data: rotation } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/keys/{name}/rollback',
    role: 'key-admin',
    action: 'key.rollback',
    async handle(ctx, deps) {
      const rotation = await deps.rotations.rollback(nameOf(ctx.params), ctx.actor, ctx.requestId);
      return { status: 200, body: { data: rotation } };
    },
  },
  {
    method: 'GET',
    path: '/admin/v1/audit/verify',
    role: 'viewer',
    action: 'audit.verify',
    async handle(_ctx, deps) {
      const result = await deps.verifyAudit();
      return { status: 200, body: { data: { ...result, head: result.head ?? null } } };
    },
  },
];
