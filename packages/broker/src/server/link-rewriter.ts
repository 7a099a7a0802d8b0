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
  /** Rewrites every `<upstream>/api/v3` prefix in a JSON text to the broker's. */
  rewriteJson(text: string): string;
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
  const from = `${options.upstreamOrigin}/api/v3`;
  const to = `${options.publicUrl.replace(/\/+$/, '')}/api/v3`;
  const signed = new Map<string, SignedTarget>();
  const prune = (nowMs: number): void => {
    for (const [token, t] of signed) if (t.expiresAt <= nowMs) signed.delete(token);
  };
  return {
    signedPrefix: SIGNED_PREFIX,
    rewriteJson: (text) => (text.includes(from) ? text.split(from).join(to) : text),
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
