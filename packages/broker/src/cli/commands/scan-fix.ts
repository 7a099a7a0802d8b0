// `vtbroker scan --fix`: the diff of every mechanical rewrite, then (with
// --write, or a "yes" on a terminal) each changed file written atomically. The
// report then lists what is left, each with its manual fix.
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../scan/atomic-write.ts';
import { compareFindings } from '../../scan/finding.ts';
import { planFixes, type FileFix } from '../../scan/plan-fixes.ts';
import type { ScanReport } from '../../scan/scanner.ts';
import { scanText } from '../../scan/scan-text.ts';
import { redactSecret } from '../../scan/secret-display.ts';
import { unifiedDiff } from '../../scan/unified-diff.ts';
import type { ScanArgs } from './scan-args.ts';
import type { ScanIo } from './scan.ts';

const HEADERS = {
  v3: 'v2 → v3: the v3 answer does not have the v2 shape (reference §7.3): response_code, positives, total and scans are gone; change the code that reads it, or use --broker-url, whose answers keep the v2 shape',
  broker:
    'v2 → the broker: it answers these v2 calls in the v2 shape; the apikey= value must now be a broker token (vtbroker token create), not a VT key',
  secret:
    'secrets → environment variables: set them where the code runs (VT_API_KEY, VTB_API_KEY), then rotate every key that was in these files: it stays in the history',
} as const;

/** A line printer that shows every secret of `text` in its redacted form. */
export function hideSecrets(text: string, file: string): (line: string) => string {
  const secrets = scanText(text, file)
    .filter((f) => f.secret !== undefined)
    .map(
      (f) =>
        [
          text.slice(f.offset, f.offset + f.length),
          redactSecret(text.slice(f.offset, f.offset + f.length)),
        ] as const,
    );
  return (line) => secrets.reduce((out, [secret, shown]) => out.split(secret).join(shown), line);
}

export function diffHeader(fix: FileFix): string[] {
  return (['v3', 'broker', 'secret'] as const)
    .filter((k) => fix.rewrites.has(k))
    .map((k) => HEADERS[k]);
}

export async function applyFixes(report: ScanReport, args: ScanArgs, io: ScanIo): Promise<void> {
  const files = [
    ...new Set(report.findings.filter((f) => f.ruleId !== 'v2-library').map((f) => f.file)),
  ];
  const changed: { file: string; fix: FileFix }[] = [];
  for (const file of files) {
    const text = (await io.fs.readFile(resolve(io.cwd, file))).toString('utf8');
    const fix = planFixes(
      text,
      file,
      args.brokerUrl === undefined ? {} : { brokerUrl: args.brokerUrl },
    );
    if (fix.after !== fix.before) changed.push({ file, fix });
  }
  const show = args.format === 'text' ? io.out : io.err;
  if (changed.length === 0) {
    io.err('fix: nothing can be rewritten mechanically; each finding below says what to do.\n');
    return;
  }
  for (const { file, fix } of changed)
    show(unifiedDiff(file, fix.before, fix.after, diffHeader(fix), hideSecrets(fix.before, file)));
  const write =
    args.write ||
    (io.ask !== undefined &&
      (await io.ask(`Write these changes to ${changed.length} file(s)? [y/N] `)));
  if (!write) {
    io.err(
      `fix: ${changed.length} file(s) would change; nothing was written (run with --write to apply).\n`,
    );
    return;
  }
  for (const { file, fix } of changed) {
    await writeFileAtomic(
      io.fs,
      resolve(io.cwd, file),
      fix.after,
      io.beforeRename ? { beforeRename: io.beforeRename } : {},
    );
    const kept = report.findings.filter((f) => f.file !== file);
    report.findings.splice(0, report.findings.length, ...kept, ...fix.remaining);
  }
  report.findings.sort(compareFindings);
  io.err(`fix: wrote ${changed.length} file(s); the findings below are left for a person.\n`);
}
