// The parts of vtbroker.yaml that are lists rather than single options, each
// checked by the parser of the feature it configures: `alerts.webhooks`
// (alerts/webhook-config.ts), `secretStores` (secrets/secret-store-config.ts)
// and `rotation.sinks`, the names of the stores a rotation installs new keys in.
// They come from the file only: no VTB_* variable.
import { dirname } from 'node:path';
import { parseWebhooks } from '../alerts/webhook-config.ts';
import { parseSecretStores } from '../secrets/secret-store-config.ts';
import type { BrokerConfig } from './broker-config.ts';
import type { ConfigIssue } from './config-error.ts';
import type { YamlSource } from './yaml-source.ts';

export const SECTIONS = ['alerts.webhooks', 'secretStores', 'rotation.sinks'] as const;

export type SectionConfig = Pick<BrokerConfig, 'alerts' | 'secretStores'> & {
  rotationSinks: string[];
};

export const DEFAULT_SECTIONS: SectionConfig = {
  alerts: { webhooks: [] },
  secretStores: [],
  rotationSinks: [],
};

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
  const stores = parseSecretStores(raw('secretStores'), { baseDir: baseDir ?? process.cwd() });
  out.issues.push(...stores.issues);
  const rotationSinks = sinkNames(
    raw('rotation.sinks'),
    stores.stores.map((s) => s.name),
    out.issues,
  );
  return { alerts: { webhooks: webhooks.webhooks }, secretStores: stores.stores, rotationSinks };
}

const SINKS_EXAMPLE = `  example: rotation:
    sinks: [vault-soc, legacy-env]   (names from secretStores)`;

/** `rotation.sinks`: a list of names, each of a configured secret store. */
function sinkNames(raw: unknown, known: string[], issues: ConfigIssue[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((n): n is string => typeof n === 'string')) {
    issues.push({
      option: 'rotation.sinks',
      source: 'file',
      problem: 'rotation.sinks must be a list of secret store names',
      example: SINKS_EXAMPLE,
    });
    return [];
  }
  for (const name of raw)
    if (!known.includes(name))
      issues.push({
        option: 'rotation.sinks',
        source: 'file',
        problem: `rotation.sinks names "${name}", which is not in secretStores (${known.length === 0 ? 'none is configured' : known.join(', ')})`,
        example: SINKS_EXAMPLE,
      });
  return raw;
}
