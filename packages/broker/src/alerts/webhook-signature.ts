// Webhook signatures, Stripe's scheme (docs/alerts.md, "Signature"): HMAC-SHA256
// with the webhook's secret over "<unix seconds>.<raw body>", sent as
//   X-Vtbroker-Signature: t=<unix seconds>,v1=<hex>
// The timestamp is inside the MAC, so a receiver that checks it against its own
// clock rejects a replayed request, and one that checks the MAC rejects a forged
// or altered body. Several v1= entries may appear (a receiver rotating secrets).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Vtbroker-Signature';
export const ALERT_ID_HEADER = 'X-Vtbroker-Alert-Id';

/** How far a receiver lets the signed time drift from its own, either way. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `X-Vtbroker-Signature` value for this body, signed at `nowMs`. */
export function signWebhookBody(secret: string, rawBody: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmacHex(secret, t, rawBody)}`;
}

/**
 * True when `header` carries a v1 MAC of `rawBody` made with `secret`, at a time
 * within `toleranceSeconds` of `nowMs`. Pass the body exactly as received (before
 * any JSON parsing): re-serialised JSON would not match.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  nowMs: number,
  toleranceSeconds: number = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (typeof header !== 'string' || secret === '') return false;
  const parsed = parseSignatureHeader(header);
  if (parsed === undefined || parsed.v1.length === 0) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - parsed.t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, parsed.t, rawBody), 'utf8');
  let match = false;
  for (const candidate of parsed.v1) {
    const given = Buffer.from(candidate, 'utf8');
    // Every candidate is compared (no early exit), each in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match;
}

function hmacHex(secret: string, t: number, rawBody: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** `t=…,v1=…[,v1=…]`; other schemes (v0, future v2) are ignored, as Stripe's are. */
function parseSignatureHeader(header: string): { t: number; v1: string[] } | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== undefined) return undefined;
      t = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) v1.push(value);
  }
  return t === undefined ? undefined : { t, v1 };
}
