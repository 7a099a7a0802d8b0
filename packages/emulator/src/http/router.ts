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
  const byMethod = new Map<string, Compiled<R>[]>();

  const tryMatch = (c: Compiled<R>, segs: string[]): Record<string, string> | undefined => {
    if (
      c.rest === undefined ? segs.length !== c.segments.length : segs.length < c.segments.length
    ) {
      return undefined;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < c.segments.length; i++) {
      const pat = c.segments[i] as string;
      const seg = segs[i] as string;
      if (pat.startsWith(':')) params[pat.slice(1)] = decodeSegment(seg);
      else if (pat !== seg) return undefined;
    }
    if (c.rest !== undefined)
      params[c.rest] = segs.slice(c.segments.length).map(decodeSegment).join('/');
    return params;
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
      const list = byMethod.get(method) ?? [];
      list.push({ route, segments, rest, score });
      list.sort((a, b) => b.score - a.score);
      byMethod.set(method, list);
    },
    match(method, path) {
      const list = byMethod.get(method);
      if (!list) return undefined;
      const segs = splitPath(path);
      for (const c of list) {
        const params = tryMatch(c, segs);
        if (params) return { route: c.route, params };
      }
      return undefined;
    },
    hasPath(path) {
      const segs = splitPath(path);
      for (const list of byMethod.values()) {
        if (list.some((c) => tryMatch(c, segs))) return true;
      }
      return false;
    },
  };
}

function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw new BadPathError(`malformed percent-encoding in path segment "${seg}"`);
  }
}
