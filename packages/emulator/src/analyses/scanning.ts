// The per-emulator state that submissions, analyses, downloads and private
// scanning share: the analysis store, one-time upload URLs and the download URL
// signer. Route modules run once per emulator with that emulator's `services`;
// `scanningOf(services)` builds the state on first call and hands every later
// caller the same instance, keyed by `services` (so two emulators never share).
import { createDownloadLinks, type DownloadLinks } from '../uploads/download-links.ts';
import { createUploadTickets, type UploadTickets } from '../uploads/upload-tickets.ts';
import type { Services } from '../routes/define.ts';
import { createAnalysisStore, type AnalysisStore } from './store.ts';

export interface Scanning {
  readonly analyses: AnalysisStore;
  readonly uploads: UploadTickets;
  readonly downloads: DownloadLinks;
}

const perEmulator = new WeakMap<Services, Scanning>();

export function scanningOf(services: Services): Scanning {
  let scanning = perEmulator.get(services);
  if (!scanning) {
    const random = services.random.fork('scanning');
    scanning = {
      analyses: createAnalysisStore(services),
      uploads: createUploadTickets(random.fork('upload-urls')),
      downloads: createDownloadLinks(random.fork('download-urls').hex(64)),
    };
    perEmulator.set(services, scanning);
  }
  return scanning;
}
