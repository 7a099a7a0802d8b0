// Submissions (reference §4.1, §4.3): `POST /files` (multipart, 32 MB),
// `GET /files/upload_url` and the one-time URL it answers (650 MB), `POST /urls`
// (urlencoded or multipart field `url`), and the re-analyses
// `POST /files/{id}/analyse` and `POST /urls/{id}/analyse`. Each answers the
// analysis descriptor with HTTP 200.
import { scanningOf } from '../analyses/scanning.ts';
import { analysisDescriptor } from '../analyses/render.ts';
import type { FileObject } from '../corpus/objects.ts';
import { badRequest, notFound, VtHttpError } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { acceptFileUpload } from '../uploads/accept-file-upload.ts';
import { readFormFields } from '../uploads/form-fields.ts';
import { UPLOAD_PATH_PREFIX, uploadUrl, type UploadScope } from '../uploads/upload-tickets.ts';
import type { ApiCtx, OpenCtx, RouteModule } from './define.ts';
import { findUrl } from './objects.ts';

const API_PREFIX = '/api/v3';

/** The emulator's own origin, from the base of its API links. */
export const originOf = (apiBase: string): string =>
  apiBase.endsWith(API_PREFIX) ? apiBase.slice(0, -API_PREFIX.length) : apiBase;

/** `findFile` with the file's hashes and bytes: 404 `File "<id>" not found` (reference §2.4). */
export function findFileObject(ctx: ApiCtx, id: string): FileObject {
  const file = ctx.services.corpus.file(id);
  if (!file) throw notFound(`File "${id}" not found`);
  return file;
}

/** `GET …/upload_url`: `{"data": "<absolute one-time URL>"}` on the emulator's origin. */
export function issueUploadUrl(ctx: ApiCtx, scope: UploadScope): EmuResponse {
  const { clock, settings } = ctx.services;
  const ticket = scanningOf(ctx.services).uploads.issue(
    ctx.user.id,
    scope,
    clock.now(),
    settings.uploads.uploadUrlTtlSeconds,
  );
  return json({ data: uploadUrl(originOf(ctx.apiBase), ticket) });
}

/** The `url` form field of `POST /urls` and `POST /private/urls`; 400 when missing. */
export async function readUrlField(ctx: ApiCtx): Promise<string> {
  const url = (await readFormFields(ctx.req)).get('url')?.trim();
  if (!url) throw badRequest('Missing the "url" form field (e.g. url=https://example.com/)');
  return url;
}

/** `POST /_ah/upload/{token}/`: the one-time upload URL, with x-apikey optional (vt-py sends it). */
async function uploadToTicket(ctx: OpenCtx): Promise<EmuResponse> {
  const { services } = ctx;
  const apikey = ctx.req.headers['x-apikey'];
  if (apikey !== undefined && apikey !== '') {
    const found = services.accounts.lookupKey(apikey);
    if (found.status === 'inactive')
      throw new VtHttpError('UserNotActiveError', 'User is not active');
    if (found.status !== 'ok') throw new VtHttpError('WrongCredentialsError', 'Wrong API key');
  }
  const ticket = scanningOf(services).uploads.claim(
    ctx.params['token'] ?? '',
    services.clock.now(),
  );
  const user = services.accounts.user(ticket.userId);
  if (!user)
    throw new VtHttpError(
      'ForbiddenError',
      'The user who asked for this upload URL no longer exists',
    );
  ctx.identify(user);
  const analysis = await acceptFileUpload(services, user, ctx.req, {
    scope: ticket.scope,
    maxBytes: services.settings.uploads.uploadUrlMaxBytes,
  });
  return json(analysisDescriptor(ctx.apiBase, analysis));
}

export const submissionRoutes: RouteModule = (services) => {
  const { analyses } = scanningOf(services);
  return [
    {
      kind: 'v3',
      method: 'POST',
      path: '/files',
      // Free for a never-seen file; acceptFileUpload charges a known one (reference §6).
      cost: 0,
      counter: 'submissions',
      async handler(ctx) {
        const analysis = await acceptFileUpload(ctx.services, ctx.user, ctx.req, {
          scope: 'public',
          maxBytes: ctx.services.settings.uploads.directMaxBytes,
        });
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
    {
      kind: 'v3',
      method: 'GET',
      path: '/files/upload_url',
      counter: 'file_upload_url',
      handler: (ctx) => issueUploadUrl(ctx, 'public'),
    },
    {
      kind: 'open',
      method: 'POST',
      path: `${UPLOAD_PATH_PREFIX}/:token`,
      api: 'upload',
      handler: uploadToTicket,
    },
    {
      kind: 'v3',
      method: 'POST',
      path: '/urls',
      counter: 'url_submission',
      async handler(ctx) {
        const url = await readUrlField(ctx);
        const analysis = analyses.submitUrl(url, {
          user: ctx.user,
          scope: 'public',
          isSubmission: true,
        });
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
    {
      kind: 'v3',
      method: 'POST',
      path: '/files/:id/analyse',
      counter: 'file_analyse',
      handler(ctx) {
        const file = findFileObject(ctx, ctx.params['id'] ?? '');
        const hashes = { md5: file.md5, sha1: file.sha1, sha256: file.sha256 };
        const analysis = analyses.submitFile(
          { hashes, size: file.size, name: undefined, content: undefined },
          { user: ctx.user, scope: 'public', isSubmission: false },
        );
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
    {
      kind: 'v3',
      method: 'POST',
      path: '/urls/:id/analyse',
      counter: 'url_analyse',
      handler(ctx) {
        const obj = findUrl(ctx, ctx.params['id'] ?? '');
        const url = obj.attributes()['url'];
        if (typeof url !== 'string') throw new Error(`URL object ${obj.id} has no "url" attribute`);
        const analysis = analyses.submitUrl(url, {
          user: ctx.user,
          scope: 'public',
          isSubmission: false,
        });
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
  ];
};
