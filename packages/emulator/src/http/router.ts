// A small method + path router. Patterns are `/api/v3/files/:id`; a literal
// segment beats a parameter (`/files/upload_url` before `/files/:id`), and a
// final `*rest` takes the remaining segments.

export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

interface Compiled<R> {
  route: R;
  segments: string[];
  rest: string | undefined;
  score: number;
}

export interface Router<R> {
  add(method: string, pattern: string, route: R): void;
  match(method: string, path: string): Match<R> | undefined;
  /** Whether any method serves this path (to tell 404 from 405). */
  hasPath(path: string): boolean;
}

export class BadPathError extends Error {
  override readonly name = 'BadPathError';
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export function createRouter<R>(): Router<R> {
  // Routes by method, then by segment count (rest routes apart): a lookup scans
  // only the few routes of the right length, most specific first.
  const byMethod = new Map<string, { exact: Map<number, Compiled<R>[]>; rest: Compiled<R>[] }>();

  const tryMatch = (c: Compiled<R>, segs: string[]): Record<string, string> | undefined => {
    if (
      c.rest === undefined ? segs.length !== c.segments.length : segs.length < c.segments.length
    ) {
      return undefined;
    }
    for (let i = 0; i < c.segments.length; i++) {
      const pat = c.segments[i] as string;
      if (!pat.startsWith(':') && pat !== segs[i]) return undefined;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < c.segments.length; i++) {
      const pat = c.segments[i] as string;
      if (pat.startsWith(':')) params[pat.slice(1)] = decodeSegment(segs[i] as string);
    }
    if (c.rest !== undefined)
      params[c.rest] = segs.slice(c.segments.length).map(decodeSegment).join('/');
    return params;
  };

  const candidates = (method: string, count: number): Compiled<R>[] => {
    const table = byMethod.get(method);
    if (!table) return [];
    const exact = table.exact.get(count) ?? [];
    return table.rest.length === 0
      ? exact
      : [...exact, ...table.rest].sort((a, b) => b.score - a.score);
  };

  return {
    add(method, pattern, route) {
      const all = splitPath(pattern);
      const last = all.at(-1);
      const rest = last?.startsWith('*') ? last.slice(1) : undefined;
      const segments = rest === undefined ? all : all.slice(0, -1);
      // Literal segments early in the path weigh most.
      const score = segments.reduce(
        (s, seg, i) => s + (seg.startsWith(':') ? 0 : 2 ** (16 - i)),
        rest === undefined ? 1 : 0,
      );
      const table = byMethod.get(method) ?? { exact: new Map<number, Compiled<R>[]>(), rest: [] };
      byMethod.set(method, table);
      const list = rest === undefined ? (table.exact.get(segments.length) ?? []) : table.rest;
      list.push({ route, segments, rest, score });
      list.sort((a, b) => b.score - a.score);
      if (rest === undefined) table.exact.set(segments.length, list);
    },
    match(method, path) {
      const segs = splitPath(path);
      for (const c of candidates(method, segs.length)) {
        const params = tryMatch(c, segs);
        if (params) return { route: c.route, params };
      }
      return undefined;
    },
    hasPath(path) {
      const segs = splitPath(path);
      for (const method of byMethod.keys()) {
        if (candidates(method, segs.length).some((c) => tryMatch(c, segs))) return true;
      }
      return false;
    },
  };
}

function decodeSegment(seg: string): string {
  if (!seg.includes('%')) return seg;
  try {
    return decodeURIComponent(seg);
  } catch {
    throw new BadPathError(`malformed percent-encoding in path segment "${seg}"`);
  }
}
