// Sandbox reports (reference §4.1). `GET /files/{id}/behaviours` is the
// `behaviours` relationship (routes/relationships.ts); this module serves the
// rest:
//   GET /files/{id}/behaviour_summary      → {data: {merged lists}} (a plain dict, no envelope)
//   GET /files/{id}/behaviour_mitre_trees  → {data: {<sandbox>: {tactics: […]}}}
//   GET /file_behaviours/{id}              → obj file_behaviour
//   GET /file_behaviours/{id}/html|pcap    → the artifacts; evtx and memdump are never
//                                            available here (has_evtx/has_memdump are false)
import { notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import {
  behaviourMitreTrees,
  behaviourSummary,
  fileBehaviour,
  fileBehaviours,
} from '../corpus/behaviours.ts';
import { toVtObject, type CorpusObject } from '../corpus/objects.ts';
import { selfUrl } from './collection.ts';
import type { ApiCtx, RouteModule, V3Route } from './define.ts';
import { findRoot } from './relationships.ts';

/** A pcap global header with no packets (libpcap format, Ethernet link type). */
const EMPTY_PCAP = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');

function findBehaviour(ctx: ApiCtx): CorpusObject {
  const id = ctx.params['id'] ?? '';
  const report = fileBehaviour(ctx.services.corpus, id);
  if (!report) throw notFound(`File behaviour "${id}" not found`);
  return report;
}

const reportsOf = (ctx: ApiCtx): CorpusObject[] =>
  fileBehaviours(ctx.services.corpus, findRoot(ctx, 'file', ctx.params['id'] ?? ''));

function htmlReport(report: CorpusObject): EmuResponse {
  const attrs = report.attributes();
  if (attrs['has_html_report'] !== true) throw notFound(`No HTML report for "${report.id}"`);
  const escape = (s: string): string =>
    s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const body = `<!doctype html><html><head><title>${escape(report.id)}</title></head><body><h1>${escape(
    String(attrs['sandbox_name']),
  )}</h1><pre>${escape(JSON.stringify(attrs, null, 2))}</pre></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

function pcap(report: CorpusObject): EmuResponse {
  if (report.attributes()['has_pcap'] !== true) throw notFound(`No PCAP for "${report.id}"`);
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.tcpdump.pcap' },
    body: EMPTY_PCAP,
  };
}

const route = (path: string, handler: V3Route['handler']): V3Route => ({
  kind: 'v3',
  method: 'GET',
  path,
  counter: 'file_behaviours',
  handler,
});

export const behaviourRoutes: RouteModule = () => [
  route('/files/:id/behaviour_summary', (ctx) => json({ data: behaviourSummary(reportsOf(ctx)) })),
  route('/files/:id/behaviour_mitre_trees', (ctx) =>
    json({ data: behaviourMitreTrees(reportsOf(ctx)), links: { self: selfUrl(ctx) } }),
  ),
  route('/file_behaviours/:id', (ctx) =>
    json({ data: toVtObject(findBehaviour(ctx), ctx.apiBase) }),
  ),
  route('/file_behaviours/:id/html', (ctx) => htmlReport(findBehaviour(ctx))),
  route('/file_behaviours/:id/pcap', (ctx) => pcap(findBehaviour(ctx))),
  route('/file_behaviours/:id/:artifact', (ctx) => {
    const report = findBehaviour(ctx);
    throw notFound(`No ${ctx.params['artifact'] ?? ''} artifact for "${report.id}"`);
  }),
];
