// How a hard-coded secret becomes a read of an environment variable, per
// language, for `--fix`. Only rewrites that keep the code valid are offered:
// the literal must be a whole string literal (Python, JavaScript, Go), or sit
// where the language expands variables (shell, PowerShell double quotes,
// docker compose); anything else stays a finding with a manual fix.
import type { FileLanguage } from './file-language.ts';

export interface EnvEdit {
  /** Replace from `start` to `end` (offsets in the text) with `text`. */
  start: number;
  end: number;
  text: string;
  /** An `import` the file needs first (Python's `import os`). */
  needsImport?: 'python-os';
}

type Quote = '"' | "'" | '`' | undefined;

/** The quote a shell line is inside at `offset` (a small state machine: ', ", \). */
export function shellQuoteAt(line: string, offset: number): Quote {
  let quote: Quote;
  for (let i = 0; i < offset; i++) {
    const c = line[i];
    if (c === '\\' && quote !== "'") i++;
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
  }
  return quote;
}

/**
 * The edit for a secret at [start, end) of `text`, or undefined when no safe
 * rewrite exists. `lineStart` is where the secret's line starts.
 */
export function envEdit(
  language: FileLanguage,
  text: string,
  start: number,
  end: number,
  lineStart: number,
  name: string,
): EnvEdit | undefined {
  const before = text[start - 1];
  const after = text[end];
  const wholeLiteral =
    before !== undefined &&
    before === after &&
    (before === '"' || before === "'" || before === '`');
  const whole = (replacement: string): EnvEdit => ({
    start: start - 1,
    end: end + 1,
    text: replacement,
  });
  switch (language) {
    case 'python':
      return wholeLiteral && before !== '`'
        ? { ...whole(`os.environ["${name}"]`), needsImport: 'python-os' }
        : undefined;
    case 'javascript':
      return wholeLiteral ? whole(`process.env.${name}`) : undefined;
    case 'go': {
      const line = text.slice(lineStart, start);
      if (!wholeLiteral || before !== '"' || /^\s*const\b/.test(line)) return undefined;
      return /^\s*(?:import\s+)?"os"\s*$/m.test(text) ? whole(`os.Getenv("${name}")`) : undefined;
    }
    case 'powershell':
      if (wholeLiteral) return whole(`$env:${name}`);
      return shellQuoteAt(text.slice(lineStart, start), start - lineStart) === '"'
        ? { start, end, text: `$env:${name}` }
        : undefined;
    case 'shell': {
      const quote = shellQuoteAt(text.slice(lineStart, start), start - lineStart);
      if (quote === '"') return { start, end, text: `\${${name}}` };
      if (quote === "'")
        return after === "'"
          ? { start, end: end + 1, text: `'"\${${name}}"` }
          : { start, end, text: `'"\${${name}}"'` };
      return { start, end, text: `"\${${name}}"` };
    }
    case 'compose':
      return { start, end, text: `\${${name}}` };
    case 'github-workflow':
      return { start, end, text: `\${{ secrets.${name} }}` };
    default:
      return undefined;
  }
}
