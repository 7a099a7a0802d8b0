// A Livehunt ruleset (reference §4.8, §5.8) and the reading of its POST/PATCH
// attributes: `name` and `rules` required on creation, every field checked.
import { badRequest } from '../errors.ts';
import { requireRules } from './yara-rules.ts';

export const MATCH_OBJECT_TYPES = ['file', 'url', 'domain', 'ip'] as const;
export type MatchObjectType = (typeof MATCH_OBJECT_TYPES)[number];

/** Defaults for attributes a POST leaves out (VT's are undocumented) [U]. */
export const RULESET_DEFAULTS = { enabled: true, limit: 100, matchObjectType: 'file' } as const;
/** Largest `limit` accepted [U]. */
export const RULESET_MAX_LIMIT = 10_000;

export interface RulesetFields {
  name: string;
  rules: string;
  enabled: boolean;
  limit: number;
  notificationEmails: string[];
  matchObjectType: MatchObjectType;
  tags: string[];
}

export interface Ruleset extends RulesetFields {
  readonly id: string;
  readonly owner: string;
  readonly createdMs: number;
  modifiedMs: number;
  /** Start of the current enabled period: creation, or the last time it was enabled. */
  enabledSinceMs: number;
  /** Notification slots already passed in the current enabled period. */
  slotsInPeriod: number;
  /** Notifications generated over the ruleset's life; `limit` caps it. */
  emitted: number;
}

const stringList = (value: unknown, name: string): string[] => {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw badRequest(`"${name}" must be a list of strings`);
  }
  return value;
};

type Reader = (value: unknown) => Partial<RulesetFields>;

const READERS: Record<string, Reader> = {
  name(v) {
    if (typeof v !== 'string' || v.trim() === '')
      throw badRequest('"name" must be a non-empty string');
    return { name: v };
  },
  rules: (v) => ({ rules: requireRules(v).text }),
  enabled(v) {
    if (typeof v !== 'boolean') throw badRequest('"enabled" must be true or false');
    return { enabled: v };
  },
  limit(v) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > RULESET_MAX_LIMIT) {
      throw badRequest(`"limit" must be an integer from 1 to ${RULESET_MAX_LIMIT}`);
    }
    return { limit: v };
  },
  notification_emails: (v) => ({ notificationEmails: stringList(v, 'notification_emails') }),
  match_object_type(v) {
    if (!(MATCH_OBJECT_TYPES as readonly unknown[]).includes(v)) {
      throw badRequest(`"match_object_type" must be one of ${MATCH_OBJECT_TYPES.join(', ')}`);
    }
    return { matchObjectType: v as MatchObjectType };
  },
  tags: (v) => ({ tags: stringList(v, 'tags') }),
};

/** The writable attributes present in a body; others (dates, counts) are ignored. */
export function readRulesetPatch(attributes: Record<string, unknown>): Partial<RulesetFields> {
  let out: Partial<RulesetFields> = {};
  for (const [name, reader] of Object.entries(READERS)) {
    const value = attributes[name];
    if (value !== undefined) out = { ...out, ...reader(value) };
  }
  return out;
}

export function readNewRuleset(attributes: Record<string, unknown>): RulesetFields {
  if (attributes['name'] === undefined) throw badRequest('"name" is required');
  if (attributes['rules'] === undefined)
    throw badRequest('"rules" is required: a string of YARA rules');
  const patch = readRulesetPatch(attributes);
  return {
    name: patch.name ?? '',
    rules: patch.rules ?? '',
    enabled: patch.enabled ?? RULESET_DEFAULTS.enabled,
    limit: patch.limit ?? RULESET_DEFAULTS.limit,
    notificationEmails: patch.notificationEmails ?? [],
    matchObjectType: patch.matchObjectType ?? RULESET_DEFAULTS.matchObjectType,
    tags: patch.tags ?? [],
  };
}
