// `filter` and `order` of `GET /intelligence/hunting_rulesets` (reference §4.8):
// `enabled:true`, `name:foo` and `rules:foo` (whole words only), `tag:x`,
// space-separated = AND; order `name`, `creation_date`, `modification_date`
// with an optional `+`/`-` suffix (ascending by default).
import { invalidArgument } from '../errors.ts';
import type { Ruleset } from './hunting-ruleset.ts';

type Predicate = (r: Ruleset) => boolean;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);

const hasWords = (text: string, value: string): boolean => {
  const have = new Set(words(text));
  const want = words(value);
  return want.length > 0 && want.every((w) => have.has(w));
};

const PREDICATES: Record<string, (value: string) => Predicate> = {
  enabled(value) {
    if (value !== 'true' && value !== 'false') {
      throw invalidArgument(`Invalid filter "enabled:${value}": use enabled:true or enabled:false`);
    }
    return (r) => r.enabled === (value === 'true');
  },
  name: (value) => (r) => hasWords(r.name, value),
  rules: (value) => (r) => hasWords(r.rules, value),
  tag: (value) => (r) => r.tags.includes(value),
};

export function filterRulesets(rulesets: Ruleset[], raw: string | null): Ruleset[] {
  const tokens = (raw ?? '')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const predicates = tokens.map((token): Predicate => {
    const at = token.indexOf(':');
    const make = at > 0 ? PREDICATES[token.slice(0, at)] : undefined;
    if (!make) {
      throw invalidArgument(
        `Invalid filter "${token}": use enabled:, name:, rules: or tag: (space-separated)`,
      );
    }
    return make(token.slice(at + 1));
  });
  return rulesets.filter((r) => predicates.every((p) => p(r)));
}

const SORT_KEYS: Record<string, (r: Ruleset) => string | number> = {
  name: (r) => r.name,
  creation_date: (r) => r.createdMs,
  modification_date: (r) => r.modifiedMs,
};

export function orderRulesets(rulesets: Ruleset[], raw: string | null): Ruleset[] {
  if (raw === null || raw === '') return rulesets;
  const m = /^(\w+?)([+-])?$/.exec(raw.trim());
  const key = m ? SORT_KEYS[m[1] ?? ''] : undefined;
  if (!m || !key) {
    throw invalidArgument(
      `Invalid order "${raw}": use name, creation_date or modification_date, with + or -`,
    );
  }
  const sign = m[2] === '-' ? -1 : 1;
  return [...rulesets].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
}
