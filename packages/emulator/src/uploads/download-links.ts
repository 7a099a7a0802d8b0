// Signed download URLs (`GET /files/{id}/download_url`, and the 302 of
// `/files/{id}/download`): valid for settings.downloads.urlTtlSeconds (1 h on VT)
// and reusable without quota (reference §4.1). The URL carries its own expiry and
// an HMAC over (sha256, expiry, user), so the emulator keeps no state per URL.
// A bad or expired URL answers 403 ForbiddenError, as a cloud-storage signed URL
// does (VT's exact answer is not documented [U]).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { forbidden } from '../errors.ts';

/** Where signed download URLs live on the emulator's origin [U: VT uses a storage host]. */
export const DOWNLOAD_PATH_PREFIX = '/_storage/files';

export interface DownloadGrant {
  sha256: string;
  userId: string;
}

export interface DownloadLinks {
  url(origin: string, grant: DownloadGrant, expiresAtSeconds: number): string;
  /** Checks a signed URL's query; throws 403 ForbiddenError when it is not valid now. */
  verify(sha256: string, query: URLSearchParams, nowSeconds: number): DownloadGrant;
}

export function createDownloadLinks(secret: string): DownloadLinks {
  const sign = (sha256: string, userId: string, expires: number): string =>
    createHmac('sha256', secret).update(`${sha256}\n${userId}\n${expires}`).digest('hex');
  return {
    url(origin, grant, expiresAtSeconds) {
      const query = new URLSearchParams({
        user: grant.userId,
        expires: String(expiresAtSeconds),
        signature: sign(grant.sha256, grant.userId, expiresAtSeconds),
      });
      return `${origin}${DOWNLOAD_PATH_PREFIX}/${grant.sha256}?${query.toString()}`;
    },
    verify(sha256, query, nowSeconds) {
      const userId = query.get('user') ?? '';
      const expires = Number(query.get('expires'));
      const given = Buffer.from(query.get('signature') ?? '');
      const wanted = Buffer.from(sign(sha256, userId, expires));
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        throw forbidden('Invalid download URL signature; ask GET /files/{id}/download_url again');
      }
      if (!(expires > nowSeconds)) {
        throw forbidden('This download URL has expired; ask GET /files/{id}/download_url again');
      }
      return { sha256, userId };
    },
  };
}
