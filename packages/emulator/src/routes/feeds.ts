// Feeds (reference §4.9): `GET /feeds/{files,urls,file_behaviours}/{YYYYMMDDhhmm}`
// and `/hourly/{YYYYMMDDhh}` answer 302 to a signed storage URL on the
// emulator's own origin, which serves the bzip2 batch; `/feeds/files/{token}/download`
// serves a feed file's bytes. Availability follows the injected clock.
import type { Privilege } from '../accounts/privileges.ts';
import { forbidden, notFound, VtHttpError } from '../errors.ts';
import { redirect } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import {
  availability,
  feedKindOf,
  parseBatchName,
  type Availability,
  type FeedKind,
  type Granularity,
} from '../premium/feed-batches.ts';
import { createFeedState, STORAGE_PREFIX, type FeedState } from '../premium/feed-state.ts';
import { ControlError, controlRoute } from './control.ts';
import type { ApiCtx, OpenCtx, RouteModule, RouteSpec } from './define.ts';

const PRIVILEGE_OF: Record<FeedKind, Privilege> = {
  files: 'file-feed',
  urls: 'url-feed',
  // VT sells a separate sandbox feed licence; the emulator has no such privilege [U].
  file_behaviours: 'file-feed',
};
/** Path segments served, with vt-py's hyphenated spelling (reference §4.9). */
const SEGMENTS = ['files', 'urls', 'file_behaviours', 'file-behaviours'] as const;
const SUFFIX: Record<Granularity, string> = { minute: '.bz2', hour: '.tar.bz2' };

function refuse(status: Availability, name: string, ctx: ApiCtx, granularity: Granularity): never {
  const { delayMinutes, keepDays } = ctx.services.settings.feeds;
  if (status === 'too-recent') {
    const lag =
      granularity === 'minute' ? `${delayMinutes} minutes` : `${delayMinutes + 60} minutes`;
    throw new VtHttpError(
      'NotAvailableYet',
      `Batch ${name} is not available yet (batches lag ${lag})`,
    );
  }
  if (status === 'expired') throw notFound(`Batch ${name} is older than ${keepDays} days`);
  throw notFound(`Batch ${name} not found`);
}

function batchRoute(state: FeedState, segment: string, granularity: Granularity): RouteSpec {
  const kind = feedKindOf(segment) ?? 'files';
  return {
    kind: 'v3',
    method: 'GET',
    path: `/feeds/${segment}${granularity === 'hour' ? '/hourly' : ''}/:time`,
    privilege: PRIVILEGE_OF[kind],
    handler(ctx) {
      const name = ctx.params['time'] ?? '';
      const startMs = parseBatchName(name, granularity);
      const now = ctx.services.clock.now();
      const missing = granularity === 'minute' && state.isMissing(kind, startMs);
      const status = availability(granularity, startMs, now, ctx.services.settings.feeds, missing);
      if (status !== 'available') refuse(status, name, ctx, granularity);
      return redirect(state.storageUrl(ctx.apiBase, kind, `${name}${SUFFIX[granularity]}`, now));
    },
  };
}

function downloadRoute(state: FeedState): RouteSpec {
  return {
    kind: 'v3',
    method: 'GET',
    path: '/feeds/files/:token/download',
    privilege: 'file-feed',
    handler(ctx) {
      // The feed licence and the download privilege are both needed (GTI-SPEC).
      if (!ctx.user.privileges.has('downloads-tier-2')) {
        throw forbidden('Downloading feed files requires the "downloads-tier-2" privilege');
      }
      const payload = state.signer.open(ctx.params['token'] ?? '') ?? '';
      const [batch = '', sha256 = ''] = payload.split(':');
      const { keepDays } = ctx.services.settings.feeds;
      const startMs = /^\d{12}$/.test(batch) ? parseBatchName(batch, 'minute') : NaN;
      // A download link works during the feed's lifetime only (reference §4.9).
      if (!(startMs >= ctx.services.clock.now() - keepDays * 86_400_000)) {
        throw notFound('Feed file not found or its download link has expired');
      }
      const content = ctx.services.corpus.file(sha256)?.content();
      if (!content) throw notFound(`File "${sha256}" content is not available`);
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: content,
      };
    },
  };
}

async function serveStorage(state: FeedState, ctx: OpenCtx): Promise<EmuResponse> {
  const kind = feedKindOf(ctx.params['feed'] ?? '');
  const file = ctx.params['file'] ?? '';
  const expires = Number(ctx.req.query.get('exp'));
  const sig = ctx.req.query.get('sig') ?? '';
  if (!kind || !state.signer.verify(state.storageClaim(kind, file, expires), sig)) {
    throw forbidden('Invalid storage signature');
  }
  if (expires * 1000 < ctx.services.clock.now()) throw forbidden('This storage link has expired');
  const minute = /^(\d{12})\.bz2$/.exec(file)?.[1];
  const hour = /^(\d{10})\.tar\.bz2$/.exec(file)?.[1];
  let body: Buffer;
  if (minute !== undefined) {
    const startMs = parseBatchName(minute, 'minute');
    if (state.isMissing(kind, startMs)) throw notFound(`Batch ${minute} not found`);
    body = await state.archive.minute(kind, startMs, ctx.apiBase);
  } else if (hour !== undefined) {
    const present = (ms: number) => !state.isMissing(kind, ms);
    body = await state.archive.hour(kind, parseBatchName(hour, 'hour'), ctx.apiBase, present);
  } else {
    throw notFound(`No such feed file "${file}"`);
  }
  return { status: 200, headers: { 'content-type': 'application/x-bzip2' }, body };
}

/** `POST /_emulator/feeds/missing {"batch": "YYYYMMDDhhmm", "feed": "files", "missing": true}`. */
function missingControl(state: FeedState): RouteSpec {
  return controlRoute('POST', '/feeds/missing', (_ctx, body) => {
    const feed = feedKindOf(typeof body['feed'] === 'string' ? body['feed'] : 'files');
    const batch = body['batch'];
    if (!feed) throw new ControlError('"feed" must be files, urls or file_behaviours');
    const usage = 'send {"batch": "YYYYMMDDhhmm", "feed": "files", "missing": true}';
    if (typeof batch !== 'string') throw new ControlError(usage);
    let startMs: number;
    try {
      startMs = parseBatchName(batch, 'minute');
    } catch {
      throw new ControlError(usage);
    }
    const missing = body['missing'] !== false;
    state.mark(feed, startMs, missing);
    return { feed, batch, missing };
  });
}

export const feedRoutes: RouteModule = (services) => {
  const state = createFeedState(services);
  return [
    ...SEGMENTS.flatMap((segment) => [
      batchRoute(state, segment, 'minute'),
      batchRoute(state, segment, 'hour'),
    ]),
    downloadRoute(state),
    {
      kind: 'open',
      method: 'GET',
      path: `${STORAGE_PREFIX}/:feed/:file`,
      api: 'storage',
      handler: (ctx) => serveStorage(state, ctx),
    },
    missingControl(state),
  ];
};
