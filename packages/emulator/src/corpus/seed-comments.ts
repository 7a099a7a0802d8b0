// A few community comments present from the start, so that `GET /comments`,
// tag searches (`/search?query=eicar`) and the `comments` relationship have
// something to show before anyone posts. Deterministic from the seed.
import { addComment } from './comments.ts';
import type { Corpus } from './corpus.ts';
import { EICAR } from './eicar.ts';

/** Author of seeded comments: not a key holder, so nobody can delete them. */
export const COMMUNITY_AUTHOR = 'vt-community';

const EICAR_COMMENTS = [
  'This is the #eicar anti-malware #test-file: harmless by design.',
  'Detected by nearly every engine, as it should be. #eicar',
  'Used it to check that our mail gateway scans attachments. #eicar #testing',
];

const MALWARE_TEXTS = [
  'Seen as an attachment in a #phishing campaign. #{family}',
  '#{family} sample; C2 traffic over HTTPS. #malware',
  'Dropped by a malicious macro document. #{family} #dropper',
];

export function seedComments(corpus: Corpus): void {
  const r = corpus.random('comments/seed');
  const epoch = Math.floor(corpus.epochMs / 1000);
  const day = 86_400;
  const add = (type: 'file' | 'domain', id: string, text: string): void => {
    const item = { type, id };
    const dateSeconds = epoch - r.range(day, 300 * day);
    addComment(corpus, { item, authorId: COMMUNITY_AUTHOR, text, dateSeconds, systemTags: [] }, r);
  };
  for (const text of EICAR_COMMENTS) add('file', EICAR.sha256, text);
  add('domain', 'example.com', 'Reserved by IANA for documentation. #benign #iana');
  const files = corpus.files().slice(1, 41);
  for (let i = 0; i < 6 && files.length > 0; i++) {
    const file = r.pick(files);
    const family = familyOf(file.attributes()) ?? 'malware';
    add('file', file.id, r.pick(MALWARE_TEXTS).replace('{family}', family));
  }
}

function familyOf(attrs: Record<string, unknown>): string | undefined {
  const ptc = attrs['popular_threat_classification'] as
    { popular_threat_name?: { value?: string }[] } | undefined;
  return ptc?.popular_threat_name?.[0]?.value;
}
