// A VT collection (reference §2.2): awaiting it gives the first page;
// `for await` walks every item across pages; `.pages()` walks pages; `.cursor`
// is a resumable position (`<server cursor>-<index in page>`, as vt-py's); and
// `toArray({ limit })` demands a limit, because a collection can be endless.
import { VtConfigError } from './config.ts';

export interface PageMeta {
  cursor?: string;
  count?: number;
  [key: string]: unknown;
}

export interface Page<T> {
  data: T[];
  meta: PageMeta;
  links: { self?: string; next?: string };
  /** The server cursor of the next page; undefined on the last page. */
  nextCursor: string | undefined;
}

export type PageFetcher<T> = (serverCursor: string | undefined) => Promise<Page<T>>;

export function splitCursor(cursor: string | undefined): {
  server: string | undefined;
  skip: number;
} {
  if (cursor === undefined || cursor === '') return { server: undefined, skip: 0 };
  const at = cursor.lastIndexOf('-');
  const skip = at === -1 ? NaN : Number(cursor.slice(at + 1));
  if (!Number.isInteger(skip) || skip < 0) {
    throw new VtConfigError(`"${cursor}" is not a cursor this client made.`, {
      hint: 'Pass the value of collection.cursor from an earlier walk.',
    });
  }
  const server = cursor.slice(0, at);
  return { server: server === '' ? undefined : server, skip };
}

export class Collection<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #start: { server: string | undefined; skip: number };
  #position: string | undefined;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: PageFetcher<T>, cursor?: string) {
    this.#fetchPage = fetchPage;
    this.#start = splitCursor(cursor);
    this.#position = cursor;
  }

  /** Where the last item handed out ends: pass it as `cursor` to resume after it. */
  get cursor(): string | undefined {
    return this.#position;
  }

  firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#start.server);
    return this.#first;
  }

  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let server = this.#start.server;
    let page = await this.firstPage();
    for (;;) {
      yield page;
      if (page.nextCursor === undefined || page.data.length === 0) return;
      server = page.nextCursor;
      page = await this.#fetchPage(server);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    let skip = this.#start.skip;
    let server = this.#start.server;
    for await (const page of this.pages()) {
      for (let i = skip; i < page.data.length; i++) {
        this.#position = `${server ?? ''}-${i + 1}`;
        yield page.data[i] as T;
      }
      skip = 0;
      server = page.nextCursor;
    }
  }

  /** Up to `limit` items. The limit is required. */
  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = (options as { limit?: unknown } | undefined)?.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new VtConfigError('toArray() needs a limit: a collection can hold millions of items.', {
        hint: 'await collection.toArray({ limit: 500 })',
      });
    }
    const out: T[] = [];
    if (limit === 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }
}
