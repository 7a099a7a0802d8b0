// Comments (reference §4.5): objects of type `comment` kept in the corpus, so
// that the comments routes, the `comments` relationship and `/search` all see
// the same ones. Ids are `<f|u|d|i>-<item id>-<8 hex>` (§3; VT's docs name `d`
// and `i` for domains and IPs). Who wrote a comment and whether it was deleted
// live on the object, outside its VT attributes.
import type { Random } from '../random.ts';
import type { Corpus } from './corpus.ts';
import { createCorpusObject, type CorpusObject, type ObjectType } from './objects.ts';

export interface ItemRef {
  type: ObjectType;
  id: string;
}

export interface CommentObject extends CorpusObject {
  readonly type: 'comment';
  readonly item: ItemRef;
  readonly authorId: string;
  deleted: boolean;
}

/** Id prefix per commented type (reference §3; `d`/`i` from DOCS comments). */
export const ITEM_PREFIX: Partial<Record<ObjectType, string>> = {
  file: 'f',
  url: 'u',
  domain: 'd',
  ip_address: 'i',
};

/** Tags VT adds to comments made through the API [U: `_:api` is seen in examples]. */
export const API_SYSTEM_TAGS: readonly string[] = ['_:api'];

const TAG = /#([\p{L}\p{N}_.-]+)/gu;

/** `#words` of a comment, lower-cased and without duplicates (reference §4.1). */
export function hashtags(text: string): string[] {
  return [...new Set([...text.matchAll(TAG)].map((m) => (m[1] ?? '').toLowerCase()))];
}

export function commentHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '<br />');
}

export function itemPrefixedId(item: ItemRef, random: Random): string {
  return `${ITEM_PREFIX[item.type] ?? 'x'}-${item.id}-${random.hex(8)}`;
}

export interface NewComment {
  item: ItemRef;
  authorId: string;
  text: string;
  dateSeconds: number;
  systemTags: readonly string[];
}

export function addComment(corpus: Corpus, input: NewComment, random: Random): CommentObject {
  const comment: CommentObject = {
    ...createCorpusObject('comment', itemPrefixedId(input.item, random), () => ({
      date: input.dateSeconds,
      text: input.text,
      html: commentHtml(input.text),
      tags: [...hashtags(input.text), ...input.systemTags],
      votes: { positive: 0, negative: 0, abuse: 0 },
    })),
    item: input.item,
    authorId: input.authorId,
    deleted: false,
  };
  corpus.put(comment);
  return comment;
}

export function isComment(obj: CorpusObject | undefined): obj is CommentObject {
  return obj?.type === 'comment' && 'authorId' in obj;
}

export function findComment(corpus: Corpus, id: string): CommentObject | undefined {
  const obj = corpus.get('comment', id);
  return isComment(obj) && !obj.deleted ? obj : undefined;
}

/** Live comments, newest first; only those on `item` when given. */
export function listComments(corpus: Corpus, item?: ItemRef): CommentObject[] {
  return corpus
    .list('comment')
    .filter(isComment)
    .filter((c) => !c.deleted && (!item || (c.item.type === item.type && c.item.id === item.id)))
    .reverse()
    .sort((a, b) => dateOf(b) - dateOf(a));
}

const dateOf = (c: CorpusObject): number => Number(c.attributes()['date'] ?? 0);
