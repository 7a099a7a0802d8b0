// The relationship graph (reference §2.3): for an object and a relationship
// name, the related objects as descriptors, generated from the seed
// (corpus.random) so that the same seed always gives the same graph.
// Relationships whose targets the emulator does not model (graphs,
// collections, ssl certificates, whois records, threat actors, analyses…)
// are empty lists. Names come from relationship-names.ts.
//
// Well-known objects with at least 3 pages at limit 10 (client tests rely on
// them; counts hold for any corpus with at least ~40 files, URLs and IPs):
//   domain example.com   resolutions 35 (public, meta.count) · subdomains 34 (public;
//                        none is in the corpus, so full lists are per-item errors) ·
//                        communicating_files 33 (intelligence)
//   ip 8.8.8.8           communicating_files 35 (public)
//   file EICAR           similar_files 36 · itw_urls 32 (both intelligence)
import { fileBehaviours } from './behaviours.ts';
import { listComments } from './comments.ts';
import { fileActivity, isExecutable } from './file-activity.ts';
import { DOMAIN_GENERATORS, IP_GENERATORS, URL_GENERATORS } from './network-relationships.ts';
import type { CorpusObject, ObjectType } from './objects.ts';
import {
  ids,
  picks,
  type Generator,
  type RelatedItem,
  type RelationInput,
} from './related-picks.ts';
import { listVotes } from './votes.ts';

export type { RelatedItem, RelationInput } from './related-picks.ts';
export { WELL_KNOWN_COUNTS } from './related-picks.ts';
export { WELL_KNOWN_HISTORY } from './resolutions.ts';

const tagIn =
  (...tags: string[]) =>
  (obj: CorpusObject): boolean =>
    tags.includes(String(obj.attributes()['type_tag']));

const COMMON: Readonly<Record<string, Generator>> = {
  comments: ({ corpus, obj }) =>
    listComments(corpus, obj).map((c) => ({ type: 'comment', id: c.id })),
  votes: ({ corpus, obj }) => listVotes(corpus, obj).map((v) => ({ type: 'vote', id: v.id })),
  user_votes: ({ corpus, obj, viewerId }) =>
    listVotes(corpus, obj, viewerId).map((v) => ({ type: 'vote', id: v.id })),
};

const FILE_GENERATORS: Readonly<Record<string, Generator>> = {
  behaviours: ({ corpus, obj }) =>
    fileBehaviours(corpus, obj).map((b) => ({ type: 'file_behaviour', id: b.id })),
  contacted_domains: ({ corpus, obj }) => ids('domain', fileActivity(corpus, obj).domains),
  contacted_ips: ({ corpus, obj }) => ids('ip_address', fileActivity(corpus, obj).ips),
  contacted_urls: ({ corpus, obj }) => ids('url', fileActivity(corpus, obj).urls),
  dropped_files: ({ corpus, obj }) => ids('file', fileActivity(corpus, obj).dropped),
  execution_parents: picks({
    to: 'file',
    min: 1,
    max: 3,
    missing: 0.6,
    firstMissing: true,
    when: isExecutable,
  }),
  carbonblack_children: picks({ to: 'file', min: 0, max: 3, missing: 0.5, when: isExecutable }),
  carbonblack_parents: picks({ to: 'file', min: 0, max: 2, missing: 0.5, when: isExecutable }),
  pe_resource_children: picks({
    to: 'file',
    min: 0,
    max: 2,
    missing: 0.8,
    when: tagIn('peexe', 'pedll'),
  }),
  pe_resource_parents: picks({
    to: 'file',
    min: 0,
    max: 1,
    missing: 0.5,
    when: tagIn('peexe', 'pedll'),
  }),
  overlay_children: picks({ to: 'file', min: 0, max: 1, missing: 0.8, when: isExecutable }),
  overlay_parents: picks({ to: 'file', min: 0, max: 1, missing: 0.8, when: isExecutable }),
  bundled_files: picks({ to: 'file', min: 2, max: 8, missing: 0.5, when: tagIn('zip', 'android') }),
  compressed_parents: picks({ to: 'file', min: 0, max: 2, missing: 0.7 }),
  email_parents: picks({ to: 'file', min: 0, max: 1, missing: 0.8, when: tagIn('doc', 'pdf') }),
  similar_files: picks({ to: 'file', min: 0, max: 8 }),
  itw_urls: picks({ to: 'url', min: 0, max: 3 }),
  itw_domains: picks({ to: 'domain', min: 0, max: 2 }),
  itw_ips: picks({ to: 'ip_address', min: 0, max: 2 }),
  embedded_urls: picks({
    to: 'url',
    min: 0,
    max: 3,
    when: tagIn('pdf', 'doc', 'html', 'javascript'),
  }),
  embedded_domains: picks({ to: 'domain', min: 0, max: 3, when: isExecutable }),
  embedded_ips: picks({ to: 'ip_address', min: 0, max: 2, when: isExecutable }),
  memory_pattern_urls: picks({ to: 'url', min: 0, max: 2, when: isExecutable }),
  memory_pattern_domains: picks({ to: 'domain', min: 0, max: 2, when: isExecutable }),
  memory_pattern_ips: picks({ to: 'ip_address', min: 0, max: 2, when: isExecutable }),
  urls_for_embedded_js: picks({ to: 'url', min: 0, max: 3, when: tagIn('html', 'javascript') }),
};

const GENERATORS: Partial<Record<ObjectType, Readonly<Record<string, Generator>>>> = {
  file: { ...COMMON, ...FILE_GENERATORS },
  url: { ...COMMON, ...URL_GENERATORS },
  domain: { ...COMMON, ...DOMAIN_GENERATORS },
  ip_address: { ...COMMON, ...IP_GENERATORS },
};

/** Related descriptors, in VT's order (newest or most relevant first). */
export function relatedItems(input: RelationInput): RelatedItem[] {
  const generate = GENERATORS[input.obj.type]?.[input.name];
  return generate ? generate(input) : [];
}
