// One search term (`modifier:value` or a bare hash, URL, domain or IP) into a
// typed Term. The modifiers are VT Intelligence's (docs/search.md lists the
// subset); anything else answers 400 naming the token and its position.
import { isIP } from 'node:net';
import { hashKind } from '../corpus/hashes.ts';
import { urlSha256 } from '../corpus/url-id.ts';
import { QueryError, type Comparison, type Entity, type Term } from './query-ast.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const ENTITIES: Readonly<Record<string, Entity>> = {
  file: 'file',
  url: 'url',
  domain: 'domain',
  ip: 'ip',
  ip_address: 'ip',
};
/** Size units; VT does not say whether KB is 1000 or 1024 bytes [U]: the emulator uses 1024. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
};
/** Content searches need VT's content index, which the emulator does not have. */
const CONTENT_MODIFIERS = new Set(['content']);

export interface WordToken {
  text: string;
  value: string;
  position: number;
}

const comparison = (suffix: string | undefined): Comparison =>
  suffix === '+' ? 'gte' : suffix === '-' ? 'lte' : 'eq';

function fail(word: WordToken, why: string): never {
  throw new QueryError(
    'BadRequestError',
    `${why}: "${word.text}" at position ${word.position}`,
    word.position,
  );
}

export function parseTerm(word: WordToken): Term {
  const bare = bareTerm(word.value);
  if (bare) return bare;
  const colon = word.value.indexOf(':');
  if (colon < 0) fail(word, 'Unsupported search term (use a hash, URL, domain, IP or a modifier)');
  const key = word.value.slice(0, colon).toLowerCase();
  const value = word.value.slice(colon + 1);
  if (CONTENT_MODIFIERS.has(key)) {
    throw new QueryError(
      'UnsupportedContentQueryError',
      `Content searches are not supported by the emulator: "${word.text}" at position ${word.position}`,
      word.position,
    );
  }
  if (value === '') fail(word, `Missing value for "${key}:"`);
  return modifierTerm(word, key, value);
}

function modifierTerm(word: WordToken, key: string, value: string): Term {
  const lower = value.toLowerCase();
  switch (key) {
    case 'entity': {
      const entity = ENTITIES[lower];
      return entity
        ? { kind: 'entity', entity }
        : fail(word, 'Unknown entity (file, url, domain, ip)');
    }
    case 'type':
      return { kind: 'type', value: lower };
    case 'p':
    case 'positives': {
      const m = /^(\d+)([+-]?)$/.exec(value);
      if (!m) fail(word, 'Invalid positives (expected N, N+ or N-)');
      return { kind: 'positives', cmp: comparison(m[2]), value: Number(m[1]) };
    }
    case 'size':
      return sizeTerm(word, lower);
    case 'tag':
    case 'name':
    case 'engines':
      return { kind: key, value: lower };
    case 'fs':
    case 'ls':
      return dateTerm(word, key === 'fs' ? 'first_submission_date' : 'last_submission_date', value);
    default:
      return fail(word, `Unsupported search modifier "${key}:"`);
  }
}

function sizeTerm(word: WordToken, value: string): Term {
  const m = /^(\d+(?:\.\d+)?)(b|kb|mb|gb)?([+-]?)$/.exec(value);
  const unit = SIZE_UNITS[m?.[2] ?? ''];
  if (!m || unit === undefined) fail(word, 'Invalid size (expected e.g. 100, 20kb+, 1mb-)');
  return { kind: 'size', cmp: comparison(m[3]), bytes: Math.round(Number(m[1]) * unit) };
}

function dateTerm(
  word: WordToken,
  field: 'first_submission_date' | 'last_submission_date',
  value: string,
): Term {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?([+-]?)$/.exec(value);
  if (!m) fail(word, 'Invalid date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ss, then + or -)');
  const [, y, mo, d, h, mi, s, suffix] = m;
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(d)) fail(word, 'Invalid date');
  const fromSeconds = ms / 1000;
  const toSeconds = fromSeconds + (h === undefined ? 86_400 : 1);
  return { kind: 'date', field, cmp: comparison(suffix), fromSeconds, toSeconds };
}

/** A bare hash, URL, IP or domain; undefined for anything else. */
export function bareTerm(value: string): Term | undefined {
  const lower = value.toLowerCase();
  if (hashKind(lower)) return { kind: 'hash', value: lower };
  if (isIP(value)) return { kind: 'ip', value: lower };
  if (/^https?:\/\//i.test(value)) return { kind: 'url', id: urlSha256(value), value };
  if (!value.includes(':') && DOMAIN.test(value))
    return { kind: 'domain', value: lower.replace(/\.$/, '') };
  if (!value.includes(':') && value.includes('/') && DOMAIN.test(value.split('/')[0] ?? '')) {
    return { kind: 'url', id: urlSha256(value), value };
  }
  return undefined;
}
