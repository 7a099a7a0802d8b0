// The one variable of a dotenv-style file: found, decoded and rewritten without touching
// any other byte. Accepts `VAR=value`, `export VAR=value`, single quotes (literal),
// double quotes (\n \" \\ escapes, as dotenv and the shell read them) and a trailing
// `# comment`. Multi-line values are refused: a VT key never spans lines.

export interface Assignment {
  /** Index of the line in `text.split('\n')`. */
  line: number;
  /** Everything before the value: indentation, `export `, the name, `=` and its spaces. */
  head: string;
  quote: '' | "'" | '"';
  value: string;
  /** After the value: spaces and a comment, kept as they are. */
  tail: string;
  /** '\r' on CRLF files, else ''. */
  cr: string;
}

export type Decoded = { ok: true; assignments: Assignment[] } | { ok: false; line: number };

/** Every assignment of `variable`, in file order; `ok: false` names a line it cannot read. */
export function findAssignments(text: string, variable: string): Decoded {
  const name = variable.replaceAll('.', '\\.');
  const pattern = new RegExp(`^(\\s*(?:export\\s+)?${name}\\s*=[ \\t]*)(.*?)(\\r?)$`);
  const assignments: Assignment[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, head = '', rest = '', cr = ''] = match;
    const parsed = parseValue(rest);
    if (!parsed) return { ok: false, line: index + 1 };
    assignments.push({ line: index, head, cr, ...parsed });
  }
  return { ok: true, assignments };
}

function parseValue(rest: string): Pick<Assignment, 'quote' | 'value' | 'tail'> | undefined {
  const first = rest[0];
  if (first === "'") {
    const end = rest.indexOf("'", 1);
    return end < 0 ? undefined : withTail("'", rest.slice(1, end), rest.slice(end + 1));
  }
  if (first === '"') {
    let value = '';
    for (let i = 1; i < rest.length; i++) {
      const char = rest[i] ?? '';
      if (char === '"') return withTail('"', value, rest.slice(i + 1));
      if (char !== '\\') {
        value += char;
        continue;
      }
      const next = rest[++i] ?? '';
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    }
    return undefined;
  }
  const comment = /\s+#.*$|^#.*$/.exec(rest);
  const raw = comment ? rest.slice(0, comment.index) : rest;
  const value = raw.trimEnd();
  return { quote: '', value, tail: rest.slice(value.length) };
}

function withTail(
  quote: "'" | '"',
  value: string,
  tail: string,
): Pick<Assignment, 'quote' | 'value' | 'tail'> | undefined {
  return /^\s*(#.*)?$/.test(tail) ? { quote, value, tail } : undefined;
}

/** Characters every dotenv reader and the shell take literally, quoted or not. */
const PLAIN = /^[A-Za-z0-9_./+=:@%,-]*$/;

/** The value as written in the file, keeping the line's quoting where that is safe; undefined when it cannot be written safely. */
export function encodeValue(value: string, quote: Assignment['quote']): string | undefined {
  if (PLAIN.test(value)) return `${quote}${value}${quote}`;
  if (/[\n\r'\\]/.test(value)) return undefined;
  return `'${value}'`;
}

/** The text with every assignment of the variable set to `value`, or one appended; other bytes unchanged. */
export function replaceAssignments(
  text: string,
  variable: string,
  assignments: readonly Assignment[],
  value: string,
): string | undefined {
  const lines = text.split('\n');
  for (const a of assignments) {
    const encoded = encodeValue(value, a.quote);
    if (encoded === undefined) return undefined;
    lines[a.line] = `${a.head}${encoded}${a.tail}${a.cr}`;
  }
  if (assignments.length > 0) return lines.join('\n');
  const encoded = encodeValue(value, '');
  if (encoded === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${separator}${variable}=${encoded}${eol}`;
}
