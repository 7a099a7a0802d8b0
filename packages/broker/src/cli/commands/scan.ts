// `vtbroker scan [PATH…]`: legacy v2 calls and hard-coded credentials, as a
// table, JSON or SARIF; `--verify` asks VirusTotal about each distinct key;
// `--fix` shows a diff of the mechanical rewrites and writes them atomically.
// Exit code 1 when a finding is at or above --fail-on, 2 on a usage error.
import { stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import type { FetchFn } from '@vtbroker/client';
import { failsAt, type Finding } from '../../scan/finding.ts';
import { formatJson } from '../../scan/format-json.ts';
import { formatSarif } from '../../scan/format-sarif.ts';
import { formatText } from '../../scan/format-text.ts';
import { readSecrets } from '../../scan/read-secrets.ts';
import { nodeScanFs, type ScanFs } from '../../scan/scan-fs.ts';
import { scanPaths, type ScanReport } from '../../scan/scanner.ts';
import { verifyKeys } from '../../scan/verify-keys.ts';
import { UsageError } from '../usage-error.ts';
import { applyFixes } from './scan-fix.ts';
import { HELP, parseScanArgs, type ScanArgs } from './scan-args.ts';

/** What the command touches, injected so tests run it in-process. */
export interface ScanIo {
  cwd: string;
  fs: ScanFs;
  out: (text: string) => void;
  err: (text: string) => void;
  /** VirusTotal for --verify (the emulator's in tests). */
  fetch?: FetchFn;
  /** Asks a yes/no question; undefined when stdin is not a terminal. */
  ask?: (question: string) => Promise<boolean>;
  /** Test hook for the crash test: runs before each rename of --write. */
  beforeRename?: () => void;
}

const VERIFY_TIMEOUT_MS = 30_000;

function render(report: ScanReport, args: ScanArgs): string {
  if (args.format === 'json') return formatJson(report);
  if (args.format === 'sarif')
    return `${JSON.stringify(formatSarif(report, args.docsUrl), null, 2)}\n`;
  return formatText(report);
}

async function verify(report: ScanReport, args: ScanArgs, io: ScanIo): Promise<void> {
  const keys = await readSecrets(io.fs, io.cwd, report.findings, 'vt-key');
  if (keys.size === 0) return;
  io.err(
    `verify: asking ${new URL(args.vtUrl).origin} about ${keys.size} distinct key(s), one call each\n`,
  );
  const results = await verifyKeys(keys, {
    baseUrl: args.vtUrl,
    timeoutMs: VERIFY_TIMEOUT_MS,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  for (const f of report.findings) {
    const result = f.secret && results.get(f.secret.fingerprint);
    if (!result) continue;
    f.verification = result;
    if (result.status === 'dead') f.severity = 'warning';
  }
}

async function checkPaths(paths: readonly string[], cwd: string): Promise<void> {
  for (const path of paths) {
    try {
      await stat(resolve(cwd, path));
    } catch {
      throw new UsageError(
        `cannot read "${path}": no such file or directory`,
        'vtbroker scan . (or the paths to scan)',
        2,
      );
    }
  }
}

export async function runScan(argv: string[], io: ScanIo): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.help) {
    io.out(HELP);
    return 0;
  }
  await checkPaths(args.paths, io.cwd);
  const report = await scanPaths({
    paths: args.paths,
    cwd: io.cwd,
    fs: io.fs,
    useIgnore: args.useIgnore,
    followSymlinks: args.followSymlinks,
    maxFileBytes: args.maxFileBytes,
    concurrency: args.jobs,
  });
  if (args.verify) await verify(report, args, io);
  if (args.fix) await applyFixes(report, args, io);
  const rendered = render(report, args);
  if (args.output === undefined) io.out(rendered);
  else await writeFile(resolve(io.cwd, args.output), rendered);
  return report.findings.some((f: Finding) => failsAt(f.severity, args.failOn)) ? 1 : 0;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(?:es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function run(argv: string[]): Promise<number> {
  return runScan(argv, {
    cwd: process.cwd(),
    fs: nodeScanFs,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    ...(process.stdin.isTTY ? { ask: askOnTerminal } : {}),
    ...(process.env['VTB_TEST_SCAN_KILL_BEFORE_RENAME'] === '1'
      ? { beforeRename: () => process.kill(process.pid, 'SIGKILL') }
      : {}),
  });
}
