// Livehunt objects as VT sends them: `hunting_ruleset` (reference §5.8),
// `hunting_notification` (§5.8) and notification files with their
// `context_attributes` (§4.8), plus the relationships vt-cli asks for
// (`owner`, `editors` on rulesets; `file` on notifications).
import { toVtObject } from '../corpus/objects.ts';
import type { HuntingNotification } from './hunting-notification.ts';
import type { Ruleset } from './hunting-ruleset.ts';
import { parseRules } from './yara-rules.ts';

type VtObject = Record<string, unknown> & { links: { self: string } };

export function rulesetObject(ruleset: Ruleset, apiBase: string): VtObject {
  return {
    type: 'hunting_ruleset',
    id: ruleset.id,
    links: { self: `${apiBase}/intelligence/hunting_rulesets/${ruleset.id}` },
    attributes: {
      name: ruleset.name,
      rules: ruleset.rules,
      enabled: ruleset.enabled,
      limit: ruleset.limit,
      notification_emails: ruleset.notificationEmails,
      match_object_type: ruleset.matchObjectType,
      number_of_rules: parseRules(ruleset.rules).length,
      tags: ruleset.tags,
      creation_date: Math.floor(ruleset.createdMs / 1000),
      modification_date: Math.floor(ruleset.modifiedMs / 1000),
    },
  };
}

export function notificationObject(n: HuntingNotification, apiBase: string): VtObject {
  return {
    type: 'hunting_notification',
    id: n.id,
    links: { self: `${apiBase}/intelligence/hunting_notifications/${n.id}` },
    attributes: {
      date: n.dateSeconds,
      match_in_subfile: n.matchInSubfile,
      rule_name: n.ruleName,
      rule_tags: n.ruleTags,
      snippet: n.snippet,
      source_country: n.sourceCountry,
      source_key: n.sourceKey,
      tags: n.tags,
    },
  };
}

export function notificationFileObject(n: HuntingNotification, apiBase: string): unknown {
  return {
    ...toVtObject(n.file, apiBase),
    context_attributes: {
      match_in_subfile: n.matchInSubfile,
      notification_date: n.dateSeconds,
      notification_id: n.id,
      notification_snippet: n.snippet,
      notification_source_key: n.sourceKey,
      notification_tags: n.tags,
      ruleset_id: n.rulesetId,
      ruleset_name: n.rulesetName,
      rule_name: n.ruleName,
      rule_tags: n.ruleTags,
    },
  };
}

type Related = (name: string) => unknown;

/** Adds `relationships` for the names asked in `?relationships=`; unknown names are skipped. */
export function withRelationships(obj: VtObject, asked: string | null, related: Related): VtObject {
  const names = (asked ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const data = related(name);
    if (data === undefined) continue;
    const self = obj.links.self;
    out[name] = {
      data,
      links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` },
    };
  }
  return names.length > 0 ? { ...obj, relationships: out } : obj;
}

export const rulesetRelated =
  (ruleset: Ruleset): Related =>
  (name) => {
    if (name === 'owner') return { type: 'user', id: ruleset.owner };
    if (name === 'editors') return [];
    return undefined;
  };

export const notificationRelated =
  (n: HuntingNotification): Related =>
  (name) =>
    name === 'file' ? { type: 'file', id: n.file.sha256 } : undefined;
