// The control API under `/_emulator/`, a path no VT client uses: keys, groups,
// the clock, faults, fixtures and the request log, for tests and demos.
import type { Privilege } from '../accounts/privileges.ts';
import { isPrivilege } from '../accounts/privileges.ts';
import type { CreateUserInput, Tier } from '../accounts/registry.ts';
import { QUOTA_WINDOWS, type QuotaLimits } from '../accounts/quota-windows.ts';
import type { FaultRuleInput } from '../control/faults.ts';
import type { RequestLogEntry } from '../control/request-log.ts';
import { FixtureError, loadFixtures } from '../corpus/fixtures.ts';
import { isRecord, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import type { Method, OpenCtx, RouteModule, RouteSpec } from './define.ts';

export type ControlHandler = (ctx: OpenCtx, body: Record<string, unknown>) => unknown;

export class ControlError extends Error {
  override readonly name = 'ControlError';
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

/** A route under `/_emulator/`: JSON in, `{data}` out, the control token checked. */
export function controlRoute(method: Method, path: string, handler: ControlHandler): RouteSpec {
  return {
    kind: 'open',
    method,
    path: `/_emulator${path}`,
    api: 'control',
    async handler(ctx): Promise<EmuResponse> {
      const token = ctx.services.settings.controlToken;
      if (token !== undefined && ctx.req.headers['x-emulator-token'] !== token) {
        return json(
          {
            error: {
              code: 'ForbiddenError',
              message: 'The control API needs header x-emulator-token',
            },
          },
          403,
        );
      }
      try {
        const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(ctx.req);
        if (body !== undefined && !isRecord(body))
          throw new ControlError('expected a JSON object body');
        return json({ data: await handler(ctx, body ?? {}) });
      } catch (error) {
        if (
          error instanceof ControlError ||
          error instanceof FixtureError ||
          error instanceof RangeError ||
          (error instanceof Error && error.constructor === Error)
        ) {
          const status = error instanceof ControlError ? error.status : 400;
          return json({ error: { code: 'BadRequestError', message: error.message } }, status);
        }
        throw error;
      }
    },
  };
}

const str = (body: Record<string, unknown>, name: string): string | undefined => {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ControlError(`"${name}" must be a string`);
  return v;
};

function parseTier(v: unknown): Tier | undefined {
  if (v === undefined) return undefined;
  if (v !== 'public' && v !== 'premium')
    throw new ControlError('"tier" must be "public" or "premium"');
  return v;
}

function parseQuotas(v: unknown): Partial<QuotaLimits> | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v))
    throw new ControlError('"quotas" must be an object like {"minute": 4, "daily": 500}');
  const out: Partial<QuotaLimits> = {};
  for (const [k, n] of Object.entries(v)) {
    if (!(QUOTA_WINDOWS as readonly string[]).includes(k))
      throw new ControlError(`unknown quota window "${k}" (use ${QUOTA_WINDOWS.join(', ')})`);
    if (n !== null && !(typeof n === 'number' && Number.isInteger(n) && n >= 0))
      throw new ControlError(`quota "${k}" must be a non-negative integer or null`);
    out[k as keyof QuotaLimits] = n;
  }
  return out;
}

function parsePrivileges(v: unknown): Privilege[] | undefined {
  if (v === undefined) return undefined;
  if (
    !Array.isArray(v) ||
    !v.every((p): p is Privilege => typeof p === 'string' && isPrivilege(p))
  ) {
    throw new ControlError('"privileges" must be a list of known privilege names');
  }
  return v;
}

function time(v: unknown, name: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw new ControlError(`"${name}" must be epoch milliseconds or an ISO date`);
}

export const controlRoutes: RouteModule = () => [
  controlRoute('GET', '/health', (ctx) => ({
    ok: true,
    now: new Date(ctx.services.clock.now()).toISOString(),
  })),
  controlRoute('POST', '/keys', (ctx, body) => {
    const input: CreateUserInput = {};
    const id = str(body, 'user');
    const tier = parseTier(body['tier']);
    const privileges = parsePrivileges(body['privileges']);
    const quotas = parseQuotas(body['quotas']);
    const group = str(body, 'group');
    const apikey = str(body, 'apikey');
    if (id !== undefined) input.id = id;
    if (tier !== undefined) input.tier = tier;
    if (privileges !== undefined) input.privileges = privileges;
    if (quotas !== undefined) input.quotas = quotas;
    if (group !== undefined) input.groupId = group;
    if (apikey !== undefined) input.apikey = apikey;
    const user = ctx.services.accounts.createUser(input, ctx.services.clock.now());
    return {
      apikey: user.apikey,
      key_id: user.keyId,
      user: user.id,
      tier: user.tier,
      quotas: user.quotas,
      privileges: [...user.privileges],
    };
  }),
  controlRoute('GET', '/keys', (ctx) =>
    [...ctx.services.accounts.users()].map((u) => ({
      key_id: u.keyId,
      user: u.id,
      tier: u.tier,
      active: u.active,
      group: u.groupId ?? null,
      service_account: u.serviceAccount,
    })),
  ),
  controlRoute('POST', '/keys/revoke', (ctx, body) => {
    const apikey = str(body, 'apikey');
    if (apikey === undefined)
      throw new ControlError('send {"apikey": "<key>"} (in the body, never in the URL)');
    const user = ctx.services.accounts.revokeKey(apikey);
    if (!user) throw new ControlError('no such key', 404);
    return { revoked: true, user: user.id };
  }),
  controlRoute('POST', '/users/:id/regenerate-key', (ctx) => {
    const user = ctx.services.accounts.regenerateKey(ctx.params['id'] ?? '');
    return { apikey: user.apikey, key_id: user.keyId, user: user.id };
  }),
  controlRoute('PATCH', '/users/:id', (ctx, body) => {
    const user = ctx.services.accounts.user(ctx.params['id'] ?? '');
    if (!user || user.apikey === ctx.params['id'])
      throw new ControlError(`no user "${ctx.params['id'] ?? ''}"`, 404);
    const tier = parseTier(body['tier']);
    const quotas = parseQuotas(body['quotas']);
    const privileges = parsePrivileges(body['privileges']);
    if (tier !== undefined) user.tier = tier;
    if (quotas !== undefined) user.quotas = { ...user.quotas, ...quotas };
    if (privileges !== undefined) user.privileges = new Set(privileges);
    if (body['active'] !== undefined) user.active = body['active'] === true;
    return {
      user: user.id,
      tier: user.tier,
      quotas: user.quotas,
      privileges: [...user.privileges],
      active: user.active,
    };
  }),
  controlRoute('POST', '/groups', (ctx, body) => {
    const id = str(body, 'id');
    if (id === undefined)
      throw new ControlError('send {"id": "<group id>", "admins": ["<user>"], "quotas": {…}}');
    const quotas = parseQuotas(body['quotas']);
    const organization = str(body, 'organization');
    const group = ctx.services.accounts.createGroup({
      id,
      ...(quotas ? { quotas } : {}),
      ...(organization ? { organization } : {}),
    });
    for (const role of ['admins', 'members'] as const) {
      const list = body[role] ?? [];
      if (!Array.isArray(list)) throw new ControlError(`"${role}" must be a list of user ids`);
      for (const userId of list)
        ctx.services.accounts.addToGroup(
          id,
          String(userId),
          role === 'admins' ? 'admin' : 'member',
        );
    }
    return { id: group.id, admins: [...group.adminIds], members: [...group.memberIds] };
  }),
  controlRoute('GET', '/clock', (ctx) => ({
    now: ctx.services.clock.now(),
    iso: new Date(ctx.services.clock.now()).toISOString(),
    kind: ctx.services.clock.kind,
  })),
  controlRoute('POST', '/clock/advance', (ctx, body) => {
    const ms =
      typeof body['ms'] === 'number'
        ? body['ms']
        : typeof body['seconds'] === 'number'
          ? body['seconds'] * 1000
          : NaN;
    if (!(ms >= 0)) throw new ControlError('send {"seconds": n} or {"ms": n} (non-negative)');
    ctx.services.clock.advance(ms);
    return { now: ctx.services.clock.now(), iso: new Date(ctx.services.clock.now()).toISOString() };
  }),
  controlRoute('POST', '/clock/set', (ctx, body) => {
    ctx.services.clock.set(time(body['time'], 'time'));
    return { now: ctx.services.clock.now(), iso: new Date(ctx.services.clock.now()).toISOString() };
  }),
  controlRoute('GET', '/faults', (ctx) => ctx.services.faults.list()),
  controlRoute('POST', '/faults', (ctx, body) =>
    ctx.services.faults.add(body as unknown as FaultRuleInput),
  ),
  controlRoute('DELETE', '/faults', (ctx) => {
    ctx.services.faults.clear();
    return { cleared: true };
  }),
  controlRoute('DELETE', '/faults/:id', (ctx) => ({
    removed: ctx.services.faults.remove(ctx.params['id'] ?? ''),
  })),
  controlRoute('GET', '/requests', (ctx) => {
    const since = Number(ctx.req.query.get('since') ?? 0);
    const api = ctx.req.query.get('api') as RequestLogEntry['api'] | null;
    return ctx.services.log.entries({
      sinceSeq: Number.isFinite(since) ? since : 0,
      ...(api ? { api } : {}),
    });
  }),
  controlRoute('DELETE', '/requests', (ctx) => {
    ctx.services.log.clear();
    return { cleared: true };
  }),
  controlRoute('POST', '/fixtures', (ctx, body) => ({
    loaded: loadFixtures(ctx.services.corpus, body['objects'] ?? body),
  })),
];
