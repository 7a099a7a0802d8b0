// The building blocks of generated relationships: a seeded pick of related ids
// from the corpus pools, some of them (on purpose) ids the corpus does not hold.
import type { Random } from '../random.ts';
import type { Corpus } from './corpus.ts';
import { EICAR } from './eicar.ts';
import type { CorpusObject, ObjectType } from './objects.ts';
import { missingId, poolsOf, sample, type PoolType } from './related-pools.ts';

/** A related object as a relationship lists it: a descriptor, maybe with context. */
export interface RelatedItem {
  type: ObjectType;
  id: string;
  context_attributes?: Record<string, unknown>;
}

export interface RelationInput {
  corpus: Corpus;
  obj: CorpusObject;
  name: string;
  /** The requesting user (for `user_votes`). */
  viewerId: string;
}

export type Generator = (input: RelationInput) => RelatedItem[];

export interface PickSpec {
  to: PoolType;
  min: number;
  max: number;
  /** Share of items that point outside the corpus (0..1). */
  missing?: number;
  /** Whether the first item always points outside the corpus. */
  firstMissing?: boolean;
  /** Only objects for which this holds have the relationship. */
  when?: (obj: CorpusObject) => boolean;
}

/**
 * Relationship sizes for well-known objects, so clients can page through at
 * least 3 pages at limit 10 (key `<type>:<id>`; the id is VT's).
 */
export const WELL_KNOWN_COUNTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [`file:${EICAR.sha256}`]: {
    similar_files: 36,
    itw_urls: 32,
  },
  'domain:example.com': { subdomains: 34, communicating_files: 33 },
  'ip_address:8.8.8.8': { communicating_files: 35 },
};

/** The seeded stream of one object's relationship (same seed, same graph). */
export const relationRandom = (
  corpus: Corpus,
  type: ObjectType,
  id: string,
  name: string,
): Random => corpus.random(`relationships/${type}/${id}/${name}`);

export const randomFor = ({ corpus, obj, name }: RelationInput): Random =>
  relationRandom(corpus, obj.type, obj.id, name);

export function wellKnownCount(type: ObjectType, id: string, name: string): number | undefined {
  return WELL_KNOWN_COUNTS[`${type}:${id}`]?.[name];
}

/** A generator that picks `spec.min..spec.max` related objects of `spec.to`. */
export function picks(spec: PickSpec): Generator {
  return (input) => {
    const r = randomFor(input);
    const fixed = wellKnownCount(input.obj.type, input.obj.id, input.name);
    if (fixed === undefined && spec.when && !spec.when(input.obj)) return [];
    const count = fixed ?? r.range(spec.min, spec.max);
    const found = sample(r, poolsOf(input.corpus)[spec.to], count, input.obj.id);
    const items: RelatedItem[] = [];
    for (let i = 0; i < count; i++) {
      const missing = (spec.firstMissing && i === 0) || r.chance(spec.missing ?? 0);
      const id = missing ? missingId(r, spec.to) : found[i];
      if (id !== undefined) items.push({ type: spec.to, id });
    }
    return dedupe(items);
  };
}

export const none: Generator = () => [];

export const ids = (type: ObjectType, list: readonly string[]): RelatedItem[] =>
  list.map((id) => ({ type, id }));

export function dedupe(items: readonly RelatedItem[]): RelatedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.type}:${item.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The host of a URL object, lower-case, or undefined. */
export function urlHost(obj: CorpusObject): string | undefined {
  const raw = obj.attributes()['url'];
  if (typeof raw !== 'string') return undefined;
  try {
    return new URL(raw).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}
