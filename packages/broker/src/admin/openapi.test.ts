import { describe, expect, it } from 'vitest';
import { ADMIN_OPENAPI } from './openapi.ts';
import { ADMIN_ROUTES } from './routes/index.ts';

interface Operation {
  operationId: string;
  description?: string;
  security?: unknown[];
  'x-vtbroker-role': string | null;
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

const paths = ADMIN_OPENAPI.paths as Record<string, Record<string, Operation>>;
const documented = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    key: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

function resolve(ref: string): unknown {
  let node: unknown = ADMIN_OPENAPI;
  for (const part of ref.replace(/^#\//, '').split('/'))
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[part]
        : undefined;
  return node;
}

describe('the admin OpenAPI document', () => {
  it('describes exactly the routes the admin router serves, and vice versa', () => {
    const served = ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented.map((d) => d.key).sort()).toEqual(served);
    expect(new Set(served).size).toBe(served.length);
  });

  it('states for each operation the same least role as the router, and no token for the public one', () => {
    for (const route of ADMIN_ROUTES) {
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.['x-vtbroker-role'], `${route.method} ${route.path}`).toBe(route.role);
      if (route.role === null) expect(operation?.security).toEqual([]);
      else expect(operation?.description).toContain(`Role: ${route.role}`);
    }
  });

  it('documents 401 and 403 on every authenticated operation, and 400 wherever a body is read', () => {
    for (const { key, operation } of documented) {
      if (operation['x-vtbroker-role'] === null) continue;
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['401', '403']));
      if (operation.requestBody) expect(Object.keys(operation.responses), key).toContain('400');
    }
  });

  it('has unique operation ids and no dangling $ref', () => {
    const ids = documented.map((d) => d.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = refsIn(ADMIN_OPENAPI);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
  });

  it('is OpenAPI 3.1 and survives JSON (it is served as JSON)', () => {
    expect(ADMIN_OPENAPI.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(ADMIN_OPENAPI))).toEqual(ADMIN_OPENAPI);
  });

  it('never offers a field that would carry a secret out', () => {
    const text = JSON.stringify(ADMIN_OPENAPI.components.schemas);
    for (const field of ['secretHash', 'sealedSecret', 'secret_hash', 'sealed_secret'])
      expect(text).not.toContain(field);
  });
});
