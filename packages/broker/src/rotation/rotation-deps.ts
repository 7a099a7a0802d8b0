// What the rotation state machine needs, wired by the composition root. Each
// outside effect is a function so that tests can fail or stop any of them.
import type { Alert } from '../alerts/alert.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { MasterKeyRing } from '../keys/master-key.ts';
import type { KeyFacts } from '../keys/inspect-key.ts';
import type { CreatedServiceAccount } from '../keys/service-account.ts';
import type { KeyVersion, Rotation } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import type { ProbeResult } from './key-report.ts';

/** Where the install step pushes the new key (a `SecretStore` used as a sink). */
export type KeySink = Pick<SecretStore, 'name' | 'describe' | 'install'>;
/** Where a rotation may read its new key from (a `SecretStore` used as a source). */
export type KeySource = Pick<SecretStore, 'name' | 'describe' | 'readNext'>;

export interface RotationSettings {
  /** How long the previous key stays a fallback after the promote step. */
  overlapMs: number;
  /** VT's terms forbid pooling public keys (reference §6); lab use only. */
  allowPublicKeyPool: boolean;
}

export interface RotationDeps {
  store: Store;
  masters: MasterKeyRing;
  now: () => number;
  /** VT's facts about a key (`/users/{key}`); throws a VtError when VT rejects it. */
  inspect: (apiKey: string) => Promise<KeyFacts>;
  /** One cheap lookup with the key. */
  probe: (apiKey: string) => Promise<ProbeResult>;
  createServiceAccount: (
    adminKey: string,
    group: string,
    name: string,
  ) => Promise<CreatedServiceAccount>;
  sinks: readonly KeySink[];
  /** Every configured secret store, by name, for `fromStore`. */
  sources: readonly KeySource[];
  /** Tells the request path (this process) that the keys changed. */
  onChange: () => Promise<void>;
  alert: (alert: Alert) => void;
  /** Keeps a key out of every log line and answer from now on. */
  registerSecret: (secret: string) => void;
  /** Opens a version's sealed key. */
  unseal: (version: KeyVersion) => string;
  settings: RotationSettings;
  /** Called after each step has committed (tests stop the process here). */
  afterStep?: (rotation: Rotation, step: Rotation['step']) => Promise<void> | void;
  /** Called when a step's outside work is done, just before it commits (tests stop here too). */
  beforeCommit?: (rotation: Rotation, step: Rotation['step']) => Promise<void> | void;
}
