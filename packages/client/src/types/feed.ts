// Feed items (reference §4.9): each line of a batch is a bare object, shaped as
// the `data` of `GET /files/{id}` (or `/urls/{id}`), plus context attributes.
import type { VtFile } from './file.ts';
import type { VtFileBehaviour } from './file-behaviour.ts';
import type { VtUrl } from './url.ts';

/** Lossy-ciphered, non-identifying information about who submitted the item; sometimes absent. */
export interface VtFeedSubmitter {
  id?: string;
  interface?: string;
  method?: string;
  country?: string;
  region?: string;
  city?: string;
  [key: string]: unknown;
}

export interface VtFeedFileContext {
  /** Downloads the file during the feed's 7-day lifetime; needs the download privilege. */
  download_url?: string;
  submitter?: VtFeedSubmitter;
  [key: string]: unknown;
}

export interface VtFeedUrlContext {
  submitter?: VtFeedSubmitter;
  [key: string]: unknown;
}

/** A line of the file feed: a `file` object with `download_url` and `submitter`. */
export type VtFeedFile = VtFile & { context_attributes: VtFeedFileContext };
/** A line of the URL feed: a `url` object with `submitter`. */
export type VtFeedUrl = VtUrl & { context_attributes: VtFeedUrlContext };
/** A line of the sandbox (file behaviour) feed. */
export type VtFeedFileBehaviour = VtFileBehaviour;
