// Adding and listing VT keys. A key arrives in the clear exactly once (from
// stdin, a file or the admin API), is checked against VT, sealed with the
// master key and stored; from then on only its fingerprint is ever shown.
import { createHash, randomUUID } from 'node:crypto';
import type { MasterKeyRing } from './master-key.ts';
import { sealSecret } from './secret-box.ts';
import type { KeyFacts } from './inspect-key.ts';
import type { Credential, KeyVersion } from '../store/model.ts';
import type { Store } from '../store/store.ts';

export class KeyServiceError extends Error {
  override readonly name = 'KeyServiceError';
  readonly hint: string;
  /** `conflict`: refused because of the keys already held; `invalid`: the input is wrong. */
  readonly kind: 'invalid' | 'conflict';
  constructor(message: string, hint: string, kind: 'invalid' | 'conflict' = 'invalid') {
    super(message);
    this.hint = hint;
    this.kind = kind;
  }
}

export const keyFingerprint = (apiKey: string): string =>
  `sha256:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`;

export interface AddKeyInput {
  name: string;
  apiKey: string;
  actor: string;
  /** The admin API request that adds it, for the audit log. */
  requestId?: string | null;
}

export interface KeyService {
  add(input: AddKeyInput): Promise<{ credential: Credential; version: KeyVersion }>;
  list(): Promise<{ credential: Credential; versions: KeyVersion[] }[]>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function createKeyService(deps: {
  store: Store;
  masters: MasterKeyRing;
  inspect: (apiKey: string) => Promise<KeyFacts>;
  now: () => number;
  onChange: () => Promise<void>;
  /** Lab use only: VT's terms forbid pooling public accounts (the config warns at start). */
  allowPublicKeyPool?: boolean;
}): KeyService {
  const { store } = deps;
  return {
    async add({ name, apiKey, actor, requestId = null }) {
      const key = apiKey.trim();
      if (!NAME.test(name))
        throw new KeyServiceError(
          `Key name "${name}" is not valid.`,
          'Use lower-case letters, digits, dots, dashes: --name soc-premium',
        );
      if (key === '' || /\s/.test(key))
        throw new KeyServiceError(
          'The key is empty or contains spaces.',
          'Pipe exactly the key: vtbroker key add --name soc-premium < key.txt',
        );
      const existing = await store.credentials.getByName(name);
      if (existing) {
        throw new KeyServiceError(
          `A key named "${name}" exists already.`,
          `To replace it, rotate it: vtbroker key rotate ${name} < new-key.txt (or pick another name).`,
          'conflict',
        );
      }
      const fingerprint = keyFingerprint(key);
      const clash = (await store.keyVersions.listByLabel(['pending', 'current', 'previous'])).find(
        (v) => v.fingerprint === fingerprint,
      );
      if (clash)
        throw new KeyServiceError(
          'This key is already held by the broker.',
          'vtbroker key list shows it by fingerprint.',
          'conflict',
        );
      const facts = await deps.inspect(key);
      if (deps.allowPublicKeyPool !== true) await refusePublicPool(store, facts);
      const now = deps.now();
      const id = randomUUID();
      const result = await store.transaction(async (tx) => {
        const credential = await tx.credentials.create({ id: randomUUID(), name, createdAt: now });
        const version = await tx.keyVersions.create({
          id,
          credentialId: credential.id,
          label: 'current',
          fingerprint,
          sealedSecret: sealSecret(key, deps.masters.current, { context: id }),
          tier: facts.tier,
          privileges: facts.privileges,
          quotas: facts.quotas,
          vtUser: facts.vtUser,
          createdAt: now,
          activatedAt: now,
          overlapUntil: null,
          retiredAt: null,
          lastUsedAt: null,
          suspectAt: null,
        });
        await tx.audit.append({
          at: now,
          actor,
          action: 'key.add',
          target: name,
          result: 'ok',
          requestId,
          details: { fingerprint, tier: facts.tier, vtUser: facts.vtUser },
        });
        return { credential, version };
      });
      await deps.onChange();
      return result;
    },
    async list() {
      const credentials = await store.credentials.list();
      return Promise.all(
        credentials.map(async (credential) => ({
          credential,
          versions: await store.keyVersions.listByCredential(credential.id),
        })),
      );
    },
  };
}

/** VT's terms forbid several public accounts used together to get round the limits (reference §6). */
async function refusePublicPool(store: Store, facts: KeyFacts): Promise<void> {
  const current = await store.keyVersions.listByLabel(['current']);
  if (current.length === 0) return;
  const hasPublic = current.some((v) => v.tier === 'public');
  if (facts.tier === 'public' || hasPublic) {
    throw new KeyServiceError(
      "Refused: a public-tier key cannot be pooled with other keys. VirusTotal's terms forbid using several accounts to get round the public API limits.",
      'Use one public key on its own, or premium keys (licensed) in the pool. To replace a key, rotate it instead of adding another.',
      'conflict',
    );
  }
}
