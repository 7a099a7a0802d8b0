// The one redaction step for log lines, errors and test snapshots
// (ARCHITECTURE.md, "Security"): VT keys (64 hex next to a key-ish name),
// broker tokens (`vtb_…`), admin tokens (`vtba_…`), VT agent tokens (`vtai_…`),
// `apikey=` parameters and `x-apikey` headers never leave the process in the
// clear. Registered secrets (the keys the broker holds) are removed wherever
// they appear.

const PATTERNS: [RegExp, string][] = [
  [/\bvtb_[a-z0-9]{12}_[A-Za-z0-9_-]{20,}/g, 'vtb_[REDACTED]'],
  [/\bvtba_[a-z0-9]{12}_[A-Za-z0-9_-]{20,}/g, 'vtba_[REDACTED]'],
  [/\bvtai_[A-Za-z0-9_-]{16,}/g, 'vtai_[REDACTED]'],
  [/((?:x-)?apikey["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1[REDACTED]'],
];

export interface Redactor {
  (text: string): string;
  /** Remembers a secret so that it is removed from every later text. */
  register(secret: string): void;
  forget(secret: string): void;
  /**
   * Removes only the registered secrets: for answers passed on to consumers, whose
   * VT data may legitimately contain `apikey=` text or broker-like tokens.
   */
  secretsOnly(text: string): string;
  /**
   * `secretsOnly` on UTF-8 bytes (answers as VT sent them): the same bytes, not a
   * copy, when they hold no registered secret — the case of every answer.
   */
  secretsOnlyBytes(bytes: Uint8Array): Uint8Array;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function createRedactor(): Redactor {
  /** Each registered secret with its UTF-8 bytes (searched for in answers). */
  const secrets = new Map<string, Buffer>();
  const secretsOnly = (text: string): string => {
    let out = text;
    for (const secret of secrets.keys())
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    return out;
  };
  const secretsOnlyBytes = (bytes: Uint8Array): Uint8Array => {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const secret of secrets.values())
      if (view.includes(secret)) return encoder.encode(secretsOnly(decoder.decode(bytes)));
    return bytes;
  };
  const redact = ((text: string): string => {
    let out = secretsOnly(text);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }) as Redactor;
  redact.secretsOnly = secretsOnly;
  redact.secretsOnlyBytes = secretsOnlyBytes;
  redact.register = (secret) => {
    if (secret.length >= 8 && !secrets.has(secret))
      secrets.set(secret, Buffer.from(secret, 'utf8'));
  };
  redact.forget = (secret) => {
    secrets.delete(secret);
  };
  return redact;
}

/** Redacts every string inside a JSON-like value. */
export function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]));
  }
  return value;
}
