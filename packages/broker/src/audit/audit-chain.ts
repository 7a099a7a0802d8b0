// The audit log's hash chain (ARCHITECTURE.md, "Security"): every entry carries
// the previous entry's hash and its own, SHA-256 over the previous hash and a
// canonical JSON of its fields. Editing an entry changes its hash; inserting or
// deleting one breaks the next entry's link; deleting the newest one leaves the
// store's head pointing at nothing. Every driver chains with these functions, so
// a log moved between drivers verifies the same.
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditInput } from '../store/model.ts';

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Absent values only reach here inside arrays, where JSON writes them as null.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** The hash of entry `seq` whose predecessor's hash is `prevHash`. */
export function auditHash(prevHash: string, seq: number, entry: AuditInput): string {
  const fields = {
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    result: entry.result,
    requestId: entry.requestId,
    details: entry.details,
  };
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(fields)}`)
    .digest('hex');
}

/** The stored form of `entry` as number `seq` after an entry hashed `prevHash`. */
export function chainEntry(entry: AuditInput, seq: number, prevHash: string): AuditEntry {
  return { ...entry, seq, prevHash, hash: auditHash(prevHash, seq, entry) };
}
