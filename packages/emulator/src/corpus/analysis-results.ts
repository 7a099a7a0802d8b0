// Synthetic per-engine verdicts with VT's shapes: file results carry
// engine_version/engine_update and eight stats keys; URL-style results (urls,
// domains, IPs) five (reference §5.1–5.5). Stats are always counted from the
// results, so the two never disagree.
import type { Random } from '../random.ts';
import { THREAT_CATEGORIES, THREAT_FAMILIES } from './engines.ts';

export type Verdict = 'malicious' | 'suspicious' | 'clean';

export const FILE_STAT_KEYS = [
  'confirmed-timeout',
  'failure',
  'harmless',
  'malicious',
  'suspicious',
  'timeout',
  'type-unsupported',
  'undetected',
] as const;
export const URL_STAT_KEYS = [
  'harmless',
  'malicious',
  'suspicious',
  'timeout',
  'undetected',
] as const;

export interface EngineResult {
  category: string;
  engine_name: string;
  engine_version?: string;
  engine_update?: string;
  method: string;
  result: string | null;
}

export function pickVerdict(random: Random): Verdict {
  const r = random.next();
  return r < 0.35 ? 'malicious' : r < 0.45 ? 'suspicious' : 'clean';
}

export function fileResults(
  random: Random,
  engines: readonly string[],
  verdict: Verdict,
  updateDay: string,
  label: { category: string; family: string },
  fixedResult?: string,
): Record<string, EngineResult> {
  const detectRate =
    verdict === 'malicious' ? 0.25 + random.next() * 0.65 : verdict === 'suspicious' ? 0.04 : 0;
  const out: Record<string, EngineResult> = {};
  for (const engine of engines) {
    const r = random.next();
    let category = 'undetected';
    let result: string | null = null;
    if (r < detectRate) {
      category = 'malicious';
      result = fixedResult ?? detectionName(random, engine, label);
    } else if (verdict !== 'clean' && r < detectRate + 0.03) {
      category = 'suspicious';
      result = `Suspicious.${capitalise(label.category)}`;
    } else if (r > 0.97) {
      category = random.pick(['type-unsupported', 'timeout', 'failure', 'confirmed-timeout']);
    }
    out[engine] = {
      category,
      engine_name: engine,
      engine_version: `${random.range(1, 24)}.${random.range(0, 9)}.${random.range(0, 999)}`,
      engine_update: updateDay,
      method: 'blacklist',
      result,
    };
  }
  return out;
}

export function urlResults(
  random: Random,
  engines: readonly string[],
  verdict: Verdict,
): Record<string, EngineResult> {
  const detectRate =
    verdict === 'malicious' ? 0.08 + random.next() * 0.2 : verdict === 'suspicious' ? 0.02 : 0;
  const out: Record<string, EngineResult> = {};
  for (const engine of engines) {
    const r = random.next();
    let category = 'harmless';
    let result = 'clean';
    if (r < detectRate) {
      category = 'malicious';
      result = random.pick(['malicious', 'phishing', 'malware']);
    } else if (verdict !== 'clean' && r < detectRate + 0.02) {
      category = 'suspicious';
      result = 'suspicious';
    } else if (r > 0.75) {
      category = 'undetected';
      result = 'unrated';
    }
    out[engine] = { category, engine_name: engine, method: 'blacklist', result };
  }
  return out;
}

export function countStats(
  results: Record<string, EngineResult>,
  keys: readonly string[],
): Record<string, number> {
  const stats: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const { category } of Object.values(results)) {
    if (category in stats) stats[category] = (stats[category] ?? 0) + 1;
  }
  return stats;
}

export function threatLabel(random: Random): { category: string; family: string } {
  return { category: random.pick(THREAT_CATEGORIES), family: random.pick(THREAT_FAMILIES) };
}

export function popularThreatClassification(
  results: Record<string, EngineResult>,
  label: { category: string; family: string },
): Record<string, unknown> | undefined {
  const detections = Object.values(results).filter((r) => r.category === 'malicious').length;
  if (detections === 0) return undefined;
  return {
    suggested_threat_label: `${label.category}.${label.family}`,
    popular_threat_category: [{ count: detections, value: label.category }],
    popular_threat_name: [
      { count: Math.max(1, Math.floor(detections * 0.7)), value: label.family },
    ],
  };
}

function detectionName(
  random: Random,
  engine: string,
  label: { category: string; family: string },
): string {
  const fam = capitalise(label.family);
  const cat = capitalise(label.category);
  switch (random.int(4)) {
    case 0:
      return `${cat}.Win32.${fam}.${random.hex(4)}`;
    case 1:
      return `${cat}:Win32/${fam}!${engine.slice(0, 2).toLowerCase()}`;
    case 2:
      return `Gen:Variant.${fam}.${random.range(1, 99999)}`;
    default:
      return `W32/${fam}.${random.hex(2).toUpperCase()}!tr`;
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
