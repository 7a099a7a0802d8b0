// File downloads (reference §4.1, premium): `GET /files/{id}/download_url`
// answers `{"data": "<signed URL>"}` valid settings.downloads.urlTtlSeconds and
// reusable without quota; `GET /files/{id}/download` redirects (302) to such a
// URL, which vt-py and vt-go follow. The signed URL streams the bytes as
// application/octet-stream. The emulator can only serve bytes it has: synthetic
// corpus files and uploads up to settings.uploads.retainBytesMax.
import { Readable } from 'node:stream';
import { unixSeconds } from '../clock.ts';
import { scanningOf } from '../analyses/scanning.ts';
import type { FileObject } from '../corpus/objects.ts';
import { notFound, type VtHttpError } from '../errors.ts';
import { json, redirect } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { DOWNLOAD_PATH_PREFIX } from '../uploads/download-links.ts';
import type { ApiCtx, OpenCtx, RouteModule } from './define.ts';
import { findFileObject, originOf } from './submissions.ts';

const noContent = (sha256: string, retainBytesMax: number): VtHttpError =>
  notFound(
    `The emulator does not have the content of file "${sha256}": only synthetic corpus files ` +
      `and uploads of at most ${retainBytesMax} bytes can be downloaded`,
  );

export const downloadRoutes: RouteModule = (services) => {
  const { analyses, downloads } = scanningOf(services);
  const contentOf = (file: FileObject): Buffer | undefined =>
    file.content() ?? analyses.retainedContent(file.sha256);

  /** The signed URL for a file the emulator can serve, or 404. */
  const signedUrl = (ctx: ApiCtx): string => {
    const file = findFileObject(ctx, ctx.params['id'] ?? '');
    if (!contentOf(file)) throw noContent(file.sha256, services.settings.uploads.retainBytesMax);
    const expires = unixSeconds(services.clock.now()) + services.settings.downloads.urlTtlSeconds;
    return downloads.url(
      originOf(ctx.apiBase),
      { sha256: file.sha256, userId: ctx.user.id },
      expires,
    );
  };

  const serve = (ctx: OpenCtx): EmuResponse => {
    const sha256 = (ctx.params['sha256'] ?? '').toLowerCase();
    const grant = downloads.verify(sha256, ctx.req.query, unixSeconds(services.clock.now()));
    const user = services.accounts.user(grant.userId);
    if (user) ctx.identify(user);
    const file = services.corpus.file(sha256);
    const content = file ? contentOf(file) : undefined;
    if (!content) throw noContent(sha256, services.settings.uploads.retainBytesMax);
    return {
      status: 200,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(content.length),
      },
      // A stream, not a Buffer: the node adapter gzips Buffers, never downloads.
      body: Readable.from([content]),
    };
  };

  return [
    {
      kind: 'v3',
      method: 'GET',
      path: '/files/:id/download_url',
      privilege: 'downloads-tier-2',
      counter: 'file_download',
      handler: (ctx) => json({ data: signedUrl(ctx) }),
    },
    {
      kind: 'v3',
      method: 'GET',
      path: '/files/:id/download',
      privilege: 'downloads-tier-2',
      counter: 'file_download',
      handler: (ctx) => redirect(signedUrl(ctx)),
    },
    {
      kind: 'open',
      method: 'GET',
      path: `${DOWNLOAD_PATH_PREFIX}/:sha256`,
      api: 'storage',
      handler: serve,
    },
  ];
};
