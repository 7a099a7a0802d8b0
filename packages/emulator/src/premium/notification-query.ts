// `filter`, `order` and `count_limit` of the hunting notification lists
// (reference §4.8): `tag:<t>`, `owner:<user>`, `date:<ts|YYYY-MM-DD><+|->`,
// space-separated = AND; a bare keyword matches a tag, rule, ruleset or hash
// exactly (GTI-SPEC hunting_notification_files); order `date-` (default) or
// `date+`; `count_limit` default 200, at most 10 000, caps `meta.count`.
import { invalidArgument } from '../errors.ts';
import type { HuntingNotification } from './hunting-notification.ts';

export const COUNT_LIMIT_DEFAULT = 200;
export const COUNT_LIMIT_MAX = 10_000;
const DAY_SECONDS = 86_400;

type Predicate = (n: HuntingNotification) => boolean;

/** `date:1626960086+`, `date:2021-07-22-`; without a suffix, that second or that day [U]. */
function datePredicate(spec: string): Predicate {
  const m = /^(\d+|\d{4}-\d{2}-\d{2})([+-])?$/.exec(spec);
  const day = m?.[1]?.includes('-') === true;
  const at = m ? (day ? Date.parse(`${m[1] ?? ''}T00:00:00Z`) / 1000 : Number(m[1])) : NaN;
  if (!m || Number.isNaN(at)) {
    throw invalidArgument(
      `Invalid date filter "date:${spec}": use date:<unix seconds|YYYY-MM-DD><+|->`,
    );
  }
  if (m[2] === '+') return (n) => n.dateSeconds >= at;
  if (m[2] === '-') return (n) => n.dateSeconds < at;
  const end = day ? at + DAY_SECONDS : at + 1;
  return (n) => n.dateSeconds >= at && n.dateSeconds < end;
}

function predicateOf(token: string): Predicate {
  const at = token.indexOf(':');
  const key = at > 0 ? token.slice(0, at) : '';
  const value = token.slice(at + 1);
  if (key === 'tag') return (n) => n.tags.includes(value.toLowerCase());
  if (key === 'owner') return (n) => n.owner === value;
  if (key === 'date') return datePredicate(value);
  if (at > 0) throw invalidArgument(`Invalid filter "${token}": use tag:, owner: or date:`);
  const word = token.toLowerCase();
  return (n) =>
    n.tags.includes(word) ||
    n.ruleName.toLowerCase() === word ||
    n.rulesetName.toLowerCase() === word ||
    n.file.sha256 === word;
}

export function filterNotifications(
  items: HuntingNotification[],
  raw: string | null,
): HuntingNotification[] {
  const tokens = (raw ?? '')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const predicates = tokens.map(predicateOf);
  return items.filter((n) => predicates.every((p) => p(n)));
}

export function orderNotifications(
  items: HuntingNotification[],
  raw: string | null,
): HuntingNotification[] {
  const order = raw === null || raw === '' ? 'date-' : raw.trim();
  if (order !== 'date-' && order !== 'date+') {
    throw invalidArgument(`Invalid order "${raw ?? ''}": use date- or date+`);
  }
  const sorted = [...items].sort(
    (a, b) => a.dateSeconds - b.dateSeconds || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return order === 'date-' ? sorted.reverse() : sorted;
}

export function parseCountLimit(raw: string | null): number {
  if (raw === null || raw === '') return COUNT_LIMIT_DEFAULT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw invalidArgument(
      `Invalid count_limit "${raw}": a positive integer, at most ${COUNT_LIMIT_MAX}`,
    );
  }
  return Math.min(n, COUNT_LIMIT_MAX);
}
