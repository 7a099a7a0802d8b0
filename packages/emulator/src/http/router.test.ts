import { describe, expect, it } from 'vitest';
import { BadPathError, createRouter } from './router.ts';

describe('router', () => {
  const router = createRouter<string>();
  router.add('GET', '/api/v3/files/:id', 'file');
  router.add('GET', '/api/v3/files/upload_url', 'upload_url');
  router.add('GET', '/api/v3/files/:id/:relationship', 'related');
  router.add('GET', '/api/v3/files/:id/relationships/:relationship', 'descriptors');
  router.add('GET', '/feeds/*rest', 'feeds');

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/api/v3/files/upload_url')?.route).toBe('upload_url');
    expect(router.match('GET', '/api/v3/files/abc')).toEqual({
      route: 'file',
      params: { id: 'abc' },
    });
    expect(router.match('GET', '/api/v3/files/abc/relationships/x')?.route).toBe('descriptors');
    expect(router.match('GET', '/api/v3/files/abc/x')?.params).toEqual({
      id: 'abc',
      relationship: 'x',
    });
  });

  it('decodes parameters, matches rest segments and ignores a trailing slash', () => {
    expect(router.match('GET', '/api/v3/files/a%20b/')?.params).toEqual({ id: 'a b' });
    expect(router.match('GET', '/feeds/files/2026')?.params).toEqual({ rest: 'files/2026' });
  });

  it('tells an unknown method from an unknown path', () => {
    expect(router.match('POST', '/api/v3/files/abc')).toBeUndefined();
    expect(router.hasPath('/api/v3/files/abc')).toBe(true);
    expect(router.hasPath('/api/v3/nothing')).toBe(false);
  });

  it('rejects malformed percent-encoding', () => {
    expect(() => router.match('GET', '/api/v3/files/%E0%A4%A')).toThrow(BadPathError);
  });
});
