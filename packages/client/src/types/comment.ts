// The `comment` object (reference §4.5). Ids look like `f-<sha256>-<8 hex>`
// (files) or `u-<url sha256>-<8 hex>` (URLs) (§3).
import type { VtObject } from './envelope.ts';

/** A type alias (not an interface) so `VtObject<…, CommentAttributes>` fits the generic `VtObject`. */
export type CommentAttributes = {
  /** Unix seconds. */
  date: number;
  text: string;
  html?: string;
  /** Words starting with `#`, plus system tags such as `_:api` (§4.5). */
  tags: string[];
  votes: { positive: number; negative: number; abuse: number };
};

export type VtComment = VtObject<'comment', CommentAttributes>;
