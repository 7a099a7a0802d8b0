// Search (reference §4.6):
//   GET /search?query=               public: a hash, URL, domain or IP → that object;
//                                    anything else → comments with that tag
//   GET /intelligence/search?query=  premium ("intelligence" privilege): the VT
//                                    Intelligence subset of docs/search.md over the corpus,
//                                    with order, limit (max 300), cursor, descriptors_only
import { VtHttpError, badRequest } from '../errors.ts';
import { json } from '../http/respond.ts';
import { listComments } from '../corpus/comments.ts';
import { toVtObject, type CorpusObject } from '../corpus/objects.ts';
import { matches, targetTypes, type Searchable } from '../search/match-query.ts';
import { parseOrder, sortResults, type Order } from '../search/order.ts';
import { parseQuery } from '../search/parse-query.ts';
import { QueryError, type QueryNode } from '../search/query-ast.ts';
import { classifySimpleQuery } from '../search/simple-query.ts';
import { collectionResponse, pageOf } from './collection.ts';
import type { ApiCtx, RouteModule } from './define.ts';
import { descriptorsOnly } from './relationships.ts';

/** `meta.days_back` of intelligence search (§2.2) [U: VT's value depends on the licence]. */
export const INTELLIGENCE_DAYS_BACK = 90;

function requiredQuery(ctx: ApiCtx): string {
  const query = ctx.req.query.get('query');
  if (query === null || query.trim() === '') {
    throw badRequest('Missing the "query" parameter, e.g. ?query=44d88612fea8a8f36de82e1278abb02f');
  }
  return query;
}

function simpleSearch(ctx: ApiCtx, query: string): CorpusObject[] {
  const { corpus } = ctx.services;
  const q = classifySimpleQuery(query);
  const found = (obj: CorpusObject | undefined): CorpusObject[] => (obj ? [obj] : []);
  switch (q.kind) {
    case 'hash':
      return found(corpus.file(q.value));
    case 'url':
      return found(corpus.url(q.id));
    case 'domain':
      return found(corpus.domain(q.value));
    case 'ip':
      return found(corpus.ip(q.value));
    case 'tag':
      return listComments(corpus).filter((c) =>
        (c.attributes()['tags'] as string[]).includes(q.value),
      );
  }
}

function parsed(ctx: ApiCtx, query: string): { node: QueryNode; order: Order } {
  try {
    return { node: parseQuery(query), order: parseOrder(ctx.req.query.get('order')) };
  } catch (error) {
    if (error instanceof QueryError) throw new VtHttpError(error.code, error.message);
    throw error;
  }
}

function intelligenceSearch(ctx: ApiCtx) {
  const { node, order } = parsed(ctx, requiredQuery(ctx));
  const { corpus, settings } = ctx.services;
  const candidates = targetTypes(node).flatMap((type) =>
    corpus.list(type).map((obj) => ({ type, id: obj.id, attributes: obj.attributes(), obj })),
  );
  const hits = sortResults(
    candidates.filter((c: Searchable) => matches(node, c)),
    order,
  );
  const page = pageOf(ctx, hits, {
    maxLimit: settings.paging.intelligenceMaxLimit,
    meta: { days_back: INTELLIGENCE_DAYS_BACK },
  });
  const descriptors = descriptorsOnly(ctx);
  return json({
    ...page,
    data: page.data.map((hit) =>
      descriptors ? { type: hit.type, id: hit.id } : toVtObject(hit.obj, ctx.apiBase),
    ),
  });
}

export const searchRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/search',
    counter: 'search',
    handler: (ctx) =>
      collectionResponse(
        ctx,
        simpleSearch(ctx, requiredQuery(ctx)).map((obj) => toVtObject(obj, ctx.apiBase)),
      ),
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/intelligence/search',
    privilege: 'intelligence',
    counter: 'intelligence_search',
    handler: intelligenceSearch,
  },
];
