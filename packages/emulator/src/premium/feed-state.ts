// One emulator's feed machinery: the signer, the archive cache, the batches a
// test marked missing, and the links the feed endpoints hand out.
import type { FileObject } from '../corpus/objects.ts';
import type { Services } from '../routes/define.ts';
import { createFeedArchive, type FeedArchive } from './feed-archive.ts';
import { batchName, isNaturallyMissing, type FeedKind } from './feed-batches.ts';
import { createFeedSigner, type FeedSigner } from './feed-signer.ts';

export const STORAGE_PREFIX = '/_emulator/storage/feeds';
const API_SUFFIX = '/api/v3';

export interface FeedState {
  readonly signer: FeedSigner;
  readonly archive: FeedArchive;
  /** Marks (or unmarks) a minute batch missing, on top of the natural gaps. */
  mark(kind: FeedKind, startMs: number, missing: boolean): void;
  isMissing(kind: FeedKind, startMs: number): boolean;
  /** A signed link to the batch's bytes on the emulator's own origin. */
  storageUrl(apiBase: string, kind: FeedKind, file: string, nowMs: number): string;
  /** The string a storage link signs. */
  storageClaim(kind: FeedKind, file: string, expiresSeconds: number): string;
  downloadUrl(apiBase: string, batch: string, file: FileObject): string;
}

export function createFeedState(services: Services): FeedState {
  const { corpus, settings } = services;
  const signer = createFeedSigner(services.random.fork('feed-signing').hex(64));
  const marked = new Map<string, boolean>();
  // The pool is the corpus as it was at start, so a batch never changes later.
  const poolSize = { files: corpus.files().length, urls: corpus.list('url').length };
  const downloadUrl = (apiBase: string, batch: string, file: FileObject): string =>
    `${apiBase}/feeds/files/${signer.token(`${batch}:${file.sha256}`)}/download`;
  const archive = createFeedArchive((apiBase) => ({
    corpus,
    itemsPerBatch: settings.feeds.itemsPerBatch,
    apiBase,
    poolSize,
    downloadUrl: (batch, file) => downloadUrl(apiBase, batch, file),
  }));
  const storageClaim = (kind: FeedKind, file: string, expiresSeconds: number): string =>
    `${STORAGE_PREFIX}/${kind}/${file}|${expiresSeconds}`;
  return {
    signer,
    archive,
    mark(kind, startMs, missing) {
      marked.set(`${kind}/${batchName(startMs, 'minute')}`, missing);
    },
    isMissing: (kind, startMs) =>
      marked.get(`${kind}/${batchName(startMs, 'minute')}`) ??
      isNaturallyMissing(kind, startMs, settings.feeds.missingOneIn),
    storageUrl(apiBase, kind, file, nowMs) {
      const origin = apiBase.endsWith(API_SUFFIX) ? apiBase.slice(0, -API_SUFFIX.length) : apiBase;
      // Signed links live as long as file download links (reference §4.1) [U for feeds].
      const expires = Math.floor(nowMs / 1000) + settings.downloads.urlTtlSeconds;
      const sig = signer.sign(storageClaim(kind, file, expires));
      return `${origin}${STORAGE_PREFIX}/${kind}/${file}?exp=${expires}&sig=${sig}`;
    },
    storageClaim,
    downloadUrl,
  };
}
