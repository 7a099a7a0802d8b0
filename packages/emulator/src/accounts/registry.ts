// Users, their API keys, groups and service accounts. On VT a key carries the
// full rights of its account (reference §1), quotas belong to the account and to
// its group (§4.11), and the only API-made keys are service accounts'.
import { createHash, randomBytes } from 'node:crypto';
import { PRIVILEGES, type Privilege } from './privileges.ts';
import {
  PREMIUM_QUOTAS,
  PUBLIC_QUOTAS,
  createQuotaCounter,
  type MinuteWindowMode,
  type QuotaCounter,
  type QuotaLimits,
} from './quota-windows.ts';
import { createUsageLog, type UsageLog } from './usage-log.ts';

export type Tier = 'public' | 'premium';

export interface EmuUser {
  readonly id: string;
  email: string;
  tier: Tier;
  privileges: Set<Privilege>;
  quotas: QuotaLimits;
  apikey: string;
  /** Emulator-assigned label of the current key, safe to log (`k1`, `k2`, …). */
  keyId: string;
  active: boolean;
  groupId: string | undefined;
  serviceAccount: boolean;
  readonly createdAt: number;
  readonly counter: QuotaCounter;
  readonly usage: UsageLog;
}

export interface EmuGroup {
  readonly id: string;
  organization: string;
  quotas: QuotaLimits | undefined;
  readonly adminIds: Set<string>;
  readonly memberIds: Set<string>;
  readonly serviceAccountIds: Set<string>;
  readonly counter: QuotaCounter;
  readonly usage: UsageLog;
}

export interface CreateUserInput {
  id?: string;
  tier?: Tier;
  email?: string;
  privileges?: readonly Privilege[];
  quotas?: Partial<QuotaLimits>;
  groupId?: string;
  /** A fixed key, e.g. from a fixture; otherwise 64 random hex characters. */
  apikey?: string;
}

export type KeyLookup =
  | { status: 'ok'; user: EmuUser }
  | { status: 'unknown' }
  | { status: 'revoked' }
  | { status: 'inactive'; user: EmuUser };

export interface AccountRegistry {
  createUser(input: CreateUserInput, nowMs: number): EmuUser;
  lookupKey(apikey: string): KeyLookup;
  user(idOrKey: string): EmuUser | undefined;
  users(): Iterable<EmuUser>;
  /** Revokes a key at once: later requests with it answer 401. */
  revokeKey(apikey: string): EmuUser | undefined;
  /** Gives the user a new key and revokes the old one (VT's "regenerate"). */
  regenerateKey(userId: string): EmuUser;
  keyIdOf(apikey: string): string | undefined;
  createGroup(input: {
    id: string;
    organization?: string;
    quotas?: Partial<QuotaLimits>;
  }): EmuGroup;
  group(id: string): EmuGroup | undefined;
  addToGroup(groupId: string, userId: string, role: 'member' | 'admin'): void;
  isGroupAdmin(userId: string, groupId: string): boolean;
}

export interface AccountRegistryOptions {
  minuteWindow?: MinuteWindowMode;
  newKey?: () => string;
}

const USER_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** A short fingerprint of a key for logs and tests: never the key itself. */
export const keyFingerprint = (apikey: string): string =>
  createHash('sha256').update(apikey).digest('hex').slice(0, 12);

export function createAccountRegistry(options: AccountRegistryOptions = {}): AccountRegistry {
  const newKey = options.newKey ?? (() => randomBytes(32).toString('hex'));
  const users = new Map<string, EmuUser>();
  const byKey = new Map<string, string>();
  const revoked = new Set<string>();
  const keyIds = new Map<string, string>();
  const groups = new Map<string, EmuGroup>();
  let userSeq = 0;

  const assignKeyId = (apikey: string): string => {
    const id = `k${keyIds.size + 1}`;
    keyIds.set(apikey, id);
    return id;
  };

  const issueKey = (requested?: string): string => {
    const apikey = requested ?? newKey();
    if (byKey.has(apikey) || revoked.has(apikey)) throw new Error('that API key is already in use');
    return apikey;
  };

  const registry: AccountRegistry = {
    createUser(input, nowMs) {
      const id = input.id ?? `user${++userSeq}`;
      if (!USER_ID.test(id)) throw new Error(`user id "${id}" must match ${USER_ID.source}`);
      if (users.has(id)) throw new Error(`user "${id}" already exists`);
      const tier = input.tier ?? 'public';
      const apikey = issueKey(input.apikey);
      const base = tier === 'premium' ? PREMIUM_QUOTAS : PUBLIC_QUOTAS;
      const user: EmuUser = {
        id,
        email: input.email ?? `${id}@example.org`,
        tier,
        privileges: new Set(input.privileges ?? (tier === 'premium' ? PRIVILEGES : [])),
        quotas: { ...base, ...input.quotas },
        apikey,
        keyId: assignKeyId(apikey),
        active: true,
        groupId: undefined,
        serviceAccount: false,
        createdAt: nowMs,
        counter: createQuotaCounter(options.minuteWindow),
        usage: createUsageLog(),
      };
      users.set(id, user);
      byKey.set(apikey, id);
      if (input.groupId !== undefined) registry.addToGroup(input.groupId, id, 'member');
      return user;
    },
    lookupKey(apikey) {
      const id = byKey.get(apikey);
      const user = id === undefined ? undefined : users.get(id);
      if (!user) return revoked.has(apikey) ? { status: 'revoked' } : { status: 'unknown' };
      return user.active ? { status: 'ok', user } : { status: 'inactive', user };
    },
    user(idOrKey) {
      const byId = users.get(idOrKey);
      if (byId) return byId;
      const id = byKey.get(idOrKey);
      return id === undefined ? undefined : users.get(id);
    },
    users: () => users.values(),
    revokeKey(apikey) {
      const id = byKey.get(apikey);
      if (id === undefined) return undefined;
      byKey.delete(apikey);
      revoked.add(apikey);
      return users.get(id);
    },
    regenerateKey(userId) {
      const user = users.get(userId);
      if (!user) throw new Error(`no user "${userId}"`);
      registry.revokeKey(user.apikey);
      user.apikey = issueKey();
      user.keyId = assignKeyId(user.apikey);
      byKey.set(user.apikey, user.id);
      return user;
    },
    keyIdOf: (apikey) => keyIds.get(apikey),
    createGroup(input) {
      if (!USER_ID.test(input.id))
        throw new Error(`group id "${input.id}" must match ${USER_ID.source}`);
      if (groups.has(input.id)) throw new Error(`group "${input.id}" already exists`);
      const group: EmuGroup = {
        id: input.id,
        organization: input.organization ?? input.id,
        quotas: input.quotas ? { ...PREMIUM_QUOTAS, ...input.quotas } : undefined,
        adminIds: new Set(),
        memberIds: new Set(),
        serviceAccountIds: new Set(),
        counter: createQuotaCounter(options.minuteWindow),
        usage: createUsageLog(),
      };
      groups.set(group.id, group);
      return group;
    },
    group: (id) => groups.get(id),
    addToGroup(groupId, userId, role) {
      const group = groups.get(groupId);
      const user = users.get(userId);
      if (!group) throw new Error(`no group "${groupId}"`);
      if (!user) throw new Error(`no user "${userId}"`);
      if (user.groupId !== undefined && user.groupId !== groupId) {
        throw new Error(`user "${userId}" already belongs to group "${user.groupId}"`);
      }
      user.groupId = groupId;
      group.memberIds.add(userId);
      if (role === 'admin') group.adminIds.add(userId);
    },
    isGroupAdmin: (userId, groupId) => groups.get(groupId)?.adminIds.has(userId) ?? false,
  };
  return registry;
}
