import { describe, expect, it } from 'vitest';
import { createAdminRouter, type AdminRoute } from './router.ts';

const route = (method: AdminRoute['method'], path: string): AdminRoute => ({
  method,
  path,
  role: 'viewer',
  action: `${method} ${path}`,
  handle: () => Promise.resolve({ status: 200, body: null }),
});

const routes = [
  route('GET', '/admin/v1/tokens'),
  route('POST', '/admin/v1/tokens'),
  route('POST', '/admin/v1/tokens/{id}/revoke'),
  route('PATCH', '/admin/v1/consumers/{name}'),
  route('GET', '/admin/openapi.json'),
];
const router = createAdminRouter(routes);

describe('admin router', () => {
  it('matches method and path, with decoded parameters', () => {
    expect(router.match('POST', '/admin/v1/tokens')).toEqual({
      ok: true,
      route: routes[1],
      params: {},
    });
    expect(router.match('POST', '/admin/v1/tokens/abc123/revoke')).toEqual({
      ok: true,
      route: routes[2],
      params: { id: 'abc123' },
    });
    expect(router.match('PATCH', '/admin/v1/consumers/soc%20team')).toMatchObject({
      params: { name: 'soc team' },
    });
  });

  it('tells an unknown path (no methods) from a method not served (the allowed ones)', () => {
    expect(router.match('DELETE', '/admin/v1/tokens')).toEqual({
      ok: false,
      allow: ['GET', 'POST'],
    });
    expect(router.match('GET', '/admin/v1/nope')).toEqual({ ok: false, allow: [] });
    expect(router.match('GET', '/admin/v1/tokens/')).toEqual({ ok: false, allow: [] });
    expect(router.match('POST', '/admin/v1/tokens/a/b/revoke')).toEqual({ ok: false, allow: [] });
    expect(router.match('PATCH', '/admin/v1/consumers/%E0%A4%A')).toEqual({ ok: false, allow: [] });
  });

  it('takes literal segments literally (the dot in openapi.json is no wildcard)', () => {
    expect(router.match('GET', '/admin/openapi.json')).toMatchObject({ ok: true });
    expect(router.match('GET', '/admin/openapiXjson')).toEqual({ ok: false, allow: [] });
  });
});
