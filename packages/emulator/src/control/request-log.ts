// Every request the emulator received, for tests to assert the exact upstream
// sequence ("the emulator saw one call"). Keys are never stored: an entry names
// the key by its emulator label (`k1`) and its fingerprint.

export interface RequestLogEntry {
  seq: number;
  /** Emulated time (ms) when the request arrived. */
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  /** VT error code when the answer was an error. */
  code: string | undefined;
  keyId: string | undefined;
  userId: string | undefined;
  /** The injected fault that shaped this answer, if any. */
  fault: string | undefined;
  api: 'v3' | 'v2' | 'upload' | 'storage' | 'control' | 'other';
}

export interface RequestLog {
  /** Takes ownership of `entry` (no copy) and gives it the next sequence number. */
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry;
  /** Entries after `sinceSeq` (exclusive), oldest first. */
  entries(filter?: { sinceSeq?: number; api?: RequestLogEntry['api'] }): RequestLogEntry[];
  clear(): void;
  readonly lastSeq: number;
}

export function createRequestLog(capacity = 50_000): RequestLog {
  // A fixed ring: no reallocation or slicing on the request path.
  let ring: (RequestLogEntry | undefined)[] = new Array<RequestLogEntry | undefined>(capacity);
  let seq = 0;
  let oldest = 1;
  return {
    add(entry) {
      const full = entry as RequestLogEntry;
      full.seq = ++seq;
      ring[seq % capacity] = full;
      if (seq - oldest >= capacity) oldest = seq - capacity + 1;
      return full;
    },
    entries(filter = {}) {
      const out: RequestLogEntry[] = [];
      for (let s = Math.max(oldest, (filter.sinceSeq ?? 0) + 1); s <= seq; s++) {
        const e = ring[s % capacity];
        if (e?.seq === s && (filter.api === undefined || e.api === filter.api)) out.push(e);
      }
      return out;
    },
    clear() {
      ring = new Array<RequestLogEntry | undefined>(capacity);
      oldest = seq + 1;
    },
    get lastSeq() {
      return seq;
    },
  };
}
