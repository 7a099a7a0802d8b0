// The v2 endpoints that take form or query parameters (reference §7.2): what
// each reads, what it costs and which counter it charges, and which
// translation answers it. `file/scan` streams its body: its host uploads the
// file to v3 and answers with `uploadedFileBody` (submissions.ts).
import { domainReport } from './domain-report.ts';
import { fileReport } from './file-report.ts';
import { ipReport } from './ip-report.ts';
import type { V2Body } from './responses.ts';
import { rescanFile, scanUrl } from './submissions.ts';
import { urlReport } from './url-report.ts';
import { parseBatch, requiredParam, type Batch } from './batch-params.ts';
import type { V2Context } from './context.ts';

/** One v2 endpoint that takes form or query parameters: how it reads them, what it costs, how it answers. */
export interface V2Endpoint<I> {
  /** `api_usage` counter charged, with v3's names (§4.11) [U]. */
  counter: string;
  /** The validated input and its cost in item lookups; throws V2HttpError(400). */
  parse(params: URLSearchParams, batchLimit: number): { input: I; cost: number };
  answer(input: I, v2: V2Context): Promise<V2Body | V2Body[]>;
}

/** `file/report` and `file/rescan` list hashes with commas (§7.1). */
const CSV = /,/;
/** `url/report` and `url/scan` list URLs one per line [U]. */
const LINES = /\r?\n/;

/** One answer per item, in order; an array only when the parameter listed several (§7.1). */
async function eachItem(
  batch: Batch,
  answer: (item: string) => Promise<V2Body>,
): Promise<V2Body | V2Body[]> {
  const answers: V2Body[] = [];
  for (const item of batch.items) answers.push(await answer(item));
  const [first] = answers;
  return batch.isBatch || first === undefined ? answers : first;
}

const batchOf = (batch: Batch): { input: Batch; cost: number } => ({
  input: batch,
  cost: batch.items.length,
});

export const fileReportEndpoint: V2Endpoint<Batch> = {
  counter: 'files',
  parse: (params, limit) => batchOf(parseBatch(params, 'resource', CSV, limit)),
  answer: (batch, v2) => eachItem(batch, (resource) => fileReport(v2, resource)),
};

export const urlReportEndpoint: V2Endpoint<{ batch: Batch; scan: boolean }> = {
  counter: 'urls',
  parse: (params, limit) => {
    const batch = parseBatch(params, 'resource', LINES, limit);
    return { input: { batch, scan: params.get('scan') === '1' }, cost: batch.items.length };
  },
  answer: ({ batch, scan }, v2) => eachItem(batch, (resource) => urlReport(v2, resource, scan)),
};

export const domainReportEndpoint: V2Endpoint<string> = {
  counter: 'domains',
  parse: (params) => ({ input: requiredParam(params, 'domain'), cost: 1 }),
  answer: (domain, v2) => domainReport(v2, domain),
};

export const ipReportEndpoint: V2Endpoint<string> = {
  counter: 'ip_addresses',
  parse: (params) => ({ input: requiredParam(params, 'ip'), cost: 1 }),
  answer: (ip, v2) => ipReport(v2, ip),
};

export const fileRescanEndpoint: V2Endpoint<Batch> = {
  counter: 'file_analyse',
  parse: (params, limit) => batchOf(parseBatch(params, 'resource', CSV, limit)),
  answer: (batch, v2) => eachItem(batch, (resource) => rescanFile(v2, resource)),
};

export const urlScanEndpoint: V2Endpoint<Batch> = {
  counter: 'url_submission',
  parse: (params, limit) => batchOf(parseBatch(params, 'url', LINES, limit)),
  answer: (batch, v2) => eachItem(batch, (url) => scanUrl(v2, url)),
};
