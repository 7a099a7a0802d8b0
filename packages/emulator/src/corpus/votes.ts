// Votes on files, URLs, domains and IPs (reference §4.1, §4.5): objects of type
// `vote` kept in the corpus. A vote changes its item's `total_votes` and, by
// its `value`, the item's `reputation` (DOCS vote-object: value is the vote's
// weight in the community score). A second vote by the same user replaces the
// first [U: VT's rule for repeated votes is not documented].
import type { Random } from '../random.ts';
import { itemPrefixedId, type ItemRef } from './comments.ts';
import type { Corpus } from './corpus.ts';
import { createCorpusObject, type CorpusObject } from './objects.ts';

export type Verdict = 'harmless' | 'malicious';

export const VERDICTS: readonly Verdict[] = ['harmless', 'malicious'];

/** Weight of a vote in the community score [U: VT does not publish the numbers]. */
export const VOTE_VALUE: Readonly<Record<Verdict, number>> = { harmless: 1, malicious: -1 };

export interface VoteObject extends CorpusObject {
  readonly type: 'vote';
  readonly item: ItemRef;
  readonly authorId: string;
  readonly verdict: Verdict;
  replaced: boolean;
}

export const isVerdict = (v: unknown): v is Verdict => v === 'harmless' || v === 'malicious';

export function isVote(obj: CorpusObject | undefined): obj is VoteObject {
  return obj?.type === 'vote' && 'authorId' in obj;
}

/** Live votes on `item`, newest first; only `authorId`'s when given. */
export function listVotes(corpus: Corpus, item: ItemRef, authorId?: string): VoteObject[] {
  return corpus
    .list('vote')
    .filter(isVote)
    .filter(
      (v) =>
        !v.replaced &&
        v.item.type === item.type &&
        v.item.id === item.id &&
        (authorId === undefined || v.authorId === authorId),
    )
    .reverse();
}

export interface NewVote {
  authorId: string;
  verdict: Verdict;
  dateSeconds: number;
}

export function castVote(
  corpus: Corpus,
  item: CorpusObject,
  input: NewVote,
  random: Random,
): VoteObject {
  const ref = { type: item.type, id: item.id };
  const previous = listVotes(corpus, ref, input.authorId)[0];
  if (previous) previous.replaced = true;
  const vote: VoteObject = {
    ...createCorpusObject('vote', itemPrefixedId(ref, random), () => ({
      date: input.dateSeconds,
      verdict: input.verdict,
      value: VOTE_VALUE[input.verdict],
    })),
    item: ref,
    authorId: input.authorId,
    verdict: input.verdict,
    replaced: false,
  };
  corpus.put(vote);
  applyToItem(item, input.verdict, previous?.verdict);
  return vote;
}

function applyToItem(item: CorpusObject, verdict: Verdict, previous: Verdict | undefined): void {
  const attrs = item.attributes();
  const total = {
    harmless: 0,
    malicious: 0,
    ...(attrs['total_votes'] as object | undefined),
  } as Record<Verdict, number>;
  let reputation = typeof attrs['reputation'] === 'number' ? attrs['reputation'] : 0;
  if (previous) {
    total[previous] = Math.max(0, total[previous] - 1);
    reputation -= VOTE_VALUE[previous];
  }
  total[verdict] += 1;
  reputation += VOTE_VALUE[verdict];
  item.update({ total_votes: total, reputation });
}
