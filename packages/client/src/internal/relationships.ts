// What files, URLs, domains and IPs share (reference §2.3, §4.1, §4.4): the
// object GET with `?relationships=`, related objects (full or descriptors, one
// or many), and comments and votes. Built once per collection; `toId` turns
// what the caller passed into the id in the path (URLs: §3).
import { Collection } from '../collection.ts';
import { VtConfigError } from '../config.ts';
import type { VtComment } from '../types/comment.ts';
import type { Verdict } from '../types/detections.ts';
import type {
  VtCollectionResponse,
  VtDescriptor,
  VtObject,
  VtSingleResponse,
} from '../types/envelope.ts';
import type { GetObjectOptions, RequestOptions } from '../types/options.ts';
import type { RelationshipName, VtRelated } from '../types/related.ts';
import type { VtVote } from '../types/vote.ts';
import { enc, listCollection, toPage, type ListOptions } from './collections.ts';
import type { Operation, Requester } from './requester.ts';

export interface RelationshipMethods<TMany extends string, TOne extends string> {
  /** Full related objects; an object VT lacks comes as `{type, id, error}` (§2.3). */
  related(
    id: string,
    name: RelationshipName<TMany | TOne>,
    options?: ListOptions,
  ): Collection<VtRelated>;
  /** Related descriptors only (`/relationships/{name}`): cheaper, never per-item errors. */
  relationship(
    id: string,
    name: RelationshipName<TMany | TOne>,
    options?: ListOptions,
  ): Collection<VtDescriptor>;
  /** A one-to-one relationship: the object, or null when there is none. */
  relatedOne(
    id: string,
    name: RelationshipName<TOne>,
    options?: RequestOptions,
  ): Promise<VtRelated | null>;
  comments(id: string, options?: ListOptions): Collection<VtComment>;
  /** Words starting with `#` become tags (§4.1). */
  addComment(id: string, text: string, options?: RequestOptions): Promise<VtComment>;
  votes(id: string, options?: ListOptions): Collection<VtVote>;
  addVote(id: string, verdict: Verdict, options?: RequestOptions): Promise<VtVote>;
}

/** `GET {path}` with `?relationships=a,b` and the `x-tool` header when asked. */
export async function getObject<T>(
  r: Requester,
  path: string,
  options: GetObjectOptions = {},
): Promise<T> {
  const op: Operation = { method: 'GET', path, signal: options.signal };
  const names = options.relationships ?? [];
  if (names.length > 0) op.query = { relationships: names.join(',') };
  if (options.tool !== undefined) op.headers = { 'x-tool': options.tool };
  const body = await r.json<VtSingleResponse<T>>(op);
  return body.data;
}

/** POST `{"data": {type, attributes}}` and return the created object (§4.1). */
export async function postObject<T>(
  r: Requester,
  path: string,
  data: { type: string; attributes: Record<string, unknown> },
  signal: AbortSignal | undefined,
): Promise<T> {
  const body = await r.json<VtSingleResponse<T>>({ method: 'POST', path, json: { data }, signal });
  return body.data;
}

/**
 * A relationship as a collection. A one-to-one relationship answers a single
 * object (or null) in `data`; it becomes a page of one (or none), as vt-go's
 * iterator accepts a single object (reference §2.2).
 */
export function relationshipCollection<T>(
  r: Requester,
  path: string,
  options: ListOptions = {},
): Collection<T> {
  return new Collection<T>(async (serverCursor) => {
    const body = await r.json<Omit<VtCollectionResponse<T>, 'data'> & { data: T | T[] | null }>({
      method: 'GET',
      path,
      query: { limit: options.batchSize, cursor: serverCursor },
      signal: options.signal,
    });
    const data = Array.isArray(body.data) ? body.data : body.data === null ? [] : [body.data];
    return toPage({ ...body, data });
  }, options.cursor);
}

export interface RootSpec {
  /** Path segment, e.g. `ip_addresses`. */
  collection: string;
  /** Property of the client, e.g. `ipAddresses` (for hints). */
  resource: string;
  /** Caller's id → id in the path; default unchanged. */
  toId?: (id: string) => string;
}

export function relationshipMethods<TMany extends string, TOne extends string>(
  r: Requester,
  { collection, resource, toId = (id) => id }: RootSpec,
): RelationshipMethods<TMany, TOne> {
  const base = (id: string): string => `/${collection}/${enc(toId(id))}`;
  return {
    related: (id, name, options) =>
      relationshipCollection<VtRelated>(r, `${base(id)}/${enc(name)}`, options),
    relationship: (id, name, options) =>
      relationshipCollection<VtDescriptor>(r, `${base(id)}/relationships/${enc(name)}`, options),
    async relatedOne(id, name, options = {}) {
      const path = `${base(id)}/${enc(name)}`;
      const data = await getObject<VtRelated | VtObject[] | null>(r, path, options);
      if (Array.isArray(data)) {
        throw new VtConfigError(`"${name}" of ${collection} is a one-to-many relationship.`, {
          hint: `Iterate it instead: for await (const item of client.${resource}.related(id, '${name}')) …`,
        });
      }
      return data;
    },
    comments: (id, options) => listCollection<VtComment>(r, `${base(id)}/comments`, {}, options),
    addComment: (id, text, options = {}) =>
      postObject<VtComment>(
        r,
        `${base(id)}/comments`,
        { type: 'comment', attributes: { text } },
        options.signal,
      ),
    votes: (id, options) => listCollection<VtVote>(r, `${base(id)}/votes`, {}, options),
    addVote: (id, verdict, options = {}) =>
      postObject<VtVote>(
        r,
        `${base(id)}/votes`,
        { type: 'vote', attributes: { verdict } },
        options.signal,
      ),
  };
}
