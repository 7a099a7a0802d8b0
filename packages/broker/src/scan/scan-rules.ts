// The scanner's rules: what each finds, how bad it is, and the fix in one line.
// docs/scan.md has a section per rule (its anchor is the rule id) with examples;
// SARIF output lists these as tool.driver.rules.
import type { RuleId, Severity } from './finding.ts';

/** The scanner as a tool (SARIF's tool.driver, JSON's tool); the version is the package's. */
export const SCAN_TOOL = { name: 'vtbroker scan', version: '0.1.0' } as const;

export interface ScanRule {
  id: RuleId;
  /** PascalCase name, as SARIF's reportingDescriptor.name. */
  name: string;
  severity: Severity;
  shortDescription: string;
  fix: string;
  /** For code scanning: 0–10, as GitHub reads `security-severity`. */
  securitySeverity: number;
}

export const SCAN_RULES: readonly ScanRule[] = [
  {
    id: 'vt-api-key',
    name: 'HardCodedVirusTotalKey',
    severity: 'error',
    shortDescription: 'A VirusTotal API key written in code or configuration',
    fix: 'Read the key from the environment or a secret store (or give the tool a broker token), then rotate the key: it stays in the history.',
    securitySeverity: 8.5,
  },
  {
    id: 'vtb-token',
    name: 'HardCodedBrokerToken',
    severity: 'error',
    shortDescription: 'A vtbroker consumer token (vtb_…) written in code or configuration',
    fix: 'Read the token from the environment (VTB_API_KEY), revoke this one (vtbroker token revoke <id>) and create a new one.',
    securitySeverity: 7.0,
  },
  {
    id: 'vtb-admin-token',
    name: 'HardCodedBrokerAdminToken',
    severity: 'error',
    shortDescription: 'A vtbroker admin token (vtba_…) written in code or configuration',
    fix: 'Revoke it now (vtbroker admin token revoke <id>): it can manage keys and tokens. Keep admin tokens in a secret store.',
    securitySeverity: 9.0,
  },
  {
    id: 'vt-agent-token',
    name: 'HardCodedVirusTotalAgentToken',
    severity: 'error',
    shortDescription: 'A VirusTotal agent token (vtai_…) written in code or configuration',
    fix: 'Revoke it in VirusTotal and read the new one from the environment or a secret store.',
    securitySeverity: 8.0,
  },
  {
    id: 'v2-endpoint',
    name: 'LegacyVirusTotalV2Call',
    severity: 'warning',
    shortDescription: 'A call to the legacy VirusTotal API v2 (/vtapi/v2/…)',
    fix: 'Move to the v3 endpoint named in the message (its answers have another shape), or point the script at the broker, which answers v2 calls in v2 shape.',
    securitySeverity: 4.0,
  },
  {
    id: 'v2-library',
    name: 'LegacyVirusTotalV2Library',
    severity: 'warning',
    shortDescription: 'A dependency on a client library that speaks the VirusTotal API v2',
    fix: 'Replace it with a v3 client (vt-py for Python, @vtbroker/client for JavaScript/TypeScript) or point it at the broker.',
    securitySeverity: 3.0,
  },
];

const BY_ID = new Map(SCAN_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: RuleId): ScanRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`no scan rule "${id}"`);
  return rule;
}
