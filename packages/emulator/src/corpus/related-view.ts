// How a related object is shown (reference §2.3): as a descriptor ({type, id}
// and context_attributes if any) or as the full object; a full item the
// corpus does not hold becomes {type, id, error: NotFoundError}. Descriptor
// lists never carry that error: they list the descriptor as it is.
import { fileBehaviour } from './behaviours.ts';
import type { Corpus } from './corpus.ts';
import { findComment } from './comments.ts';
import { toVtObject, type CorpusObject } from './objects.ts';
import type { RelatedItem } from './related-picks.ts';
import { resolutionObject } from './resolutions.ts';
import { isVote } from './votes.ts';

export function descriptorOf(item: RelatedItem): Record<string, unknown> {
  return item.context_attributes
    ? { type: item.type, id: item.id, context_attributes: item.context_attributes }
    : { type: item.type, id: item.id };
}

/** The corpus object behind a descriptor, including generated resolutions and reports. */
export function lookupItem(corpus: Corpus, item: RelatedItem): CorpusObject | undefined {
  switch (item.type) {
    case 'resolution':
      return resolutionObject(corpus, item.id);
    case 'file_behaviour':
      return fileBehaviour(corpus, item.id);
    case 'comment':
      return findComment(corpus, item.id);
    case 'vote': {
      const vote = corpus.get('vote', item.id);
      return isVote(vote) && !vote.replaced ? vote : undefined;
    }
    default:
      return corpus.get(item.type, item.id);
  }
}

export function notFoundItem(item: RelatedItem): Record<string, unknown> {
  return {
    type: item.type,
    id: item.id,
    error: { code: 'NotFoundError', message: `${item.type} with id "${item.id}" not found` },
  };
}

export function fullItem(
  corpus: Corpus,
  item: RelatedItem,
  apiBase: string,
): Record<string, unknown> {
  const obj = lookupItem(corpus, item);
  if (!obj) return notFoundItem(item);
  const out = toVtObject(obj, apiBase);
  if (item.context_attributes) out['context_attributes'] = item.context_attributes;
  return out;
}
