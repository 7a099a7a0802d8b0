// What the admin API needs, wired by the composition root (broker.ts).
import type { KeyService } from '../keys/key-service.ts';
import type { Logger } from '../log/logger.ts';
import type { KeyVersion } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import type { TokenService } from '../tokens/token-service.ts';
import type { AdminTokenService } from './admin-token-service.ts';
import type { AuditVerification } from '../audit/verify-audit.ts';
import type { CredentialStatus } from '../rotation/key-status.ts';
import type { RotationService } from '../rotation/rotation-service.ts';

/** Use and limit per UTC window of one key version in use (absent limit: unlimited). */
export interface KeyWindowUsage {
  version: KeyVersion;
  used: Record<string, number>;
  limits: Record<string, number>;
}

export interface AdminDeps {
  store: Store;
  keys: KeyService;
  tokens: TokenService;
  adminTokens: AdminTokenService;
  keyUsage(): Promise<KeyWindowUsage[]>;
  rotations: RotationService;
  keyStatus(name?: string): Promise<CredentialStatus[]>;
  verifyAudit(): Promise<AuditVerification>;
  now(): number;
  log: Logger;
  /** Keeps a secret (a VT key in a request body) out of every later log line and answer. */
  registerSecret(secret: string): void;
  /** Removes every registered secret from a text. */
  scrub(text: string): string;
  /** Drops cached consumers after a change, so new quotas apply at once. */
  forgetConsumers(): void;
  maxBodyBytes: number;
}
