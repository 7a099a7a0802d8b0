// Absolute VT URLs in answers point back at the broker (ARCHITECTURE.md, step 9),
// so clients that follow links (vt-go follows `links.next` verbatim) come back
// through the broker and never send a broker token to VT. Upload and download
// URLs — VT's own, or signed storage URLs — become opaque, expiring broker paths
// that the broker streams through.
import { randomBytes } from 'node:crypto';

export type SignedKind = 'upload' | 'download';

export interface SignedTarget {
  kind: SignedKind;
  url: string;
  /** The key version that obtained the URL: uploads must go with the same key. */
  versionId: string;
  consumerId: string;
  expiresAt: number;
}

export interface LinkRewriter {
  /**
   * Rewrites every `<upstream>/api/v3` prefix in a JSON answer (UTF-8 bytes) to the
   * broker's, on the bytes: no decoding, one copy, none when there is no link.
   */
  rewriteJson(bytes: Uint8Array): Uint8Array;
  /** A broker URL standing for `target.url`. */
  sign(target: SignedTarget): string;
  resolve(kind: SignedKind, token: string, nowMs: number): SignedTarget | undefined;
  /** Prefix under which signed paths are served. */
  readonly signedPrefix: string;
}

export const SIGNED_PREFIX = '/_vtb';

export function createLinkRewriter(options: {
  upstreamOrigin: string;
  publicUrl: string;
}): LinkRewriter {
  const from = Buffer.from(`${options.upstreamOrigin}/api/v3`);
  const to = Buffer.from(`${options.publicUrl.replace(/\/+$/, '')}/api/v3`);
  const signed = new Map<string, SignedTarget>();
  const prune = (nowMs: number): void => {
    for (const [token, t] of signed) if (t.expiresAt <= nowMs) signed.delete(token);
  };
  return {
    signedPrefix: SIGNED_PREFIX,
    rewriteJson: (bytes) => replaceAll(bytes, from, to),
    sign(target) {
      prune(target.expiresAt - 3_600_000);
      const token = randomBytes(24).toString('base64url');
      signed.set(`${target.kind}:${token}`, target);
      return `${options.publicUrl.replace(/\/+$/, '')}${SIGNED_PREFIX}/${target.kind}/${token}`;
    },
    resolve(kind, token, nowMs) {
      const target = signed.get(`${kind}:${token}`);
      if (!target || target.expiresAt <= nowMs) return undefined;
      return target;
    },
  };
}

/** `bytes` with every occurrence of `from` (left to right, not overlapping) replaced by `to`. */
function replaceAll(bytes: Uint8Array, from: Buffer, to: Buffer): Uint8Array {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: number[] = [];
  for (let at = source.indexOf(from); at !== -1; at = source.indexOf(from, at + from.length))
    found.push(at);
  if (found.length === 0) return bytes;
  const out = Buffer.allocUnsafe(source.length + found.length * (to.length - from.length));
  let read = 0;
  let written = 0;
  for (const at of found) {
    written += source.copy(out, written, read, at);
    written += to.copy(out, written);
    read = at + from.length;
  }
  source.copy(out, written, read);
  return out;
}
