import { describe, expect, it } from 'vitest';
import { urlSha256 } from '../corpus/url-id.ts';
import { parseQuery } from './parse-query.ts';
import { QueryError, type QueryNode, type Term } from './query-ast.ts';

const term = (node: QueryNode): Term => {
  if (node.op !== 'term') throw new Error(`expected a term, got ${node.op}`);
  return node.term;
};

function errorOf(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
}

describe('parseQuery: terms', () => {
  it('recognises bare hashes, IPs, domains and URLs', () => {
    expect(term(parseQuery('44D88612FEA8A8F36DE82E1278ABB02F'))).toEqual({
      kind: 'hash',
      value: '44d88612fea8a8f36de82e1278abb02f',
    });
    expect(term(parseQuery('8.8.8.8'))).toEqual({ kind: 'ip', value: '8.8.8.8' });
    expect(term(parseQuery('2001:db8::1'))).toEqual({ kind: 'ip', value: '2001:db8::1' });
    expect(term(parseQuery('Example.COM'))).toEqual({ kind: 'domain', value: 'example.com' });
    expect(term(parseQuery('http://www.example.com/'))).toEqual({
      kind: 'url',
      value: 'http://www.example.com/',
      id: urlSha256('http://www.example.com/'),
    });
  });

  it('parses comparisons, sizes with units and dates', () => {
    expect(term(parseQuery('p:5+'))).toEqual({ kind: 'positives', cmp: 'gte', value: 5 });
    expect(term(parseQuery('positives:3-'))).toEqual({ kind: 'positives', cmp: 'lte', value: 3 });
    expect(term(parseQuery('size:2kb+'))).toEqual({ kind: 'size', cmp: 'gte', bytes: 2048 });
    expect(term(parseQuery('size:1MB'))).toEqual({ kind: 'size', cmp: 'eq', bytes: 1048576 });
    expect(term(parseQuery('fs:2025-03-01+'))).toEqual({
      kind: 'date',
      field: 'first_submission_date',
      cmp: 'gte',
      fromSeconds: Date.UTC(2025, 2, 1) / 1000,
      toSeconds: Date.UTC(2025, 2, 2) / 1000,
    });
    expect(term(parseQuery('ls:2025-03-01T10:00:00-'))).toMatchObject({
      field: 'last_submission_date',
      cmp: 'lte',
      toSeconds: Date.UTC(2025, 2, 1, 10) / 1000 + 1,
    });
  });

  it('reads entity, type, tag, name (quoted) and engines', () => {
    expect(term(parseQuery('entity:ip'))).toEqual({ kind: 'entity', entity: 'ip' });
    expect(term(parseQuery('type:PEEXE'))).toEqual({ kind: 'type', value: 'peexe' });
    expect(term(parseQuery('tag:known-distributor'))).toEqual({
      kind: 'tag',
      value: 'known-distributor',
    });
    expect(term(parseQuery('name:"my invoice.exe"'))).toEqual({
      kind: 'name',
      value: 'my invoice.exe',
    });
    expect(term(parseQuery('engines:Emotet'))).toEqual({ kind: 'engines', value: 'emotet' });
  });
});

describe('parseQuery: operators', () => {
  it('treats juxtaposition as AND and binds AND tighter than OR', () => {
    const node = parseQuery('type:peexe p:5+ OR tag:pdf AND size:10-');
    expect(node.op).toBe('or');
    if (node.op !== 'or') return;
    expect(node.children.map((c) => c.op)).toEqual(['and', 'and']);
  });

  it('handles NOT, leading minus and parentheses', () => {
    const node = parseQuery('-tag:text NOT (type:pdf OR type:doc)');
    expect(node).toMatchObject({
      op: 'and',
      children: [
        { op: 'not', child: { op: 'term', term: { kind: 'tag', value: 'text' } } },
        { op: 'not', child: { op: 'or' } },
      ],
    });
  });

  it('keeps a trailing minus as part of the value', () => {
    expect(term(parseQuery('p:3-'))).toMatchObject({ kind: 'positives', cmp: 'lte' });
  });
});

describe('parseQuery: errors', () => {
  it('names the token and its position', () => {
    const unknown = errorOf('type:peexe foo:bar');
    expect(unknown.code).toBe('BadRequestError');
    expect(unknown.position).toBe(12);
    expect(unknown.message).toContain('"foo:bar"');
    expect(unknown.message).toContain('position 12');
    expect(errorOf('p:many').message).toContain('"p:many" at position 1');
    expect(errorOf('hello').message).toContain('"hello"');
  });

  it('reports unbalanced parentheses, dangling operators and quotes', () => {
    expect(errorOf('(p:1+').message).toBe('Unbalanced "(" at position 1');
    expect(errorOf('p:1+ )').message).toBe('Unexpected ")" at position 6');
    expect(errorOf('p:1+ OR').message).toContain('Unexpected end of query');
    expect(errorOf('name:"abc').message).toContain('Unterminated quote');
    expect(errorOf('   ').message).toContain('empty');
  });

  it('answers UnsupportedContentQueryError for content searches', () => {
    expect(errorOf('content:"MZ"').code).toBe('UnsupportedContentQueryError');
    expect(errorOf('p:1+ content:{4d5a}').position).toBe(6);
  });

  it('rejects unknown entities and invalid dates', () => {
    expect(errorOf('entity:collection').code).toBe('BadRequestError');
    expect(errorOf('fs:2025-02-30').message).toContain('Invalid date');
  });
});
