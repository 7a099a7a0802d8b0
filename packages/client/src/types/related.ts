// Objects reached through other objects: relationship items and search hits
// (reference §2.3, §4.6).
import type { VtComment } from './comment.ts';
import type { VtDomain } from './domain.ts';
import type { VtErrorInfo, VtObject } from './envelope.ts';
import type { VtFile } from './file.ts';
import type { VtIpAddress } from './ip-address.ts';
import type { VtUrl } from './url.ts';

/**
 * An item of a full-object relationship list that VT does not have: type, id
 * and `error` (`NotFoundError`), no attributes (§2.3).
 */
export interface VtMissingObject<TType extends string = string> {
  type: TType;
  id: string;
  error: VtErrorInfo;
  attributes?: undefined;
}

/**
 * An item of a full-object relationship list: the object, or a stand-in with
 * `error`. `if (item.error) continue;` narrows to the object.
 */
export type VtRelated<T extends { type: string } = VtObject> =
  (T & { error?: undefined }) | VtMissingObject<T['type']>;

/** A known relationship name (for completion), or any other name VT may add. */
export type RelationshipName<TKnown extends string> = TKnown | (string & Record<never, never>);

/** What public `GET /search` finds: a hash, URL, domain or IP, or comments with a tag (§4.6). */
export type VtSearchResult = VtFile | VtUrl | VtDomain | VtIpAddress | VtComment;

/** What `GET /intelligence/search` finds (§4.6). */
export type VtIntelligenceResult = VtFile | VtUrl | VtDomain | VtIpAddress;
