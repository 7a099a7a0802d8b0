// The `order` parameter of /intelligence/search (reference §4.6): `field+`
// ascending, `field-` descending, no suffix ascending. Without it files and
// URLs come newest submission first, domains and IPs newest modification
// first (the defaults of §4.6). Objects without the field sort last; ties go
// by id so that pages are stable.
import { QueryError } from './query-ast.ts';
import { positivesOf, type Searchable } from './match-query.ts';

/** Every field §4.6 lists for some entity. */
export const ORDER_FIELDS = [
  'first_submission_date',
  'last_submission_date',
  'positives',
  'times_submitted',
  'size',
  'creation_date',
  'last_modification_date',
  'last_update_date',
  'ip',
] as const;

export type OrderField = (typeof ORDER_FIELDS)[number];

export interface Order {
  field: OrderField | 'default';
  descending: boolean;
}

export function parseOrder(raw: string | null): Order {
  if (raw === null || raw.trim() === '') return { field: 'default', descending: true };
  const m = /^([a-z_]+)([+-]?)$/.exec(raw.trim());
  const field = ORDER_FIELDS.find((f) => f === m?.[1]);
  if (!m || !field) {
    throw new QueryError(
      'BadRequestError',
      `Unsupported order "${raw}": use one of ${ORDER_FIELDS.join(', ')}, with + or -`,
    );
  }
  return { field, descending: m[2] === '-' };
}

function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p))) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function keyOf(obj: Searchable, field: Order['field']): number | undefined {
  const a = obj.attributes;
  const numeric = (name: string): number | undefined => {
    const v = a[name];
    return typeof v === 'number' ? v : undefined;
  };
  switch (field) {
    case 'default':
      return obj.type === 'file' || obj.type === 'url'
        ? numeric('last_submission_date')
        : numeric('last_modification_date');
    case 'positives':
      return positivesOf(a);
    case 'ip':
      return obj.type === 'ip_address' ? ipNumber(obj.id) : undefined;
    default:
      return numeric(field);
  }
}

export function sortResults<T extends Searchable>(items: readonly T[], order: Order): T[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item, order.field) }));
  keyed.sort((x, y) => {
    if (x.key === undefined || y.key === undefined) {
      return x.key === y.key ? x.item.id.localeCompare(y.item.id) : x.key === undefined ? 1 : -1;
    }
    const diff = order.descending ? y.key - x.key : x.key - y.key;
    return diff !== 0 ? diff : x.item.id.localeCompare(y.item.id);
  });
  return keyed.map((k) => k.item);
}
