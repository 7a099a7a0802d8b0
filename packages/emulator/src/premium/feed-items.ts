// The objects of one feed batch (reference §4.9): `itemsPerBatch` bare objects
// `{type, id, links, attributes, context_attributes}`, one JSON per line,
// chosen from the corpus by a random stream seeded with the batch name. Files
// carry `download_url` and (usually) `submitter`; URLs carry `submitter`.
import type { Corpus } from '../corpus/corpus.ts';
import { SANDBOXES } from '../corpus/engines.ts';
import { toVtObject, type CorpusObject, type FileObject } from '../corpus/objects.ts';
import type { Random } from '../random.ts';
import type { FeedKind } from './feed-batches.ts';

/** Share of items with a `submitter` (GTI-SPEC: "not present in all files") [U rate]. */
const SUBMITTER_RATE = 0.9;
const INTERFACES = ['api', 'web', 'email'] as const;
const COUNTRIES = ['US', 'DE', 'ES', 'FR', 'GB', 'BR', 'IN', 'JP', 'KR', 'NL'] as const;

export interface FeedItemContext {
  corpus: Corpus;
  itemsPerBatch: number;
  apiBase: string;
  /** How many files and URLs the feeds draw from: the corpus as it was at start. */
  poolSize: { files: number; urls: number };
  /** `download_url` of a feed file, valid for the feed's lifetime. */
  downloadUrl(batch: string, file: FileObject): string;
}

/** Lossy-ciphered, non-identifying submitter info; field names per VT feeds [U]. */
function submitter(random: Random): Record<string, string> {
  const country = random.pick(COUNTRIES);
  return {
    id: random.hex(8),
    interface: random.pick(INTERFACES),
    method: random.pick(INTERFACES),
    country,
    region: random.hex(4),
    city: random.hex(6),
  };
}

function fileItem(ctx: FeedItemContext, batch: string, file: FileObject, r: Random, at: number) {
  const base = toVtObject(file, ctx.apiBase);
  const context: Record<string, unknown> = { download_url: ctx.downloadUrl(batch, file) };
  if (r.chance(SUBMITTER_RATE)) context['submitter'] = submitter(r);
  const attributes = { ...file.attributes(), last_submission_date: at, last_analysis_date: at };
  return { ...base, attributes, context_attributes: context };
}

function urlItem(ctx: FeedItemContext, url: CorpusObject, r: Random, at: number) {
  const base = toVtObject(url, ctx.apiBase);
  const context: Record<string, unknown> = {};
  if (r.chance(SUBMITTER_RATE)) context['submitter'] = submitter(r);
  const attributes = { ...url.attributes(), last_submission_date: at, last_analysis_date: at };
  return { ...base, attributes, context_attributes: context };
}

/** A small sandbox report, enough to exercise clients of the behaviour feed. */
function behaviourItem(ctx: FeedItemContext, file: FileObject, r: Random, at: number) {
  const sandbox = r.pick(SANDBOXES);
  const id = `${file.sha256}_${sandbox.replace(/\W+/g, '_')}`;
  return {
    type: 'file_behaviour',
    id,
    links: { self: `${ctx.apiBase}/file_behaviours/${encodeURIComponent(id)}` },
    attributes: { sandbox_name: sandbox, analysis_date: at, verdicts: [], tags: [] },
    context_attributes: {
      file_md5: file.md5,
      file_sha1: file.sha1,
      file_type_tag: file.attributes()['type_tag'],
    },
  };
}

/** The batch's lines, without trailing newlines. */
export function feedLines(
  ctx: FeedItemContext,
  kind: FeedKind,
  batch: string,
  startMs: number,
): string[] {
  const r = ctx.corpus.random(`feed/${kind}/${batch}`);
  const files = ctx.corpus.files().slice(0, ctx.poolSize.files);
  const urls = ctx.corpus.list('url').slice(0, ctx.poolSize.urls);
  const lines: string[] = [];
  for (let i = 0; i < ctx.itemsPerBatch; i++) {
    const at = Math.floor(startMs / 1000) + r.int(60);
    const item =
      kind === 'urls'
        ? urlItem(ctx, r.pick(urls), r, at)
        : kind === 'files'
          ? fileItem(ctx, batch, r.pick(files), r, at)
          : behaviourItem(ctx, r.pick(files), r, at);
    lines.push(JSON.stringify(item));
  }
  return lines;
}
