// What the scanner reports. A finding never holds a secret: only its redacted
// form and fingerprint (secret-display.ts). Offsets let `--fix` find the text
// again in the file it re-reads.
import type { Tier } from '../store/model.ts';

export type Severity = 'error' | 'warning' | 'note';

export type RuleId =
  'vt-api-key' | 'vtb-token' | 'vtb-admin-token' | 'vt-agent-token' | 'v2-endpoint' | 'v2-library';

export type SecretKind = 'vt-key' | 'broker-token' | 'admin-token' | 'agent-token';

export interface SecretRef {
  kind: SecretKind;
  /** First 4 and last 4 characters, e.g. `1ebb…963b`. */
  redacted: string;
  /** `sha256:` + 16 hex of the whole secret, as `vtbroker key list` shows keys. */
  fingerprint: string;
  /** A broker or admin token's public id (`vtbroker token list` / `admin token list`). */
  tokenId?: string;
}

/** What `--verify` learnt about a key from VirusTotal. */
export interface Verification {
  status: 'alive' | 'dead' | 'throttled' | 'unknown';
  /** For `alive`: the tier inferred from `/users/{key}` (keys/inspect-key.ts). */
  tier?: Tier;
  detail: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Relative to the working directory, with `/` separators. */
  file: string;
  /** 1-based line and column (UTF-16 code units, as SARIF's default columnKind). */
  line: number;
  column: number;
  endColumn: number;
  /** UTF-16 offset and length of the finding in the file's text. */
  offset: number;
  length: number;
  message: string;
  /** What to do about it, as a person would do it. */
  fix: string;
  secret?: SecretRef;
  verification?: Verification;
}

export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export type FailOn = Severity | 'none';

/** True when a finding of `severity` makes the run fail under `--fail-on`. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1);
}
