// What generated relationships pick from: the ids of the corpus as it was when
// the emulator started. Later uploads and fixtures are left out on purpose, so
// that an upload never reshuffles a relationship list while a client pages
// through it (cursors are offsets). The snapshot is a memo keyed by the corpus
// (one per emulator); it holds no state of its own.
import type { Random } from '../random.ts';
import type { Corpus } from './corpus.ts';
import type { ObjectType } from './objects.ts';

/** The object types generated relationships point at. */
export type PoolType = 'file' | 'url' | 'domain' | 'ip_address';

export type Pools = Readonly<Record<PoolType, readonly string[]>>;

const snapshots = new WeakMap<Corpus, Pools>();

/** The corpus's ids per type, taken on first use (the relationship routes call it at start). */
export function poolsOf(corpus: Corpus): Pools {
  let pools = snapshots.get(corpus);
  if (!pools) {
    const ids = (type: ObjectType): string[] => corpus.list(type).map((o) => o.id);
    pools = {
      file: ids('file'),
      url: ids('url'),
      domain: ids('domain'),
      ip_address: ids('ip_address'),
    };
    snapshots.set(corpus, pools);
  }
  return pools;
}

/** Up to `n` distinct ids of `pool`, in a seeded order, never `exclude`. */
export function sample(
  random: Random,
  pool: readonly string[],
  n: number,
  exclude?: string,
): string[] {
  const candidates = exclude === undefined ? pool : pool.filter((id) => id !== exclude);
  if (n >= candidates.length) return shuffled(random, candidates);
  const picked = new Set<string>();
  while (picked.size < n) picked.add(random.pick(candidates));
  return [...picked];
}

function shuffled(random: Random, items: readonly string[]): string[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

const MISSING_WORDS = ['cdn', 'update', 'dl', 'files', 'static', 'api', 'panel', 'gate', 'srv'];
const MISSING_TLDS = ['com', 'net', 'xyz', 'top', 'ru', 'info'];

/**
 * An id of `type` that VT would know but this corpus does not: such items show
 * as per-item NotFoundError entries in full relationship lists (reference §2.3).
 */
export function missingId(random: Random, type: PoolType): string {
  switch (type) {
    case 'file':
    case 'url':
      return random.hex(64);
    case 'domain':
      return `${random.pick(MISSING_WORDS)}-${random.hex(6)}.${random.pick(MISSING_TLDS)}`;
    case 'ip_address':
      return `${random.range(11, 99)}.${random.range(0, 255)}.${random.range(0, 255)}.${random.range(1, 254)}`;
  }
}
