// What `GET /search?query=` looks for (reference §4.6): a hash, URL, domain or
// IP is looked up as that object; anything else is a comment tag.
import { bareTerm } from './parse-term.ts';

export type SimpleQuery =
  | { kind: 'hash'; value: string }
  | { kind: 'url'; id: string }
  | { kind: 'domain'; value: string }
  | { kind: 'ip'; value: string }
  | { kind: 'tag'; value: string };

export function classifySimpleQuery(query: string): SimpleQuery {
  const q = query.trim();
  const term = bareTerm(q);
  switch (term?.kind) {
    case 'hash':
    case 'domain':
    case 'ip':
      return { kind: term.kind, value: term.value };
    case 'url':
      return { kind: 'url', id: term.id };
    default:
      return { kind: 'tag', value: q.replace(/^#/, '').toLowerCase() };
  }
}
