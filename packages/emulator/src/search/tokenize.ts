// Splits a VT Intelligence query into tokens: parentheses, the upper-case
// operators AND / OR / NOT, a leading `-` (negation) and words, where a word
// may hold a double-quoted part (`name:"my file.exe"`). Positions are 1-based.
import { QueryError } from './query-ast.ts';

export type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; text: string; position: number }
  | { kind: 'word'; text: string; value: string; position: number };

const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = {
  AND: 'and',
  OR: 'or',
  NOT: 'not',
};

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, position: i + 1 });
      i++;
    } else if (ch === '-' && i + 1 < query.length && !/[\s()]/.test(query.charAt(i + 1))) {
      tokens.push({ kind: 'not', text: '-', position: i + 1 });
      i++;
    } else {
      const word = readWord(query, i);
      const op = OPERATORS[word.text];
      tokens.push(
        op
          ? { kind: op, text: word.text, position: i + 1 }
          : { kind: 'word', ...word, position: i + 1 },
      );
      i = word.end;
    }
  }
  return tokens;
}

function readWord(query: string, start: number): { text: string; value: string; end: number } {
  let i = start;
  let value = '';
  while (i < query.length && !/[\s()]/.test(query.charAt(i))) {
    const ch = query.charAt(i);
    if (ch === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) {
        throw new QueryError('BadRequestError', `Unterminated quote at position ${i + 1}`, i + 1);
      }
      value += query.slice(i + 1, close);
      i = close + 1;
    } else {
      value += ch;
      i++;
    }
  }
  return { text: query.slice(start, i), value, end: i };
}
