// Generic SQLite access for one `TableSpec`: encode a record into column
// values, decode a row back, and insert/get/list/update through cached
// statements. SQLite constraint failures become StoreConflictError; no message
// ever carries a column's value other than an id or a name.
import type { SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import { missingParentError, takenError } from './conflict-errors.ts';
import type { ColumnKind, TableSpec } from './sql-tables.ts';

/** Returns the cached prepared statement for `sql`, preparing it once. */
export type Prepare = (sql: string) => StatementSync;

type Row = Record<string, SQLOutputValue>;

/** What messages name: the table and the entity. */
type Names = Pick<TableSpec<unknown>, 'table' | 'entity'>;

interface ColumnMap {
  field: string;
  column: string;
  kind: ColumnKind;
}

// SQLite extended result codes (https://www.sqlite.org/rescode.html).
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

export function columnsOf<T>(spec: TableSpec<T>): ColumnMap[] {
  const columns: Record<string, readonly [string, ColumnKind]> = spec.columns;
  return Object.entries(columns).map(([field, [column, kind]]) => ({ field, column, kind }));
}

function encodeValue(spec: Names, map: ColumnMap, value: unknown): SQLInputValue {
  if (map.kind === 'json') return JSON.stringify(value);
  const nullable = map.kind.endsWith('?');
  if (value === null && nullable) return null;
  const type = map.kind.startsWith('text') ? 'string' : 'number';
  if (typeof value === type) return value as string | number;
  throw new TypeError(
    `${spec.entity}.${map.field}: expected a ${type}${nullable ? ' or null' : ''}, got ${value === null ? 'null' : typeof value}`,
  );
}

function decodeValue(spec: Names, map: ColumnMap, value: SQLOutputValue): unknown {
  if (map.kind === 'json' && typeof value === 'string') return JSON.parse(value) as unknown;
  if (value === null && map.kind.endsWith('?')) return null;
  if (typeof value === (map.kind.startsWith('text') ? 'string' : 'number')) return value;
  throw new Error(
    `${spec.table}.${map.column} holds a ${value === null ? 'null' : typeof value} where vtbroker ` +
      `expects ${map.kind}: was the database changed outside vtbroker? Restore it from a backup.`,
  );
}

export function encodeRecord<T>(
  spec: TableSpec<T>,
  columns: ColumnMap[],
  record: T,
): SQLInputValue[] {
  const values = record as Record<string, unknown>;
  return columns.map((map) => encodeValue(spec, map, values[map.field]));
}

export function decodeRow<T>(spec: TableSpec<T>, columns: ColumnMap[], row: Row): T {
  const record: Record<string, unknown> = {};
  for (const map of columns) record[map.field] = decodeValue(spec, map, row[map.column] ?? null);
  // Every field of T has a column (the spec's mapped type), so this is a whole T.
  return record as T;
}

/** Turns SQLite's constraint failures into StoreConflictError; other errors pass through. */
export function translateError<T>(spec: TableSpec<T>, error: unknown, values: Partial<T>): unknown {
  if (!(error instanceof Error) || !('errcode' in error)) return error;
  if (error.errcode === SQLITE_CONSTRAINT_FOREIGNKEY) {
    return missingParentError(spec.entity, spec.parent ?? 'parent');
  }
  if (
    error.errcode !== SQLITE_CONSTRAINT_UNIQUE &&
    error.errcode !== SQLITE_CONSTRAINT_PRIMARYKEY
  ) {
    return error;
  }
  const column = /constraint failed: \w+\.(\w+)/.exec(error.message)?.[1];
  const field = columnsOf(spec).find((c) => c.column === column)?.field;
  const unique: readonly string[] = spec.unique;
  const value = field === undefined ? undefined : (values as Record<string, unknown>)[field];
  if (field === undefined || !unique.includes(field) || typeof value !== 'string') return error;
  return takenError(spec.entity, field, value);
}

export interface SqliteTable<T> {
  insert: (record: T) => T;
  get: (id: string) => T | undefined;
  /** The first row whose text column `column` equals `value`. */
  findBy: (column: string, value: string) => T | undefined;
  /** `where` is SQL over the table's columns with `?` for `params`. */
  list: (where?: string, params?: SQLInputValue[]) => T[];
  update: (id: string, patch: Partial<T>) => T | undefined;
}

export function sqliteTable<T extends { id: string }>(
  spec: TableSpec<T>,
  prepare: Prepare,
): SqliteTable<T> {
  const columns = columnsOf(spec);
  const decode = (row: Row | undefined) => (row ? decodeRow(spec, columns, row) : undefined);
  const names = columns.map((c) => c.column);
  const insertSql =
    `INSERT INTO ${spec.table} (${names.join(', ')}) ` +
    `VALUES (${names.map(() => '?').join(', ')}) RETURNING *`;
  const patchable = columns.filter((c) => !(spec.fixed as readonly string[]).includes(c.field));
  const guard = <R>(values: Partial<T>, run: () => R): R => {
    try {
      return run();
    } catch (error) {
      throw translateError(spec, error, values);
    }
  };

  const table: SqliteTable<T> = {
    insert: (record) =>
      guard(record, () => {
        const row = prepare(insertSql).get(...encodeRecord(spec, columns, record));
        if (!row) throw new Error(`${spec.table}: INSERT … RETURNING gave no row`);
        return decodeRow(spec, columns, row);
      }),
    get: (id) => decode(prepare(`SELECT * FROM ${spec.table} WHERE id = ?`).get(id)),
    findBy: (column, value) =>
      decode(prepare(`SELECT * FROM ${spec.table} WHERE ${column} = ?`).get(value)),
    list: (where = 'TRUE', params = []) =>
      prepare(`SELECT * FROM ${spec.table} WHERE ${where} ORDER BY ${spec.orderBy}`)
        .all(...params)
        .map((row) => decodeRow(spec, columns, row)),
    update(id, patch) {
      const fields = patch as Record<string, unknown>;
      const changed = patchable.filter((c) => fields[c.field] !== undefined);
      if (changed.length === 0) return table.get(id);
      const set = changed.map((c) => `${c.column} = ?`).join(', ');
      const sql = `UPDATE ${spec.table} SET ${set} WHERE id = ? RETURNING *`;
      const values = changed.map((c) => encodeValue(spec, c, fields[c.field]));
      return guard(patch, () => decode(prepare(sql).get(...values, id)));
    },
  };
  return table;
}
