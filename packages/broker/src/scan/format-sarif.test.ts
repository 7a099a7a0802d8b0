// The SARIF output against the SARIF 2.1.0 schema's required properties and
// enumerations, checked by hand (no schema download): what GitHub code scanning
// needs to accept, show and de-duplicate the results.
import { describe, expect, it } from 'vitest';
import { formatSarif } from './format-sarif.ts';
import { scanText } from './scan-text.ts';
import type { ScanReport } from './scanner.ts';
import { fakeHash, fakeKey } from './test-support/fake-secrets.ts';

type Json = Record<string, unknown>;
const LEVELS = ['none', 'note', 'warning', 'error'];

function sarifProblems(log: Json): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  const isObject = (v: unknown): v is Json =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const message = (m: unknown, where: string) => {
    need(
      isObject(m) && (typeof m['text'] === 'string' || typeof m['id'] === 'string'),
      `${where}: message needs text or id`,
    );
  };
  need(log['version'] === '2.1.0', 'sarifLog.version must be "2.1.0"');
  need(typeof log['$schema'] === 'string', 'sarifLog.$schema');
  need(Array.isArray(log['runs']), 'sarifLog.runs is required (array)');
  for (const [r, run] of ((log['runs'] ?? []) as Json[]).entries()) {
    const driver = (run['tool'] as Json | undefined)?.['driver'] as Json | undefined;
    need(isObject(driver), `runs[${r}].tool.driver is required`);
    need(typeof driver?.['name'] === 'string', `runs[${r}].tool.driver.name is required`);
    const rules = (driver?.['rules'] ?? []) as Json[];
    const ids = rules.map((rule) => rule['id']);
    need(new Set(ids).size === ids.length, 'rule ids are unique');
    for (const rule of rules) {
      need(typeof rule['id'] === 'string', 'reportingDescriptor.id is required');
      message(rule['shortDescription'], `rule ${String(rule['id'])} shortDescription`);
      need(
        URL.canParse(String(rule['helpUri'])),
        `rule ${String(rule['id'])} helpUri must be an absolute URI`,
      );
      need(
        String(rule['helpUri']).endsWith(`#${String(rule['id'])}`),
        'helpUri points at the rule anchor',
      );
      const level = (rule['defaultConfiguration'] as Json | undefined)?.['level'];
      need(LEVELS.includes(String(level)), `rule ${String(rule['id'])} defaultConfiguration.level`);
    }
    for (const [i, result] of ((run['results'] ?? []) as Json[]).entries()) {
      const where = `results[${i}]`;
      message(result['message'], where);
      need(LEVELS.includes(String(result['level'])), `${where}.level`);
      const index = result['ruleIndex'] as number;
      need(ids[index] === result['ruleId'], `${where}.ruleIndex names its ruleId`);
      const fingerprints = result['partialFingerprints'] as Json;
      need(
        isObject(fingerprints) && Object.values(fingerprints).every((v) => typeof v === 'string'),
        `${where}.partialFingerprints`,
      );
      for (const location of (result['locations'] ?? []) as Json[]) {
        const physical = location['physicalLocation'] as Json;
        const artifact = physical['artifactLocation'] as Json;
        const region = physical['region'] as Json;
        need(
          typeof artifact['uri'] === 'string' && !artifact['uri'].startsWith('/'),
          `${where} uri is relative`,
        );
        need(
          Number.isInteger(region['startLine']) && (region['startLine'] as number) >= 1,
          `${where}.region.startLine >= 1`,
        );
        need(
          Number.isInteger(region['startColumn']) && (region['startColumn'] as number) >= 1,
          `${where}.region.startColumn >= 1`,
        );
      }
    }
  }
  return problems;
}

function report(): ScanReport {
  const key = fakeKey('sarif');
  const text = `curl "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}&resource=${fakeHash('s')}"\nexport VT_API_KEY=${key}\n`;
  return {
    findings: scanText(text, 'scripts/my lookup.sh'),
    stats: { filesScanned: 1, bytesScanned: text.length, durationMs: 1, skipped: {} as never },
    notes: [],
  };
}

describe('formatSarif', () => {
  it('has every property SARIF 2.1.0 requires, and levels from its enumeration', () => {
    const log = formatSarif(report(), 'https://docs.example.test/scan.md') as Json;
    expect(sarifProblems(log)).toEqual([]);
    const results = (log['runs'] as Json[])[0]?.['results'] as Json[];
    expect(results.map((r) => r['ruleId'])).toEqual(['v2-endpoint', 'vt-api-key', 'vt-api-key']);
    expect(JSON.stringify(results[0]?.['locations'])).toContain('"uri":"scripts/my%20lookup.sh"');
  });

  it('gives stable, distinct fingerprints: same across line moves, one per occurrence', () => {
    const first = formatSarif(report()) as Json;
    const moved = report();
    for (const f of moved.findings) f.line += 10;
    const prints = (log: Json) =>
      ((log['runs'] as Json[])[0]?.['results'] as Json[]).map((r) =>
        JSON.stringify(r['partialFingerprints']),
      );
    expect(prints(formatSarif(moved) as Json)).toEqual(prints(first));
    expect(new Set(prints(first)).size).toBe(3);
  });

  it("points helpUri at this checkout's docs/scan.md by default (absolute)", () => {
    const rules = (((formatSarif(report()) as Json)['runs'] as Json[])[0]?.['tool'] as Json)[
      'driver'
    ] as Json;
    expect(String((rules['rules'] as Json[])[0]?.['helpUri'])).toMatch(
      /^file:\/\/.*\/docs\/scan\.md#vt-api-key$/,
    );
  });
});
