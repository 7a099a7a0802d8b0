// Comments and votes (reference §4.1, §4.5):
//   GET/POST /{files|urls|domains|ip_addresses}/{id}/comments
//   GET/POST /{files|urls|domains|ip_addresses}/{id}/votes
//   GET /comments (filter `tag:<t>`), GET/DELETE /comments/{id}, POST /comments/{id}/vote
// Success is always 200 with the created object in `data` (vt-py accepts only
// 200, §2.4). Comments and votes live in the corpus (corpus/comments.ts,
// corpus/votes.ts), so relationships and search see them too.
import { badRequest, forbidden, notFound } from '../errors.ts';
import { dataAttributes, isRecord, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import {
  API_SYSTEM_TAGS,
  addComment,
  findComment,
  listComments,
  type CommentObject,
} from '../corpus/comments.ts';
import { toVtObject } from '../corpus/objects.ts';
import { relationshipOf, type RelationshipName } from '../corpus/relationship-names.ts';
import { seedComments } from '../corpus/seed-comments.ts';
import { castVote, isVerdict } from '../corpus/votes.ts';
import type { Random } from '../random.ts';
import { collectionResponse } from './collection.ts';
import type { ApiCtx, RouteModule, V3Route } from './define.ts';
import {
  RELATIONSHIP_ROOTS,
  descriptorsOnly,
  findRoot,
  relationshipResponse,
} from './relationships.ts';

/** Body of a successful DELETE [U: VT's is not documented; vt-go accepts any JSON without `error`]. */
export const DELETE_BODY: Readonly<Record<string, never>> = Object.freeze({});

/** `POST /comments/{id}/vote` accepts these kinds [C DOCS vote-comment: positive, negative, abuse]. */
const COMMENT_VOTE_KINDS = ['positive', 'negative', 'abuse'] as const;
type CommentVoteKind = (typeof COMMENT_VOTE_KINDS)[number];

const nowSeconds = (ctx: ApiCtx): number => Math.floor(ctx.services.clock.now() / 1000);

const relation = (type: string, name: string): RelationshipName => {
  const rel = relationshipOf(type, name);
  if (!rel) throw new Error(`relationship-names.ts lacks ${type}.${name}`);
  return rel;
};

function commentText(body: unknown): string {
  const attrs = dataAttributes(body, 'comment');
  const text = attrs['text'];
  if (typeof text !== 'string' || text.trim() === '') {
    throw badRequest(
      'A comment needs a non-empty "text": {"data": {"type": "comment", "attributes": {"text": "…"}}}',
    );
  }
  return text;
}

function voteVerdict(body: unknown): 'harmless' | 'malicious' {
  const verdict = dataAttributes(body, 'vote')['verdict'];
  if (!isVerdict(verdict)) {
    const shown = verdict === undefined ? 'none' : JSON.stringify(verdict);
    throw badRequest(`Invalid verdict ${shown}: expected "harmless" or "malicious"`);
  }
  return verdict;
}

type Root = (typeof RELATIONSHIP_ROOTS)[number];

const route = (
  method: V3Route['method'],
  path: string,
  counter: string,
  handler: V3Route['handler'],
): V3Route => ({ kind: 'v3', method, path, counter, handler });

const listOf = (root: Root, name: string) => (ctx: ApiCtx) =>
  relationshipResponse(
    ctx,
    findRoot(ctx, root.type, ctx.params['id'] ?? ''),
    relation(root.type, name),
    { descriptors: descriptorsOnly(ctx) },
  );

const postComment = (root: Root, random: Random) => async (ctx: ApiCtx) => {
  const item = findRoot(ctx, root.type, ctx.params['id'] ?? '');
  const input = {
    item: { type: item.type, id: item.id },
    authorId: ctx.user.id,
    text: commentText(await readJson(ctx.req)),
    dateSeconds: nowSeconds(ctx),
    systemTags: API_SYSTEM_TAGS,
  };
  return json({ data: toVtObject(addComment(ctx.services.corpus, input, random), ctx.apiBase) });
};

const postVote = (root: Root, random: Random) => async (ctx: ApiCtx) => {
  const item = findRoot(ctx, root.type, ctx.params['id'] ?? '');
  const verdict = voteVerdict(await readJson(ctx.req));
  const input = { authorId: ctx.user.id, verdict, dateSeconds: nowSeconds(ctx) };
  return json({
    data: toVtObject(castVote(ctx.services.corpus, item, input, random), ctx.apiBase),
  });
};

/** Counters `file_comments`, `url_comments`, … (§4.11); `<type>_votes` is the emulator's [U]. */
function itemRoutes(root: Root, random: Random): V3Route[] {
  const prefix = root.counter.replace('_relationships', '');
  const comments = `/${root.collection}/:id/comments`;
  const votes = `/${root.collection}/:id/votes`;
  return [
    route('GET', comments, `${prefix}_comments`, listOf(root, 'comments')),
    route('POST', comments, `${prefix}_comments`, postComment(root, random)),
    route('GET', votes, `${prefix}_votes`, listOf(root, 'votes')),
    route('POST', votes, `${prefix}_votes`, postVote(root, random)),
  ];
}

function requireComment(ctx: ApiCtx): CommentObject {
  const id = ctx.params['id'] ?? '';
  const comment = findComment(ctx.services.corpus, id);
  if (!comment) throw notFound(`Comment "${id}" not found`);
  return comment;
}

/** `filter=tag:<t>` (reference §4.5); other filters answer 400 [U]. */
function tagFilter(ctx: ApiCtx): string | undefined {
  const raw = ctx.req.query.get('filter');
  if (raw === null || raw.trim() === '') return undefined;
  const m = /^tag:(\S+)$/.exec(raw.trim());
  if (!m?.[1]) throw badRequest(`Unsupported filter "${raw}": the emulator supports "tag:<tag>"`);
  return m[1].replace(/^#/, '').toLowerCase();
}

function commentVoteKind(body: unknown): CommentVoteKind {
  const data = isRecord(body) ? body['data'] : undefined;
  const kind = isRecord(data) ? (data['verdict'] ?? data['vote']) : data;
  const found = COMMENT_VOTE_KINDS.find((k) => k === kind);
  if (!found) throw badRequest('Expected {"data": "positive" | "negative" | "abuse"}');
  return found;
}

function listAll(ctx: ApiCtx) {
  const tag = tagFilter(ctx);
  const all = listComments(ctx.services.corpus).filter(
    (c) => tag === undefined || (c.attributes()['tags'] as string[]).includes(tag),
  );
  return collectionResponse(
    ctx,
    all.map((c) => toVtObject(c, ctx.apiBase)),
  );
}

function deleteComment(ctx: ApiCtx) {
  const comment = requireComment(ctx);
  if (comment.authorId !== ctx.user.id) {
    throw forbidden('Only the author of a comment can delete it');
  }
  comment.deleted = true;
  return json(DELETE_BODY);
}

async function voteOnComment(ctx: ApiCtx) {
  const comment = requireComment(ctx);
  const kind = commentVoteKind(await readJson(ctx.req));
  const votes = { ...(comment.attributes()['votes'] as Record<CommentVoteKind, number>) };
  votes[kind] += 1;
  comment.update({ votes });
  return json({ data: votes });
}

const globalRoutes = (): V3Route[] => [
  route('GET', '/comments', 'comments', listAll),
  route('GET', '/comments/:id', 'comments', (ctx) =>
    json({ data: toVtObject(requireComment(ctx), ctx.apiBase) }),
  ),
  route('DELETE', '/comments/:id', 'comments', deleteComment),
  route('POST', '/comments/:id/vote', 'item_vote', voteOnComment),
];

export const commentRoutes: RouteModule = (services) => {
  seedComments(services.corpus);
  const random = services.random.fork('comments');
  return [...RELATIONSHIP_ROOTS.flatMap((root) => itemRoutes(root, random)), ...globalRoutes()];
};
