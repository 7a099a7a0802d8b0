// Options of the object, relationship, search and analysis helpers.
import type { ListOptions } from '../internal/collections.ts';
import type { VtAnalysisResponse } from './analysis.ts';
import type { RelationshipName } from './related.ts';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface GetObjectOptions<TRelationship extends string = string> extends RequestOptions {
  /** Embeds the first page of these relationships' descriptors in `data.relationships` (reference §2.3). */
  relationships?: readonly RelationshipName<TRelationship>[];
  /** Sent as `x-tool`: your tool's name; VT needs it to return `gti_assessment` (reference §1). */
  tool?: string;
}

export interface IntelligenceSearchOptions extends ListOptions {
  /** `field+` ascending, `field-` descending, e.g. `positives-` (reference §4.6). Content searches ignore it. */
  order?: string;
  /** Descriptors (`{type, id, context_attributes?}`) instead of full objects: cheaper. */
  descriptorsOnly?: boolean;
}

export interface WaitOptions extends RequestOptions {
  /** Give up after this long; default 600 000 ms, as vt-cli (reference §4.2). */
  deadlineMs?: number;
  /** First pause between polls; default 10 000 ms, vt-cli's interval (reference §4.2). */
  initialDelayMs?: number;
  /** Pauses double up to this; default 60 000 ms. */
  maxDelayMs?: number;
  /** Called with every answer, including the last. */
  onProgress?: (analysis: VtAnalysisResponse) => void;
}
