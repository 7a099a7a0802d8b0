// The syntax tree of the VT Intelligence query subset the emulator understands
// (docs/search.md), and the error the parser throws. Kept free of HTTP: the
// route turns a QueryError into VT's error envelope.

export type Entity = 'file' | 'url' | 'domain' | 'ip';

/** `N` (eq), `N+` (at least), `N-` (at most): VT Intelligence's comparison suffixes. */
export type Comparison = 'eq' | 'gte' | 'lte';

export type Term =
  | { kind: 'hash'; value: string }
  | { kind: 'url'; id: string; value: string }
  | { kind: 'domain'; value: string }
  | { kind: 'ip'; value: string }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'type'; value: string }
  | { kind: 'positives'; cmp: Comparison; value: number }
  | { kind: 'size'; cmp: Comparison; bytes: number }
  | { kind: 'tag'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'engines'; value: string }
  | {
      kind: 'date';
      field: 'first_submission_date' | 'last_submission_date';
      cmp: Comparison;
      /** The day (or second) named, as [fromSeconds, toSeconds). */
      fromSeconds: number;
      toSeconds: number;
    };

export type QueryNode =
  | { op: 'and' | 'or'; children: QueryNode[] }
  | { op: 'not'; child: QueryNode }
  | { op: 'term'; term: Term; text: string; position: number };

export type QueryErrorCode = 'BadRequestError' | 'UnsupportedContentQueryError';

export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code: QueryErrorCode;
  /** 1-based character position in the query, when the error is about one token. */
  readonly position: number | undefined;

  constructor(code: QueryErrorCode, message: string, position?: number) {
    super(message);
    this.code = code;
    this.position = position;
  }
}
