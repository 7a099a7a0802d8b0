// Consumers and their tokens. A token's secret is shown once, at creation;
// only its hash is stored. Creating a token for a new name creates the consumer.
import { randomUUID } from 'node:crypto';
import type { Consumer, Priority, Scope, TokenRecord, WindowLimits } from '../store/model.ts';
import { SCOPES } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { generateToken } from './token.ts';

export class TokenServiceError extends Error {
  override readonly name = 'TokenServiceError';
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

export interface CreateTokenInput {
  consumer: string;
  scopes: Scope[];
  quotas?: WindowLimits;
  priority?: Priority;
  maxWaitMs?: number;
  /** Lifetime; default 90 days, `null` for none. */
  ttlMs?: number | null;
  actor: string;
  /** The admin API request that creates it, for the audit log. */
  requestId?: string | null;
}

export interface TokenService {
  create(
    input: CreateTokenInput,
  ): Promise<{ token: string; record: TokenRecord; consumer: Consumer }>;
  list(): Promise<{ record: TokenRecord; consumer: Consumer | undefined }[]>;
  revoke(id: string, actor: string, requestId?: string | null): Promise<TokenRecord>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DEFAULT_TTL_MS = 90 * 86_400_000;

export function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new TokenServiceError(
      `Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ') || '(none given)'}`,
      `Scopes are ${SCOPES.join(', ')}; e.g. --scopes lookup,relationships`,
    );
  }
  return [...new Set(scopes)] as Scope[];
}

export function createTokenService(deps: {
  store: Store;
  now: () => number;
  defaults: Omit<Consumer, 'id' | 'name' | 'createdAt' | 'disabledAt'>;
  onRevoke: (id: string) => void;
}): TokenService {
  const { store } = deps;
  return {
    async create(input) {
      if (!NAME.test(input.consumer))
        throw new TokenServiceError(
          `Consumer name "${input.consumer}" is not valid.`,
          'Use lower-case letters, digits, dots and dashes: --name soar',
        );
      const now = deps.now();
      return store.transaction(async (tx) => {
        let consumer = await tx.consumers.getByName(input.consumer);
        if (!consumer) {
          consumer = await tx.consumers.create({
            id: randomUUID(),
            name: input.consumer,
            priority: input.priority ?? deps.defaults.priority,
            quotas: input.quotas ?? deps.defaults.quotas,
            maxWaitMs: input.maxWaitMs ?? deps.defaults.maxWaitMs,
            createdAt: now,
            disabledAt: null,
          });
        } else if (input.quotas || input.priority || input.maxWaitMs !== undefined) {
          const patch: Partial<Consumer> = {};
          if (input.quotas) patch.quotas = input.quotas;
          if (input.priority) patch.priority = input.priority;
          if (input.maxWaitMs !== undefined) patch.maxWaitMs = input.maxWaitMs;
          consumer = (await tx.consumers.update(consumer.id, patch)) ?? consumer;
        }
        const generated = generateToken();
        const ttl = input.ttlMs === undefined ? DEFAULT_TTL_MS : input.ttlMs;
        const record = await tx.tokens.create({
          id: generated.id,
          consumerId: consumer.id,
          secretHash: generated.secretHash,
          scopes: input.scopes,
          createdAt: now,
          expiresAt: ttl === null ? null : now + ttl,
          revokedAt: null,
          lastUsedAt: null,
        });
        await tx.audit.append({
          at: now,
          actor: input.actor,
          action: 'token.create',
          target: `${consumer.name}/${record.id}`,
          result: 'ok',
          requestId: input.requestId ?? null,
          details: { scopes: input.scopes },
        });
        return { token: generated.token, record, consumer };
      });
    },
    async list() {
      const records = await store.tokens.list();
      return Promise.all(
        records.map(async (record) => ({
          record,
          consumer: await store.consumers.get(record.consumerId),
        })),
      );
    },
    async revoke(id, actor, requestId = null) {
      const now = deps.now();
      const record = await store.tokens.get(id);
      if (!record)
        throw new TokenServiceError(
          `No token with id "${id}".`,
          'vtbroker token list shows the ids.',
        );
      const updated = (await store.tokens.update(id, { revokedAt: now })) ?? record;
      await store.audit.append({
        at: now,
        actor,
        action: 'token.revoke',
        target: id,
        result: 'ok',
        requestId,
        details: {},
      });
      deps.onRevoke(id);
      return updated;
    },
  };
}
