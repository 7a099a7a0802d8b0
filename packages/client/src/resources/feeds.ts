// Feeds (reference §4.9, premium licence per feed): endless walks over the
// minute batches of the file, URL and sandbox feeds, resumable by cursor.
import { VtError } from '../errors.ts';
import { FeedReader, type FeedOptions } from '../internal/feed-reader.ts';
import type { Requester } from '../internal/requester.ts';
import type { VtFeedFile, VtFeedFileBehaviour, VtFeedUrl } from '../types/feed.ts';

export interface FeedsResource {
  /** The file feed: file objects with `download_url` and `submitter` context attributes. */
  files(options?: FeedOptions): FeedReader<VtFeedFile>;
  /** The URL feed: URL objects with a `submitter` context attribute. */
  urls(options?: FeedOptions): FeedReader<VtFeedUrl>;
  /** The sandbox feed (`file_behaviours`). */
  fileBehaviours(options?: FeedOptions): FeedReader<VtFeedFileBehaviour>;
  /**
   * A file of the file feed, streamed: pass the item or its `download_url`. Works during
   * the feed's 7-day lifetime and needs the download privilege too (reference §4.9).
   */
  downloadFile(item: VtFeedFile | string, options?: { signal?: AbortSignal }): Promise<Response>;
}

export function feedsResource(r: Requester): FeedsResource {
  return {
    files: (options) => new FeedReader<VtFeedFile>(r, 'files', options),
    urls: (options) => new FeedReader<VtFeedUrl>(r, 'urls', options),
    fileBehaviours: (options) => new FeedReader<VtFeedFileBehaviour>(r, 'file_behaviours', options),
    async downloadFile(item, options = {}) {
      const url = typeof item === 'string' ? item : item.context_attributes.download_url;
      if (url === undefined) {
        throw new VtError(
          `Feed item ${typeof item === 'string' ? item : item.id} has no download_url.`,
          {
            hint: 'Only file feed items carry a download_url (reference §4.9).',
          },
        );
      }
      return r.send({ method: 'GET', path: url, signal: options.signal });
    },
  };
}
