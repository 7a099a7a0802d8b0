// Evaluates a parsed query against one object. Pure: it sees only the
// object's type, id and VT attributes. Modifiers that do not apply to a type
// (size: on a domain) never match it. `positives` is the number of engines
// with category "malicious" in last_analysis_stats (VT Intelligence's p:).
import type { Entity, QueryNode, Term } from './query-ast.ts';

export type SearchType = 'file' | 'url' | 'domain' | 'ip_address';

export interface Searchable {
  type: SearchType;
  id: string;
  attributes: Readonly<Record<string, unknown>>;
}

export const ENTITY_TYPE: Readonly<Record<Entity, SearchType>> = {
  file: 'file',
  url: 'url',
  domain: 'domain',
  ip: 'ip_address',
};

export function matches(node: QueryNode, obj: Searchable): boolean {
  switch (node.op) {
    case 'and':
      return node.children.every((c) => matches(c, obj));
    case 'or':
      return node.children.some((c) => matches(c, obj));
    case 'not':
      return !matches(node.child, obj);
    case 'term':
      return matchTerm(node.term, obj);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

export function positivesOf(attrs: Readonly<Record<string, unknown>>): number {
  const stats = attrs['last_analysis_stats'] as Record<string, unknown> | undefined;
  return num(stats?.['malicious']) ?? 0;
}

function compare(value: number | undefined, cmp: 'eq' | 'gte' | 'lte', target: number): boolean {
  if (value === undefined) return false;
  return cmp === 'eq' ? value === target : cmp === 'gte' ? value >= target : value <= target;
}

function matchTerm(term: Term, obj: Searchable): boolean {
  const a = obj.attributes;
  const isFile = obj.type === 'file';
  switch (term.kind) {
    case 'hash':
      return (
        isFile && [obj.id, str(a['md5']), str(a['sha1']), str(a['sha256'])].includes(term.value)
      );
    case 'url':
      return obj.type === 'url' && obj.id === term.id;
    case 'domain':
      return obj.type === 'domain' && obj.id === term.value;
    case 'ip':
      return obj.type === 'ip_address' && obj.id === term.value;
    case 'entity':
      return obj.type === ENTITY_TYPE[term.entity];
    case 'type':
      return (
        isFile &&
        [
          str(a['type_tag']),
          str(a['type_extension']),
          str(a['type_description']),
          ...strings(a['type_tags']),
        ].includes(term.value)
      );
    case 'positives':
      return compare(positivesOf(a), term.cmp, term.value);
    case 'size':
      return isFile && compare(num(a['size']), term.cmp, term.bytes);
    case 'tag':
      return strings(a['tags']).includes(term.value);
    case 'name':
      return isFile && strings(a['names']).some((n) => n.includes(term.value));
    case 'engines':
      return engineResults(a).some((r) => r.includes(term.value));
    case 'date':
      return matchDate(num(a[term.field]), term);
  }
}

function matchDate(value: number | undefined, term: Extract<Term, { kind: 'date' }>): boolean {
  if (value === undefined) return false;
  if (term.cmp === 'gte') return value >= term.fromSeconds;
  if (term.cmp === 'lte') return value < term.toSeconds;
  return value >= term.fromSeconds && value < term.toSeconds;
}

function engineResults(attrs: Readonly<Record<string, unknown>>): string[] {
  const results = attrs['last_analysis_results'];
  if (typeof results !== 'object' || results === null) return [];
  return Object.values(results as Record<string, { result?: unknown }>).map((r) => str(r.result));
}

/**
 * Which object types a query searches: those named by `entity:` terms (not
 * negated); else every type when only negated ones exist; else the types of
 * bare hashes, URLs, domains and IPs; else files (VT Intelligence's default).
 */
export function targetTypes(node: QueryNode): SearchType[] {
  const named = new Set<SearchType>();
  const negated = new Set<SearchType>();
  const bare = new Set<SearchType>();
  const walk = (n: QueryNode, inNot: boolean): void => {
    if (n.op === 'not') {
      walk(n.child, !inNot);
      return;
    }
    if (n.op !== 'term') {
      for (const c of n.children) walk(c, inNot);
      return;
    }
    const t = n.term;
    if (t.kind === 'entity') (inNot ? negated : named).add(ENTITY_TYPE[t.entity]);
    else if (t.kind === 'hash') bare.add('file');
    else if (t.kind === 'url' || t.kind === 'domain') bare.add(t.kind);
    else if (t.kind === 'ip') bare.add('ip_address');
  };
  walk(node, false);
  if (named.size > 0) return [...named];
  if (negated.size > 0) return ['file', 'url', 'domain', 'ip_address'];
  return bare.size > 0 ? [...bare] : ['file'];
}
