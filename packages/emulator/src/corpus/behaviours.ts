// Sandbox reports (`file_behaviour`, id `<sha256>_<SandboxName>`, reference §3
// and §4.1). Executables get one to three sandboxes (always including the ones
// named in their sandbox_verdicts); EICAR gets Zenbox, matching its verdict;
// other files get none. Reports are generated on demand from the seed;
// fixtures of type file_behaviour are served as loaded.
import type { Random } from '../random.ts';
import { behaviourAttributes, type BehaviourInput } from './behaviour-attributes.ts';
import type { Corpus } from './corpus.ts';
import { EICAR } from './eicar.ts';
import { SANDBOXES } from './engines.ts';
import { fileActivity, isExecutable } from './file-activity.ts';
import { mitreTree, type TechniqueHit } from './mitre.ts';
import { createCorpusObject, type Attributes, type CorpusObject } from './objects.ts';

/** Keys `behaviour_summary` leaves out (reference §4.1). */
const SUMMARY_OMITS = new Set([
  'analysis_date',
  'behash',
  'has_html_report',
  'has_pcap',
  'has_evtx',
  'has_memdump',
  'last_modification_date',
  'sandbox_name',
]);

export const behaviourId = (sha256: string, sandbox: string): string => `${sha256}_${sandbox}`;

/** Newest sandbox report first; fixtures for the file come first. */
export function fileBehaviours(corpus: Corpus, file: CorpusObject): CorpusObject[] {
  const loaded = corpus.list('file_behaviour').filter((b) => b.id.startsWith(`${file.id}_`));
  const generated = sandboxesOf(corpus, file)
    .map((sandbox) => generatedBehaviour(corpus, file, sandbox))
    .filter((b) => !loaded.some((l) => l.id === b.id));
  return [...loaded, ...generated];
}

export function fileBehaviour(corpus: Corpus, id: string): CorpusObject | undefined {
  const loaded = corpus.get('file_behaviour', id);
  if (loaded) return loaded;
  const cut = id.indexOf('_');
  const file = cut === 64 ? corpus.file(id.slice(0, 64)) : undefined;
  if (!file) return undefined;
  return fileBehaviours(corpus, file).find((b) => b.id === id);
}

function sandboxesOf(corpus: Corpus, file: CorpusObject): string[] {
  if (file.id === EICAR.sha256) return ['Zenbox'];
  if (!isExecutable(file)) return [];
  const r = corpus.random(`behaviours/${file.id}`);
  const named = Object.keys(verdictsOf(file.attributes()));
  const picked = new Set<string>(named);
  const want = r.range(1, 3);
  while (picked.size < want) picked.add(r.pick(SANDBOXES));
  return [...picked];
}

function generatedBehaviour(corpus: Corpus, file: CorpusObject, sandbox: string): CorpusObject {
  const r = corpus.random(`behaviour/${file.id}/${sandbox}`);
  return createCorpusObject('file_behaviour', behaviourId(file.id, sandbox), () =>
    behaviourAttributes(r, behaviourInput(corpus, file, sandbox, r)),
  );
}

function behaviourInput(
  corpus: Corpus,
  file: CorpusObject,
  sandbox: string,
  r: Random,
): BehaviourInput {
  const attrs = file.attributes();
  const activity = fileActivity(corpus, file);
  const verdict = verdictsOf(attrs)[sandbox]?.category;
  const stats = attrs['last_analysis_stats'] as Record<string, number> | undefined;
  const tag = attrs['type_tag'];
  return {
    sandbox,
    file: attrs,
    platform: tag === 'elf' ? 'linux' : tag === 'android' ? 'android' : 'windows',
    malicious: verdict === undefined ? (stats?.['malicious'] ?? 0) > 0 : verdict !== 'harmless',
    dns: activity.domains.map((hostname) => ({
      hostname,
      resolved_ips: [...corpus.domainIps(hostname)],
    })),
    ips: r.chance(0.9) ? activity.ips : activity.ips.slice(0, 1),
    urls: activity.urls.flatMap((id) => {
      const url = corpus.get('url', id)?.attributes()['url'];
      return typeof url === 'string' ? [url] : [];
    }),
    dropped: activity.dropped,
  };
}

function verdictsOf(attrs: Attributes): Record<string, { category?: string }> {
  const v = attrs['sandbox_verdicts'];
  return typeof v === 'object' && v !== null ? (v as Record<string, { category?: string }>) : {};
}

/** `behaviour_summary`: every report's lists merged, duplicates dropped (reference §4.1). */
export function behaviourSummary(reports: readonly CorpusObject[]): Attributes {
  const out: Record<string, unknown[]> = {};
  for (const report of reports) {
    for (const [key, value] of Object.entries(report.attributes())) {
      if (SUMMARY_OMITS.has(key) || !Array.isArray(value)) continue;
      const list = (out[key] ??= []);
      for (const item of value as unknown[]) {
        const seen = JSON.stringify(item);
        if (!list.some((x) => JSON.stringify(x) === seen)) list.push(item);
      }
    }
  }
  return out;
}

/** `behaviour_mitre_trees`: sandbox name → {tactics}. */
export function behaviourMitreTrees(reports: readonly CorpusObject[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const report of reports) {
    const attrs = report.attributes();
    const hits = Array.isArray(attrs['mitre_attack_techniques'])
      ? (attrs['mitre_attack_techniques'] as TechniqueHit[])
      : [];
    const sandbox = attrs['sandbox_name'];
    out[typeof sandbox === 'string' ? sandbox : report.id.slice(65)] = mitreTree(hits);
  }
  return out;
}
