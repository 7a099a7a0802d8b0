// `/intelligence/retrohunt_jobs` (reference §4.7, §5.7): owner-only jobs whose
// state follows the injected clock, and the corpus files they matched.
import { toVtObject } from '../corpus/objects.ts';
import { badRequest, invalidArgument, notFound } from '../errors.ts';
import { dataAttributes, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import type { Handler } from '../http/types.ts';
import {
  RETROHUNT_STATUSES,
  isUnfinished,
  retrohuntAttributes,
  retrohuntState,
  type RetrohuntJob,
  type RetrohuntStatus,
} from '../premium/retrohunt-lifecycle.ts';
import { parseRetrohuntRequest } from '../premium/retrohunt-request.ts';
import { createRetrohuntStore, type RetrohuntStore } from '../premium/retrohunt-store.ts';
import { matchingFiles } from '../premium/rule-matches.ts';
import { parseRules } from '../premium/yara-rules.ts';
import { collectionResponse } from './collection.ts';
import type { ApiCtx, Method, RouteModule, V3Route } from './define.ts';

const BASE = '/intelligence/retrohunt_jobs';
/** Body of the DELETE and abort answers, which VT does not document [U]. */
const EMPTY_ANSWER = {};

/** `filter=status:running` (or `status:(running|finished)`), reference §4.7. */
export function parseStatusFilter(raw: string | null): Set<RetrohuntStatus> | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const wanted = new Set<RetrohuntStatus>();
  for (const token of raw.trim().split(/\s+/)) {
    const m = /^status:\(?([a-z|]+)\)?$/.exec(token);
    if (!m) throw invalidArgument(`Invalid filter "${token}": use status:<status>`);
    for (const s of (m[1] ?? '').split('|')) {
      if (!(RETROHUNT_STATUSES as readonly string[]).includes(s)) {
        throw invalidArgument(`Unknown status "${s}": use ${RETROHUNT_STATUSES.join(', ')}`);
      }
      wanted.add(s as RetrohuntStatus);
    }
  }
  return wanted;
}

const stateOf = (ctx: ApiCtx, job: RetrohuntJob) =>
  retrohuntState(job, ctx.services.clock.now(), ctx.services.settings.retrohunt);

const view = (ctx: ApiCtx, job: RetrohuntJob) => ({
  type: 'retrohunt_job',
  id: job.id,
  links: { self: `${ctx.apiBase}${BASE}/${job.id}` },
  attributes: retrohuntAttributes(job, stateOf(ctx, job)),
});

// Jobs are owner-only: anyone else's job is simply not found (reference §5.7).
function ownJob(store: RetrohuntStore, ctx: ApiCtx): RetrohuntJob {
  const id = ctx.params['id'] ?? '';
  const job = store.get(id);
  if (job?.owner !== ctx.user.id) throw notFound(`Retrohunt job "${id}" not found`);
  return job;
}

const listJobs =
  (store: RetrohuntStore): Handler<ApiCtx> =>
  (ctx) => {
    const statuses = parseStatusFilter(ctx.req.query.get('filter'));
    const jobs = store
      .ownedBy(ctx.user.id)
      .map((job) => view(ctx, job))
      .filter((v) => statuses?.has(v.attributes['status'] as RetrohuntStatus) ?? true);
    return collectionResponse(ctx, jobs);
  };

const createJob =
  (store: RetrohuntStore): Handler<ApiCtx> =>
  async (ctx) => {
    const { clock, corpus, settings } = ctx.services;
    const { maxConcurrentJobs, maxRules } = settings.retrohunt;
    const attributes = dataAttributes(await readJson(ctx.req), 'retrohunt_job');
    const now = clock.now();
    const request = parseRetrohuntRequest(attributes, now, maxRules);
    const running = store.ownedBy(ctx.user.id).filter((j) => isUnfinished(stateOf(ctx, j)));
    if (running.length >= maxConcurrentJobs) {
      // VT's code for this limit is undocumented [U]; a 400 is never retried blindly.
      throw badRequest(
        `You already have ${running.length} retrohunt jobs running (at most ${maxConcurrentJobs}); wait for one to finish or abort one`,
      );
    }
    const job = store.add({
      ...request,
      owner: ctx.user.id,
      createdMs: now,
      matches: matchingFiles(corpus.files(), request.rules, request.corpus),
    });
    return json({ data: view(ctx, job) });
  };

const abortJob =
  (store: RetrohuntStore): Handler<ApiCtx> =>
  (ctx) => {
    const job = ownJob(store, ctx);
    const { status } = stateOf(ctx, job);
    if (status === 'finished' || status === 'aborted') {
      throw badRequest(`Retrohunt job "${job.id}" is already ${status}`);
    }
    job.abortedMs ??= ctx.services.clock.now();
    return json(EMPTY_ANSWER);
  };

/** The files matched so far: the list grows with progress (reference §4.7). */
const matchingFilesOf =
  (store: RetrohuntStore): Handler<ApiCtx> =>
  (ctx) => {
    const job = ownJob(store, ctx);
    const names = parseRules(job.rules).map((r) => r.name);
    const found = job.matches.slice(0, stateOf(ctx, job).numMatches);
    const items = found.map((file) => ({
      ...toVtObject(file, ctx.apiBase),
      // What VT puts here is undocumented [U]: the rule that matched.
      context_attributes: {
        rule_name: names[parseInt(file.sha256.slice(0, 8), 16) % names.length] ?? '',
        match_in_subfile: false,
      },
    }));
    return collectionResponse(ctx, items);
  };

const route = (method: Method, path: string, handler: Handler<ApiCtx>): V3Route => ({
  kind: 'v3',
  method,
  path: `${BASE}${path}`,
  privilege: 'retrohunt',
  handler,
});

export const retrohuntRoutes: RouteModule = () => {
  const store = createRetrohuntStore();
  return [
    route('GET', '', listJobs(store)),
    route('POST', '', createJob(store)),
    route('GET', '/:id', (ctx) => json({ data: view(ctx, ownJob(store, ctx)) })),
    route('DELETE', '/:id', (ctx) => {
      store.remove(ownJob(store, ctx).id);
      return json(EMPTY_ANSWER);
    }),
    route('POST', '/:id/abort', abortJob(store)),
    route('GET', '/:id/matching_files', matchingFilesOf(store)),
  ];
};
