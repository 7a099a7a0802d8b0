// Files (reference §4.1): lookups by md5, sha1 or sha256 (the answer's id is
// always the sha256, §3), relationships, comments, votes, sandbox reports and
// re-analysis. Uploads and downloads live with the submission helpers.
import type { Collection } from '../collection.ts';
import { enc, getData, listCollection, type ListOptions } from '../internal/collections.ts';
import {
  getObject,
  relationshipMethods,
  type RelationshipMethods,
} from '../internal/relationships.ts';
import type { Requester } from '../internal/requester.ts';
import { requestAnalysis } from './analyses.ts';
import type { VtAnalysisDescriptor } from '../types/analysis.ts';
import type { BehaviourSummary, VtFileBehaviour } from '../types/file-behaviour.ts';
import type { FileRelationship, VtFile } from '../types/file.ts';
import type { GetObjectOptions, RequestOptions } from '../types/options.ts';

export interface FilesResource extends RelationshipMethods<FileRelationship, never> {
  /** `GET /files/{hash}`: md5, sha1 or sha256. 404 → `VtNotFoundError`. */
  get(hash: string, options?: GetObjectOptions<FileRelationship>): Promise<VtFile>;
  /** One report per sandbox (`file_behaviour`, id `<sha256>_<sandbox>`). */
  behaviours(hash: string, options?: ListOptions): Collection<VtFileBehaviour>;
  /** Every sandbox's activity merged into one plain dict. */
  behaviourSummary(hash: string, options?: RequestOptions): Promise<BehaviourSummary>;
  /** `POST /files/{hash}/analyse`: rescans a file VT already has; poll the answer with `client.analyses.wait`. */
  analyse(hash: string, options?: RequestOptions): Promise<VtAnalysisDescriptor>;
}

export function filesResource(r: Requester): FilesResource {
  const path = (hash: string): string => `/files/${enc(hash)}`;
  return {
    ...relationshipMethods<FileRelationship, never>(r, {
      collection: 'files',
      resource: 'files',
    }),
    get: (hash, options) => getObject<VtFile>(r, path(hash), options),
    behaviours: (hash, options) =>
      listCollection<VtFileBehaviour>(r, `${path(hash)}/behaviours`, {}, options),
    behaviourSummary: (hash, options = {}) =>
      getData<BehaviourSummary>(r, `${path(hash)}/behaviour_summary`, {}, options.signal),
    analyse: (hash, options) => requestAnalysis(r, path(hash), options),
  };
}
