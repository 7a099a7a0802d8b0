// The parts of vtbroker.yaml that are lists rather than single options, each
// checked by the parser of the feature it configures: `alerts.webhooks`
// (alerts/webhook-config.ts). They come from the file only: no VTB_* variable.
import { dirname } from 'node:path';
import { parseWebhooks } from '../alerts/webhook-config.ts';
import type { BrokerConfig } from './broker-config.ts';
import type { ConfigIssue } from './config-error.ts';
import type { YamlSource } from './yaml-source.ts';

export const SECTIONS = ['alerts.webhooks'] as const;

export type SectionConfig = Pick<BrokerConfig, 'alerts'>;

export const DEFAULT_SECTIONS: SectionConfig = { alerts: { webhooks: [] } };

export function parseSections(
  yaml: YamlSource | undefined,
  file: string | undefined,
  out: { issues: ConfigIssue[]; warnings: string[] },
): SectionConfig {
  const raw = (path: string): unknown => yaml?.values.get(path)?.raw;
  const baseDir = file === undefined ? undefined : dirname(file);
  const webhooks = parseWebhooks(raw('alerts.webhooks') ?? [], baseDir ? { baseDir } : {});
  out.issues.push(...webhooks.issues);
  out.warnings.push(...webhooks.warnings);
  return { alerts: { webhooks: webhooks.webhooks } };
}
