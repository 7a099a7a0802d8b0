// Walks a VT feed minute by minute (reference §4.9), as vt-py's `Feed` does:
// each batch `GET /feeds/{kind}/{YYYYMMDDhhmm}` redirects to a bzip2 file of
// JSON lines. The compressed file is downloaded whole (a small fraction of its
// text) and decoded line by line as the caller reads, so the text is never
// held whole and no connection waits on a slow caller. A batch not out yet (400
// NotAvailableYet) is waited for with the injected sleep; one missing batch
// (404) is skipped, more in a row are an error. The cursor
// `YYYYMMDDhhmm-<lines read>` resumes right after the last item handed out.
import { VtConfigError } from '../config.ts';
import { VtAbortError, VtApiError, VtError, VtNotFoundError } from '../errors.ts';
import { bunzip2 } from './bzip2.ts';
import { textLines } from './json-lines.ts';
import type { Requester } from './requester.ts';
import { batchName, MINUTE_MS, parseBatchName } from './vt-dates.ts';
import { readChunks } from './web-streams.ts';

export type FeedKind = 'files' | 'urls' | 'file_behaviours';

export interface FeedOptions {
  /** First batch, a Date or `YYYYMMDDhhmm` (UTC). Default: now − 70 min, as vt-py. */
  start?: Date | string;
  /** A `feed.cursor` from an earlier walk; takes precedence over `start`. */
  cursor?: string;
  /** Missing batches (404) tolerated in a row; default 1, as vt-py and vt-go. */
  maxMissing?: number;
  /** Wait before asking again for a batch that is NotAvailableYet; default 60 000 ms (vt-py). */
  waitMs?: number;
  signal?: AbortSignal;
}

/** vt-py starts 70 minutes back: the newest batch is T−60 min (reference §4.9). */
export const DEFAULT_START_BACK_MS = 70 * MINUTE_MS;
/** vt-py sleeps 60 s on NotAvailableYet (vt-go: 20 s, doubling) (reference §4.9). */
export const DEFAULT_WAIT_MS = 60_000;
/** Clients skip one missing batch; several in a row are an error (reference §4.9). */
export const DEFAULT_MAX_MISSING = 1;

/** More consecutive batches were missing (404) than a feed tolerates. */
export class VtFeedGapError extends VtError {
  override name = 'VtFeedGapError';
  readonly feed: FeedKind;
  /** The missing batches, `YYYYMMDDhhmm`, oldest first. */
  readonly batches: readonly string[];
  constructor(feed: FeedKind, batches: readonly string[], cause: VtNotFoundError) {
    super(
      `${batches.length} consecutive ${feed} feed batches are missing: ${batches.join(', ')}.`,
      {
        hint: 'VT keeps batches 7 days and skips one now and then (reference §4.9). Start within the last 7 days, or resume later from feed.cursor.',
        cause,
      },
    );
    this.feed = feed;
    this.batches = batches;
  }
}

interface Position {
  batchMs: number;
  /** Lines of that batch already handed out. */
  read: number;
}

function startOf(options: FeedOptions, nowMs: number): Position {
  if (options.cursor !== undefined) {
    const m = /^(\d{12})-(\d+)$/.exec(options.cursor);
    const batchMs = m ? parseBatchName(m[1] ?? '') : undefined;
    if (batchMs === undefined) {
      throw new VtConfigError(`"${options.cursor}" is not a feed cursor.`, {
        hint: "Pass feed.cursor from an earlier walk, e.g. client.feeds.files({ cursor: '202601151100-3' })",
      });
    }
    return { batchMs, read: Number(m?.[2]) };
  }
  const start = options.start ?? new Date(nowMs - DEFAULT_START_BACK_MS);
  const batchMs = typeof start === 'string' ? parseBatchName(start) : start.getTime();
  if (batchMs === undefined || Number.isNaN(batchMs)) {
    throw new VtConfigError(
      `start must be a Date or "YYYYMMDDhhmm" (UTC), got "${String(start)}".`,
      {
        hint: "client.feeds.files({ start: '202601151030' })",
      },
    );
  }
  return { batchMs: batchMs - (batchMs % MINUTE_MS), read: 0 };
}

function parseLine(line: string, kind: FeedKind, batch: string, index: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new VtError(`Line ${index} of ${kind} feed batch ${batch} is not JSON.`, {
      cause: error,
    });
  }
}

/** A walk over one feed: `for await` the items; read `cursor` to resume later. */
export class FeedReader<T> implements AsyncIterable<T> {
  readonly kind: FeedKind;
  readonly #r: Requester;
  readonly #options: FeedOptions;
  #at: Position;

  constructor(r: Requester, kind: FeedKind, options: FeedOptions = {}) {
    const maxMissing = options.maxMissing ?? DEFAULT_MAX_MISSING;
    if (!Number.isInteger(maxMissing) || maxMissing < 0) {
      throw new VtConfigError(`maxMissing must be a whole number ≥ 0, got ${String(maxMissing)}.`, {
        hint: 'client.feeds.files({ maxMissing: 1 })',
      });
    }
    this.#r = r;
    this.kind = kind;
    this.#options = options;
    this.#at = startOf(options, r.config.now());
  }

  /** `YYYYMMDDhhmm-<lines read>`: pass it as `cursor` to resume after the last item. */
  get cursor(): string {
    return `${batchName(this.#at.batchMs)}-${this.#at.read}`;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      const compressed = await this.#nextBatch();
      const batch = batchName(this.#at.batchMs);
      const skip = this.#at.read;
      let index = 0;
      for await (const line of textLines(bunzip2(compressed))) {
        index++;
        if (index <= skip) continue;
        const item = parseLine(line, this.kind, batch, index) as T;
        this.#at = { batchMs: this.#at.batchMs, read: index };
        yield item;
      }
      this.#at = { batchMs: this.#at.batchMs + MINUTE_MS, read: 0 };
    }
  }

  /** The compressed bytes of the next available batch from the cursor on; moves the cursor there. */
  async #nextBatch(): Promise<Uint8Array[]> {
    const signal = this.#options.signal ?? this.#r.config.signal;
    const missing: string[] = [];
    let batchMs = this.#at.batchMs;
    for (;;) {
      const name = batchName(batchMs);
      try {
        const res = await this.#r.send({
          method: 'GET',
          path: `/feeds/${this.kind}/${name}`,
          signal,
        });
        const compressed = await this.#download(res, name, signal);
        if (batchMs !== this.#at.batchMs) this.#at = { batchMs, read: 0 };
        return compressed;
      } catch (error) {
        if (error instanceof VtApiError && error.code === 'NotAvailableYet') {
          await this.#r.config.sleep(this.#options.waitMs ?? DEFAULT_WAIT_MS, signal);
          continue;
        }
        if (!(error instanceof VtNotFoundError)) throw error;
        missing.push(name);
        if (missing.length > (this.#options.maxMissing ?? DEFAULT_MAX_MISSING)) {
          throw new VtFeedGapError(this.kind, missing, error);
        }
        batchMs += MINUTE_MS;
      }
    }
  }

  async #download(res: Response, batch: string, signal?: AbortSignal): Promise<Uint8Array[]> {
    const chunks: Uint8Array[] = [];
    try {
      for await (const chunk of readChunks(res.body ?? new Blob([]).stream())) chunks.push(chunk);
    } catch (error) {
      if (signal?.aborted === true) {
        throw new VtAbortError(`The ${this.kind} feed was aborted`, { cause: error });
      }
      throw new VtError(`The download of ${this.kind} feed batch ${batch} was cut off.`, {
        hint: 'Resume from feed.cursor; raise timeoutMs if batches are large for the link.',
        cause: error,
      });
    }
    return chunks;
  }
}
