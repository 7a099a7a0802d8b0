// The `vote` object (reference §4.1, §4.5).
import type { Verdict } from './detections.ts';
import type { VtObject } from './envelope.ts';

/** A type alias (not an interface) so `VtObject<…, VoteAttributes>` fits the generic `VtObject`. */
export type VoteAttributes = {
  verdict: Verdict;
  /** Unix seconds. */
  date: number;
  /** The vote's weight on the item's reputation [U, §10]. */
  value?: number;
};

export type VtVote = VtObject<'vote', VoteAttributes>;
