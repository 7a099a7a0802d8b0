// Configuration problems, all reported at once (STYLE.md, "Errors": misconfiguration
// fails at start-up with the option's name and an example). Each issue says which
// option, what was wrong, and shows a corrected line in YAML and as a VTB_* variable.

export interface ConfigIssue {
  /** YAML path of the option, or of the unknown key. */
  option: string;
  env?: string;
  source: 'file' | 'env' | 'default';
  /** One sentence: the option, what was wrong, where it came from. */
  problem: string;
  /** An `example:` block, already indented (see `renderExample`). */
  example?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];
  /** Warnings found on the way (e.g. a mistyped VTB_* name): often the cause. */
  readonly warnings: readonly string[];
  readonly hint: string;
  constructor(
    issues: readonly ConfigIssue[],
    file: string | undefined,
    warnings: readonly string[] = [],
  ) {
    const where = file === undefined ? 'VTB_* variables' : `${file} and VTB_* variables`;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const also =
      warnings.length === 0 ? '' : `\n\nAlso:\n${warnings.map((w) => `  - ${w}`).join('\n')}`;
    super(
      `Configuration has ${count} (${where}):\n\n${issues.map(formatIssue).join('\n\n')}${also}`,
    );
    this.issues = issues;
    this.warnings = warnings;
    this.hint = 'Fix the options above and start again; the README lists every option.';
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return issue.example === undefined ? issue.problem : `${issue.problem}\n${issue.example}`;
}

/**
 * `renderExample('server.port', '8080', 'VTB_PORT')` →
 * ```
 *   example: server:
 *     port: 8080   (or VTB_PORT=8080)
 * ```
 */
export function renderExample(path: string, value: string, env?: string): string {
  return renderExampleLines(path, [[path.split('.').at(-1) ?? path, value]], env);
}

/** Several keys under one parent, e.g. server.tls cert and key. */
export function renderExampleLines(
  path: string,
  leaves: readonly (readonly [key: string, value: string])[],
  env?: string,
): string {
  const parents = leaves.length === 1 ? path.split('.').slice(0, -1) : path.split('.');
  const lines = parents.map((segment, depth) => `${indent(depth)}${segment}:`);
  const [first] = leaves;
  for (const [key, value] of leaves) {
    const envNote = env !== undefined && key === first?.[0] ? `   (or ${env}=${value})` : '';
    lines.push(`${indent(parents.length)}${key}: ${value}${envNote}`);
  }
  return lines.join('\n');
}

/** Depth 0 follows `  example: `; deeper lines indent 2 more per level. */
function indent(depth: number): string {
  return depth === 0 ? '  example: ' : ' '.repeat(2 + 2 * depth);
}
