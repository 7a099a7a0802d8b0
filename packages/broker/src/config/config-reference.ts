// CONFIG_REFERENCE: one row per option and per VTB_* variable, for the README
// table and `vtbroker config --help`. Built from config-options.ts, so it cannot
// drift from what `loadConfig` accepts.
import { ENV_ONLY, OPTION_LIST, type OptionSpec } from './config-options.ts';

export interface ConfigReferenceRow {
  /** YAML path, or null for a variable with no YAML option. */
  option: string | null;
  env: string | null;
  default: string;
  meaning: string;
}

function defaultText(spec: OptionSpec<unknown>): string {
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.default === null) return '(none)';
  return typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default);
}

export const CONFIG_REFERENCE: readonly ConfigReferenceRow[] = [
  ...OPTION_LIST.map((spec) => ({
    option: spec.path,
    env: spec.env ?? null,
    default: defaultText(spec),
    meaning: spec.meaning,
  })),
  ...ENV_ONLY.map((row) => ({
    option: null,
    env: row.env,
    default: row.default,
    meaning: row.meaning,
  })),
];

/** The reference as a Markdown table. */
export function configReferenceMarkdown(
  rows: readonly ConfigReferenceRow[] = CONFIG_REFERENCE,
): string {
  const cell = (text: string | null): string => (text === null ? '—' : text.replaceAll('|', '\\|'));
  const code = (text: string | null): string => (text === null ? '—' : `\`${text}\``);
  const lines = rows.map(
    (row) =>
      `| ${code(row.option)} | ${code(row.env)} | ${cell(row.default)} | ${cell(row.meaning)} |`,
  );
  return ['| option | env | default | meaning |', '|---|---|---|---|', ...lines].join('\n');
}
