// The human report: findings grouped by file (line:column, severity, rule,
// message, then the fix), and a summary of what was scanned and skipped.
import type { Finding } from './finding.ts';
import type { ScanReport, ScanStats } from './scanner.ts';
import type { SkipReason } from './walk-tree.ts';

const SKIP_WORDS: Record<SkipReason, string> = {
  ignored: 'ignored by .gitignore (--no-ignore to scan them)',
  binary: 'binary',
  'too-large': 'larger than --max-file-size',
  symlink: 'symbolic links (--follow to follow them)',
  'symlink-loop': 'reached twice through symbolic links',
  unreadable: 'unreadable',
  'not-regular': 'not regular files',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLines(findings: readonly Finding[], stats: ScanStats): string[] {
  const files = new Set(findings.map((f) => f.file)).size;
  const bySeverity = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const counts = [
    plural(bySeverity('error'), 'error'),
    plural(bySeverity('warning'), 'warning'),
    plural(bySeverity('note'), 'note'),
  ].join(', ');
  const skipped = (Object.entries(stats.skipped) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${SKIP_WORDS[reason]}`);
  return [
    findings.length === 0
      ? 'No findings.'
      : `${plural(findings.length, 'finding')} (${counts}) in ${plural(files, 'file')}.`,
    `Scanned ${plural(stats.filesScanned, 'file')} (${formatBytes(stats.bytesScanned)}) in ${(stats.durationMs / 1000).toFixed(2)} s` +
      (skipped.length > 0 ? `; skipped: ${skipped.join(', ')}.` : '.'),
  ];
}

export function formatText(report: ScanReport): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const f of report.findings) {
    if (f.file !== file) {
      if (file !== undefined) out.push('');
      file = f.file;
      out.push(f.file);
    }
    const where = `${f.line}:${f.column}`.padEnd(8);
    out.push(`  ${where} ${f.severity.padEnd(7)} ${f.ruleId.padEnd(15)} ${f.message}`);
    if (f.verification) out.push(`  ${' '.repeat(33)}verify: ${f.verification.detail}`);
    out.push(`  ${' '.repeat(33)}fix: ${f.fix}`);
  }
  if (out.length > 0) out.push('');
  for (const note of report.notes) out.push(`note: ${note}`);
  out.push(...summaryLines(report.findings, report.stats));
  return `${out.join('\n')}\n`;
}
