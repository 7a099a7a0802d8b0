import { describe, expect, it } from 'vitest';
import { matches, targetTypes, type Searchable } from './match-query.ts';
import { parseOrder, sortResults } from './order.ts';
import { parseQuery } from './parse-query.ts';
import { QueryError } from './query-ast.ts';

const DAY = Date.UTC(2025, 2, 1) / 1000;

const file = (id: string, extra: Record<string, unknown> = {}): Searchable => ({
  type: 'file',
  id,
  attributes: {
    sha256: id,
    md5: id.slice(0, 32),
    size: 4096,
    type_tag: 'peexe',
    type_tags: ['executable', 'peexe'],
    tags: ['peexe', 'signed'],
    names: ['Invoice.exe', 'x.exe'],
    first_submission_date: DAY + 3600,
    last_submission_date: DAY + 86_400 * 3,
    last_analysis_stats: { malicious: 12 },
    last_analysis_results: { A: { result: 'Trojan.Emotet.x' }, B: { result: null } },
    ...extra,
  },
});
const domain: Searchable = {
  type: 'domain',
  id: 'example.com',
  attributes: { tags: [], last_analysis_stats: { malicious: 0 }, last_modification_date: 5 },
};

const hit = (query: string, obj: Searchable): boolean => matches(parseQuery(query), obj);

describe('matches', () => {
  const f = file('a'.repeat(64));

  it('compares positives and sizes', () => {
    expect(hit('p:12', f)).toBe(true);
    expect(hit('p:10+', f)).toBe(true);
    expect(hit('p:11-', f)).toBe(false);
    expect(hit('size:4kb', f)).toBe(true);
    expect(hit('size:5kb+', f)).toBe(false);
    expect(hit('size:1kb+', domain)).toBe(false);
  });

  it('matches type, tag, name substrings and detection names', () => {
    expect(hit('type:peexe', f)).toBe(true);
    expect(hit('type:executable', f)).toBe(true);
    expect(hit('tag:signed', f)).toBe(true);
    expect(hit('name:invoice', f)).toBe(true);
    expect(hit('engines:emotet', f)).toBe(true);
    expect(hit('engines:mirai', f)).toBe(false);
  });

  it('matches days and open-ended dates', () => {
    expect(hit('fs:2025-03-01', f)).toBe(true);
    expect(hit('fs:2025-03-02+', f)).toBe(false);
    expect(hit('ls:2025-03-04-', f)).toBe(true);
    expect(hit('ls:2025-03-03-', f)).toBe(false);
  });

  it('combines with AND, OR, NOT and parentheses', () => {
    expect(hit('type:peexe -p:0', f)).toBe(true);
    expect(hit('type:pdf OR (tag:signed NOT engines:mirai)', f)).toBe(true);
    expect(hit('NOT entity:file', f)).toBe(false);
    expect(hit(f.id, f)).toBe(true);
    expect(hit('example.com', domain)).toBe(true);
    expect(hit('example.com', f)).toBe(false);
  });
});

describe('targetTypes', () => {
  it('follows entity:, then bare items, else files', () => {
    expect(targetTypes(parseQuery('p:1+'))).toEqual(['file']);
    expect(targetTypes(parseQuery('entity:domain OR entity:ip'))).toEqual(['domain', 'ip_address']);
    expect(targetTypes(parseQuery('example.com OR 8.8.8.8'))).toEqual(['domain', 'ip_address']);
    expect(targetTypes(parseQuery('-entity:file'))).toHaveLength(4);
  });
});

describe('order', () => {
  const a = file('a'.repeat(64), { size: 10, last_submission_date: 3 });
  const b = file('b'.repeat(64), { size: 30, last_submission_date: 1 });
  const c = file('c'.repeat(64), { size: 20, last_submission_date: 2 });

  it('defaults to newest last_submission_date first', () => {
    expect(sortResults([b, a, c], parseOrder(null)).map((x) => x.id[0])).toEqual(['a', 'c', 'b']);
  });

  it('sorts by the named field, + or no suffix ascending, - descending', () => {
    expect(sortResults([a, b, c], parseOrder('size-')).map((x) => x.id[0])).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(sortResults([b, a, c], parseOrder('size')).map((x) => x.id[0])).toEqual(['a', 'c', 'b']);
    expect(sortResults([a, domain], parseOrder('size+')).at(-1)).toBe(domain);
  });

  it('rejects unsupported fields', () => {
    expect(() => parseOrder('colour-')).toThrow(QueryError);
  });
});
