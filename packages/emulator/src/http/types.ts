// The emulator's own request/response shapes. The core never sees node:http or
// fetch types: `node-adapter.ts` serves it on a port, `fetch-adapter.ts`
// in-process, and both hand it these.
import type { Readable } from 'node:stream';

export interface EmuRequest {
  readonly method: string;
  /** Path without the query, as sent (percent-encoding kept). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** `scheme://host[:port]` that absolute links in answers point at. */
  readonly origin: string;
  /** Path and query as received, e.g. `/api/v3/files/x?relationships=a`. */
  readonly url: string;
  readonly body: Readable;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  /** Close the connection without an answer (fault injection). */
  drop?: boolean;
}

export type Handler<C> = (ctx: C) => EmuResponse | Promise<EmuResponse>;
