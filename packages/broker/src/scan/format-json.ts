// `--format json`: one document with the findings (secrets only as redacted
// form and fingerprint), the counts and the notes. Stable field names: scripts
// read it.
import { SCAN_TOOL } from './scan-rules.ts';
import type { ScanReport } from './scanner.ts';

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(
    {
      tool: SCAN_TOOL,
      findings: report.findings,
      stats: report.stats,
      notes: report.notes,
    },
    null,
    2,
  )}\n`;
}
