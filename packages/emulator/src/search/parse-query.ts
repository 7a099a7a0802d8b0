// A recursive-descent parser for the VT Intelligence subset (docs/search.md):
//   query  := or
//   or     := and ("OR" and)*
//   and    := unary (["AND"] unary)*        (juxtaposition is AND)
//   unary  := ("NOT" | "-") unary | "(" or ")" | term
// Pure: it throws QueryError (400 BadRequestError naming the token and its
// 1-based position, or UnsupportedContentQueryError for `content:`).
import { parseTerm } from './parse-term.ts';
import { QueryError, type QueryNode } from './query-ast.ts';
import { tokenize, type Token } from './tokenize.ts';

export function parseQuery(query: string): QueryNode {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new QueryError('BadRequestError', 'The search query is empty');
  const parser = new Parser(tokens);
  const node = parser.or();
  const extra = parser.peek();
  if (extra) throw unexpected(extra);
  return node;
}

function unexpected(token: Token): QueryError {
  return new QueryError(
    'BadRequestError',
    `Unexpected "${token.text}" at position ${token.position}`,
    token.position,
  );
}

class Parser {
  private index = 0;
  private readonly tokens: readonly Token[];

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  or(): QueryNode {
    const children = [this.and()];
    while (this.peek()?.kind === 'or') {
      this.next();
      children.push(this.and());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { op: 'or', children };
  }

  private and(): QueryNode {
    const children = [this.unary()];
    for (let t = this.peek(); t && t.kind !== 'or' && t.kind !== 'rparen'; t = this.peek()) {
      if (t.kind === 'and') this.next();
      children.push(this.unary());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { op: 'and', children };
  }

  private unary(): QueryNode {
    const token = this.next();
    if (!token) {
      const last = this.tokens.at(-1);
      throw new QueryError(
        'BadRequestError',
        `Unexpected end of query after "${last?.text ?? ''}" at position ${last?.position ?? 0}`,
        last?.position,
      );
    }
    switch (token.kind) {
      case 'not':
        return { op: 'not', child: this.unary() };
      case 'lparen': {
        const inner = this.or();
        const close = this.next();
        if (close?.kind !== 'rparen') {
          throw new QueryError(
            'BadRequestError',
            `Unbalanced "(" at position ${token.position}`,
            token.position,
          );
        }
        return inner;
      }
      case 'word':
        return { op: 'term', term: parseTerm(token), text: token.text, position: token.position };
      default:
        throw unexpected(token);
    }
  }
}
