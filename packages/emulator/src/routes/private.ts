// Private scanning (reference §4.3, premium; privilege `private-scanning`):
// `POST /private/files`, `GET /private/files/upload_url`, `POST /private/urls`,
// `GET /private/analyses/{id}` (a `private_analysis`, queued then completed),
// `GET /private/files/{sha256}` and `POST /private/files/{sha256}/analyse`.
// Everything stays with the submitting user: nothing reaches the public corpus.
import type { EmuUser } from '../accounts/registry.ts';
import { analysisDescriptor, analysisObject } from '../analyses/render.ts';
import { privateFileAttributes, type PrivateFile } from '../analyses/private-files.ts';
import { scanningOf } from '../analyses/scanning.ts';
import { notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import { acceptFileUpload } from '../uploads/accept-file-upload.ts';
import type { ApiCtx, RouteModule, V3Route } from './define.ts';
import { issueUploadUrl, readUrlField } from './submissions.ts';

/** Counter names in `api_usage` for private scanning: the emulator's own [U]. */
const COUNTERS = {
  file: 'private_file_scan',
  uploadUrl: 'private_file_upload_url',
  url: 'private_url_scan',
  analyses: 'private_analyses',
  files: 'private_files',
} as const;

type PrivateRoute = Omit<V3Route, 'kind' | 'privilege'>;

export const privateRoutes: RouteModule = (services) => {
  const { analyses } = scanningOf(services);
  const privately = (user: EmuUser) => ({ user, scope: 'private', isSubmission: true }) as const;
  const findFile = (ctx: ApiCtx): PrivateFile => {
    const sha256 = ctx.params['sha256'] ?? '';
    const file = analyses.privateFile(ctx.user.id, sha256);
    if (!file) throw notFound(`File "${sha256}" not found`);
    return file;
  };

  const routes: PrivateRoute[] = [
    {
      method: 'POST',
      path: '/private/files',
      counter: COUNTERS.file,
      async handler(ctx) {
        const analysis = await acceptFileUpload(ctx.services, ctx.user, ctx.req, {
          scope: 'private',
          maxBytes: ctx.services.settings.uploads.directMaxBytes,
        });
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
    {
      method: 'GET',
      path: '/private/files/upload_url',
      counter: COUNTERS.uploadUrl,
      handler: (ctx) => issueUploadUrl(ctx, 'private'),
    },
    {
      method: 'POST',
      path: '/private/urls',
      counter: COUNTERS.url,
      async handler(ctx) {
        const analysis = analyses.submitUrl(await readUrlField(ctx), privately(ctx.user));
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
    {
      method: 'GET',
      path: '/private/analyses/:id',
      counter: COUNTERS.analyses,
      handler(ctx) {
        const id = ctx.params['id'] ?? '';
        const a = analyses.get(id, 'private', ctx.user.id);
        if (!a) throw notFound(`Private analysis with id "${id}" not found`);
        return json(analysisObject(ctx.apiBase, a, analyses.state(a)));
      },
    },
    {
      method: 'GET',
      path: '/private/files/:sha256',
      counter: COUNTERS.files,
      handler(ctx) {
        const file = findFile(ctx);
        const sha256 = file.hashes.sha256;
        return json({
          data: {
            type: 'private_file',
            id: sha256,
            links: { self: `${ctx.apiBase}/private/files/${sha256}` },
            attributes: privateFileAttributes(file),
          },
        });
      },
    },
    {
      method: 'POST',
      path: '/private/files/:sha256/analyse',
      counter: COUNTERS.file,
      handler(ctx) {
        const { hashes, size } = findFile(ctx);
        const analysis = analyses.submitFile(
          { hashes, size, name: undefined, content: undefined },
          { ...privately(ctx.user), isSubmission: false },
        );
        return json(analysisDescriptor(ctx.apiBase, analysis));
      },
    },
  ];
  return routes.map((route) => ({ ...route, kind: 'v3', privilege: 'private-scanning' }));
};
