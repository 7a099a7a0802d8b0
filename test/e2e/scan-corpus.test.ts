// The scanner on a corpus of realistic files (test/fixtures/scan-corpus):
// Python requests, curl, fetch/axios, Go net/http, PowerShell, YAML/INI/.env
// and compose configs, .vt.toml, manifests, a README of placeholders, broker
// tokens, tricky hash variables, and IOC lists with hundreds of SHA-256s.
// expected.json lists every finding (file, line, rule) and nothing else is allowed.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../packages/broker/src/scan/scanner.ts';

const CORPUS = resolve(import.meta.dirname, '../fixtures/scan-corpus');

interface Expected {
  file: string;
  line: number;
  rule: string;
}

describe('vtbroker scan on the corpus', () => {
  it('reports exactly the expected findings (precision and recall 1.0), none in the IOC lists', async () => {
    const expected = (
      JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { findings: Expected[] }
    ).findings.map((e) => `${e.file}:${e.line} ${e.rule}`);
    const report = await scanPaths({ paths: ['.'], cwd: CORPUS });
    const found = report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    const truePositives = found.filter((f) => expected.includes(f)).length;
    const precision = truePositives / found.length;
    const recall = truePositives / expected.length;
    process.stdout.write(
      `scan corpus: ${found.length} findings, ${expected.length} expected, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
    );
    expect({
      missed: expected.filter((e) => !found.includes(e)),
      extra: found.filter((f) => !expected.includes(f)),
    }).toEqual({
      missed: [],
      extra: [],
    });
    expect(precision).toBe(1);
    expect(recall).toBe(1);
    expect(report.findings.filter((f) => f.file.startsWith('iocs/'))).toEqual([]);
    const iocLines = ['iocs/hashes.csv', 'iocs/hashes.txt', 'iocs/report.json'].map(
      (f) => readFileSync(join(CORPUS, f), 'utf8').match(/[0-9a-f]{64}/g)?.length ?? 0,
    );
    expect(iocLines.reduce((a, b) => a + b)).toBeGreaterThan(900); // 400 + 300 + 200 SHA-256s scanned
  });

  it('never prints a key of the corpus in full', async () => {
    const report = await scanPaths({ paths: ['.'], cwd: CORPUS });
    const out = JSON.stringify(report);
    for (const f of report.findings.filter((x) => x.secret)) {
      const value = readFileSync(join(CORPUS, f.file), 'utf8').slice(f.offset, f.offset + f.length);
      expect(out).not.toContain(value);
    }
  });
});
