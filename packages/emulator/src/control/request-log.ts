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
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry;
  /** Entries after `sinceSeq` (exclusive), oldest first. */
  entries(filter?: { sinceSeq?: number; api?: RequestLogEntry['api'] }): RequestLogEntry[];
  clear(): void;
  readonly lastSeq: number;
}

export function createRequestLog(capacity = 50_000): RequestLog {
  let ring: RequestLogEntry[] = [];
  let seq = 0;
  return {
    add(entry) {
      const full = { seq: ++seq, ...entry };
      ring.push(full);
      if (ring.length > capacity) ring = ring.slice(ring.length - Math.floor(capacity / 2));
      return full;
    },
    entries(filter = {}) {
      const since = filter.sinceSeq ?? 0;
      return ring.filter(
        (e) => e.seq > since && (filter.api === undefined || e.api === filter.api),
      );
    },
    clear() {
      ring = [];
    },
    get lastSeq() {
      return seq;
    },
  };
}
