// `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).
// One run; tool.driver lists every rule with its default level and a helpUri to
// its section of docs/scan.md; each result has a location relative to the
// working directory (%SRCROOT%) and a partialFingerprint that stays the same
// when lines move, so code scanning keeps one alert per finding across runs.
import { createHash } from 'node:crypto';
import type { Finding } from './finding.ts';
import { SCAN_RULES, SCAN_TOOL } from './scan-rules.ts';
import type { ScanReport } from './scanner.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Where docs/scan.md is read: `--docs-url`, else this checkout's own file (an
 * absolute `file:` URL, as SARIF wants an absolute helpUri).
 */
export const DEFAULT_DOCS_URL = new URL('../../../../docs/scan.md', import.meta.url).href;

function fingerprint(finding: Finding, occurrence: number): string {
  // A secret is identified by its fingerprint; anything else by its rule and message.
  const what = finding.secret?.fingerprint ?? finding.message;
  return createHash('sha256')
    .update(`${finding.ruleId}\0${finding.file}\0${what}\0${occurrence}`)
    .digest('hex')
    .slice(0, 32);
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: ScanReport, docsUrl: string = DEFAULT_DOCS_URL): object {
  const ruleIndex = new Map(SCAN_RULES.map((rule, i) => [rule.id, i]));
  const seen = new Map<string, number>();
  const results = report.findings.map((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.secret?.fingerprint ?? f.message}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const text = f.verification
      ? `${f.message}. ${f.verification.detail}. Fix: ${f.fix}`
      : `${f.message}. Fix: ${f.fix}`;
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: f.severity,
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { 'vtbrokerScan/v1': fingerprint(f, occurrence) },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SCAN_TOOL.name,
            version: SCAN_TOOL.version,
            informationUri: docsUrl,
            rules: SCAN_RULES.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.shortDescription },
              fullDescription: { text: `${rule.shortDescription}. ${rule.fix}` },
              helpUri: `${docsUrl}#${rule.id}`,
              help: {
                text: rule.fix,
                markdown: `${rule.fix}\n\nSee [docs/scan.md](${docsUrl}#${rule.id}).`,
              },
              defaultConfiguration: { level: rule.severity },
              properties: {
                tags: ['security', 'virustotal'],
                'security-severity': rule.securitySeverity.toFixed(1),
              },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
