// Analyses complete lazily, when someone looks: `GET /files/{sha256}` (served by
// routes/objects.ts), search and relationships read the corpus directly, so the
// analysis store runs its "settle what is due" step before every corpus lookup.
// The Corpus has no read hook of its own; this wraps its lookup functions on the
// emulator's own corpus instance (nothing shared between emulators).
import type { Corpus } from '../corpus/corpus.ts';

/** The corpus lookups without the hook, for the settling step itself. */
export interface CorpusReads {
  file: Corpus['file'];
  url: Corpus['url'];
}

export function hookCorpusReads(corpus: Corpus, beforeRead: () => void): CorpusReads {
  const file = corpus.file.bind(corpus);
  const url = corpus.url.bind(corpus);
  const get = corpus.get.bind(corpus);
  const list = corpus.list.bind(corpus);
  const files = corpus.files.bind(corpus);
  corpus.file = (hash) => {
    beforeRead();
    return file(hash);
  };
  corpus.url = (id) => {
    beforeRead();
    return url(id);
  };
  corpus.get = (type, id) => {
    beforeRead();
    return get(type, id);
  };
  corpus.list = (type) => {
    beforeRead();
    return list(type);
  };
  corpus.files = () => {
    beforeRead();
    return files();
  };
  return { file, url };
}
