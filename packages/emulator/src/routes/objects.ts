// Object lookups: `GET /files/{id}` (md5, sha1 or sha256; the answer's id is
// always the sha256), `/urls/{id}` (sha256 or unpadded base64url),
// `/domains/{domain}`, `/ip_addresses/{ip}`, with `?relationships=a,b`.
import { notFound } from '../errors.ts';
import { json, jsonBytes } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { toVtObject, type CorpusObject } from '../corpus/objects.ts';
import type { ApiCtx, RouteModule } from './define.ts';
import { embedRelationships, parseRelationshipsParam } from './relationships.ts';

const cache = new WeakMap<CorpusObject, { rev: number; apiBase: string; bytes: Buffer }>();

/** The `GET` answer for one object; cached bytes when no relationships are asked for. */
export function objectResponse(ctx: ApiCtx, obj: CorpusObject): EmuResponse {
  const names = parseRelationshipsParam(ctx, obj.type);
  if (names.length > 0) {
    const data = toVtObject(obj, ctx.apiBase);
    data['relationships'] = embedRelationships(ctx, obj, names);
    return json({ data });
  }
  const hit = cache.get(obj);
  if (hit?.rev === obj.rev && hit.apiBase === ctx.apiBase) return jsonBytes(hit.bytes);
  const bytes = Buffer.from(JSON.stringify({ data: toVtObject(obj, ctx.apiBase) }));
  cache.set(obj, { rev: obj.rev, apiBase: ctx.apiBase, bytes });
  return jsonBytes(bytes);
}

export function findFile(ctx: ApiCtx, id: string): CorpusObject {
  const file = ctx.services.corpus.file(id);
  if (!file) throw notFound(`File "${id}" not found`);
  return file;
}

export function findUrl(ctx: ApiCtx, id: string): CorpusObject {
  const url = ctx.services.corpus.url(id);
  if (!url) throw notFound(`URL "${id}" not found`);
  return url;
}

export function findDomain(ctx: ApiCtx, name: string): CorpusObject {
  const domain = ctx.services.corpus.domain(name);
  if (!domain) throw notFound(`Domain "${name}" not found`);
  return domain;
}

export function findIp(ctx: ApiCtx, address: string): CorpusObject {
  const ip = ctx.services.corpus.ip(address);
  if (!ip) throw notFound(`IP address "${address}" not found`);
  return ip;
}

const param = (ctx: ApiCtx, name: string): string => ctx.params[name] ?? '';

export const objectRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/files/:id',
    handler: (ctx) => objectResponse(ctx, findFile(ctx, param(ctx, 'id'))),
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/urls/:id',
    handler: (ctx) => objectResponse(ctx, findUrl(ctx, param(ctx, 'id'))),
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/domains/:domain',
    handler: (ctx) => objectResponse(ctx, findDomain(ctx, param(ctx, 'domain'))),
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/ip_addresses/:ip',
    handler: (ctx) => objectResponse(ctx, findIp(ctx, param(ctx, 'ip'))),
  },
];
