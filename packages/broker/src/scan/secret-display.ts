// How a found secret is shown: never whole. The first and last 4 characters let
// a person recognise it in the file; the fingerprint (the same as
// keys/key-service.ts's `keyFingerprint`) matches it to `vtbroker key list`.
import { keyFingerprint } from '../keys/key-service.ts';
import type { SecretKind, SecretRef } from './finding.ts';

export function redactSecret(secret: string): string {
  if (secret.length <= 12) return '…';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

export function secretRef(kind: SecretKind, secret: string, tokenId?: string): SecretRef {
  return {
    kind,
    redacted: redactSecret(secret),
    fingerprint: keyFingerprint(secret),
    ...(tokenId === undefined ? {} : { tokenId }),
  };
}
