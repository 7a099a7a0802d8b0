// Retrohunt (reference §4.7, §5.7; premium, VT Hunting): YARA rules run over
// VT's past files. Jobs are owner-only; at most 10 run at once, 300 rules each.
import type { Collection } from '../collection.ts';
import { enc, getData, listCollection, type ListOptions } from '../internal/collections.ts';
import type { Requester } from '../internal/requester.ts';
import { unixSeconds } from '../internal/vt-dates.ts';
import type {
  VtRetrohuntCorpus,
  VtRetrohuntJob,
  VtRetrohuntMatch,
  VtRetrohuntStatus,
} from '../types/retrohunt.ts';

const BASE = '/intelligence/retrohunt_jobs';
/** vt-py and vt-cli poll long jobs slowly; a retrohunt runs for minutes to hours. */
export const RETROHUNT_POLL_MS = 60_000;
const DONE: readonly VtRetrohuntStatus[] = ['finished', 'aborted'];

export interface RetrohuntJobInput {
  /** YARA rules (at most 300). */
  rules: string;
  /** `main` (default: recent months) or `goodware` (~1M NSRL files). */
  corpus?: VtRetrohuntCorpus;
  notificationEmail?: string;
  /** Dates, or Unix seconds; at most 90 days back for most users. */
  timeRange?: { start?: Date | number; end?: Date | number };
  signal?: AbortSignal;
}

export interface RetrohuntListOptions extends ListOptions {
  /** Only jobs in these states (sent as `filter=status:(a|b)`). */
  status?: VtRetrohuntStatus | readonly VtRetrohuntStatus[];
  /** A raw VT filter; `status` is ignored when this is given. */
  filter?: string;
}

export interface RetrohuntResource {
  create(input: RetrohuntJobInput): Promise<VtRetrohuntJob>;
  list(options?: RetrohuntListOptions): Collection<VtRetrohuntJob>;
  get(id: string, options?: { signal?: AbortSignal }): Promise<VtRetrohuntJob>;
  abort(id: string, options?: { signal?: AbortSignal }): Promise<void>;
  delete(id: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** The files the job matched so far. */
  matchingFiles(id: string, options?: ListOptions): Collection<VtRetrohuntMatch>;
  /** Polls (with the client's sleep) until the job is finished or aborted. */
  wait(id: string, options?: { pollMs?: number; signal?: AbortSignal }): Promise<VtRetrohuntJob>;
}

function createBody(input: RetrohuntJobInput): unknown {
  const attributes: Record<string, unknown> = { rules: input.rules };
  if (input.corpus !== undefined) attributes['corpus'] = input.corpus;
  if (input.notificationEmail !== undefined)
    attributes['notification_email'] = input.notificationEmail;
  if (input.timeRange !== undefined) {
    const { start, end } = input.timeRange;
    attributes['time_range'] = {
      ...(start === undefined ? {} : { start: unixSeconds(start) }),
      ...(end === undefined ? {} : { end: unixSeconds(end) }),
    };
  }
  return { data: { type: 'retrohunt_job', attributes } };
}

function statusFilter(options: RetrohuntListOptions): string | undefined {
  if (options.filter !== undefined) return options.filter;
  if (options.status === undefined) return undefined;
  const list: readonly VtRetrohuntStatus[] =
    typeof options.status === 'string' ? [options.status] : options.status;
  return list.length === 1 ? `status:${list[0] ?? ''}` : `status:(${list.join('|')})`;
}

export function retrohuntResource(r: Requester): RetrohuntResource {
  const get = (id: string, options: { signal?: AbortSignal } = {}) =>
    getData<VtRetrohuntJob>(r, `${BASE}/${enc(id)}`, {}, options.signal);
  return {
    async create(input) {
      const body = await r.json<{ data: VtRetrohuntJob }>({
        method: 'POST',
        path: BASE,
        json: createBody(input),
        signal: input.signal,
      });
      return body.data;
    },
    list: (options = {}) =>
      listCollection<VtRetrohuntJob>(r, BASE, { filter: statusFilter(options) }, options),
    get,
    async abort(id, options = {}) {
      await r.send({ method: 'POST', path: `${BASE}/${enc(id)}/abort`, signal: options.signal });
    },
    async delete(id, options = {}) {
      await r.send({ method: 'DELETE', path: `${BASE}/${enc(id)}`, signal: options.signal });
    },
    matchingFiles: (id, options = {}) =>
      listCollection<VtRetrohuntMatch>(r, `${BASE}/${enc(id)}/matching_files`, {}, options),
    async wait(id, options = {}) {
      for (;;) {
        const job = await get(id, options);
        if (DONE.includes(job.attributes.status)) return job;
        await r.config.sleep(options.pollMs ?? RETROHUNT_POLL_MS, options.signal);
      }
    },
  };
}
