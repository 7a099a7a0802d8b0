// The `scan` bench: how fast is `vtbroker scan` on a large tree, against
// ripgrep searching the same tree for an equivalent pattern set, in the same
// run? The tree is this repository's node_modules (~8,000 text files, ~60 MB of
// text; more on disk). Both walk everything (no ignore files, hidden files
// included, symlinks not followed, files over 2 MiB and binaries skipped), and
// both run twice with the second run kept (warm page cache, warm JIT).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanPaths } from '../../packages/broker/src/scan/scanner.ts';
import { defineBench } from '../support/bench.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TREE = resolve(ROOT, 'node_modules');

/**
 * What the scanner looks for, as ripgrep patterns (scan-text.ts: ANCHORS and
 * CANDIDATES). `(?-u)`: ASCII classes and word boundaries, as the scanner's
 * JavaScript expressions (no `u` flag) have; Unicode-aware `\\b` and `(?i)`
 * make ripgrep 10–20× slower on this tree and would flatter the scanner.
 */
export const RG_PATTERNS = [
  'vtapi/v2',
  '(?i)virus_?total',
  '(?i)api[_-]?key',
  'vt\\.(?:New)?Client',
  'vtba?_[a-z0-9]{12}_[A-Za-z0-9_-]{43}',
  'vtai_[A-Za-z0-9_-]{16,}',
  '\\b[0-9a-fA-F]{64}\\b',
].map((pattern) => `(?-u)${pattern}`);

interface Run {
  ms: number;
  files: number;
  bytes: number;
}

async function scanner(): Promise<Run> {
  const started = performance.now();
  const report = await scanPaths({ paths: [TREE], cwd: ROOT, useIgnore: false });
  return {
    ms: performance.now() - started,
    files: report.stats.filesScanned,
    bytes: report.stats.bytesScanned,
  };
}

function ripgrep(): Run {
  const args = [
    '--no-ignore',
    '--hidden',
    '--no-messages',
    '--max-filesize',
    '2M',
    '--count-matches',
    '--stats',
  ];
  const started = performance.now();
  const rg = spawnSync('rg', [...args, ...RG_PATTERNS.flatMap((p) => ['-e', p]), TREE], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (rg.status !== 0 && rg.status !== 1) throw new Error(`rg failed (${rg.status}): ${rg.stderr}`);
  const files = Number(/(\d+) files searched/.exec(rg.stdout)?.[1] ?? NaN);
  const bytes = Number(/(\d+) bytes searched/.exec(rg.stdout)?.[1] ?? NaN);
  return { ms, files, bytes };
}

const row = (name: string, r: Run): string =>
  `${name.padEnd(14)} ${r.ms.toFixed(0).padStart(7)} ms ${String(r.files).padStart(7)} files ${(r.bytes / 1e6).toFixed(1).padStart(7)} MB ${(r.files / (r.ms / 1000)).toFixed(0).padStart(8)} files/s ${(r.bytes / 1e6 / (r.ms / 1000)).toFixed(1).padStart(7)} MB/s`;

export const scanBench = defineBench({
  name: 'scan',
  description: 'vtbroker scan on node_modules against ripgrep with the same patterns',
  async run(log) {
    const version = spawnSync('rg', ['--version'], { encoding: 'utf8' });
    if (version.error !== undefined || version.status !== 0)
      throw new Error(
        'ripgrep (rg) is not installed: the scan bench compares against it (apt-get install -y ripgrep)',
      );
    if (!existsSync(TREE)) throw new Error(`${TREE} is missing: run npm ci first`);
    log(
      `scan: ${TREE} against ${version.stdout.split('\n')[0] ?? 'rg'}; each run twice, second kept`,
    );
    await scanner();
    const ours = await scanner();
    ripgrep();
    const rg = ripgrep();
    log(row('vtbroker scan', ours));
    log(row('ripgrep', rg));
    const timeRatio = ours.ms / rg.ms;
    log(
      `ratio: vtbroker scan takes ${timeRatio.toFixed(1)}× ripgrep's wall time (MB/s ${(rg.bytes / rg.ms / (ours.bytes / ours.ms)).toFixed(1)}× lower)`,
    );
    return {
      scanMs: Math.round(ours.ms),
      rgMs: Math.round(rg.ms),
      scanFiles: ours.files,
      rgFiles: rg.files,
      scanMBps: Number((ours.bytes / 1e3 / ours.ms).toFixed(1)),
      rgMBps: Number((rg.bytes / 1e3 / rg.ms).toFixed(1)),
      timeRatio: Number(timeRatio.toFixed(2)),
    };
  },
});
