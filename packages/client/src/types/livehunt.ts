// Livehunt rulesets and notifications (reference §4.8, §5.8), in VT's snake_case.
import type { VtObject } from './envelope.ts';
import type { VtFile } from './file.ts';

export type VtMatchObjectType = 'file' | 'url' | 'domain' | 'ip';

export interface VtHuntingRulesetAttributes {
  name: string;
  rules: string;
  enabled?: boolean;
  /** Most notifications the ruleset may produce. */
  limit?: number;
  notification_emails?: string[];
  match_object_type?: VtMatchObjectType;
  number_of_rules?: number;
  tags?: string[];
  /** Unix seconds. */
  creation_date?: number;
  modification_date?: number;
  [key: string]: unknown;
}

export type VtHuntingRuleset = VtObject<'hunting_ruleset', VtHuntingRulesetAttributes>;

export interface VtHuntingNotificationAttributes {
  /** Unix seconds. */
  date: number;
  match_in_subfile?: boolean;
  rule_name?: string;
  rule_tags?: string[];
  /** Hexdump with `begin_highlight`/`end_highlight` markers. */
  snippet?: string;
  source_country?: string;
  source_key?: string;
  tags?: string[];
  [key: string]: unknown;
}

export type VtHuntingNotification = VtObject<
  'hunting_notification',
  VtHuntingNotificationAttributes
>;

/** Context of a file in `GET /intelligence/hunting_notification_files`. */
export interface VtHuntingNotificationFileContext {
  match_in_subfile?: boolean;
  notification_date?: number;
  notification_id?: string;
  notification_snippet?: string;
  notification_source_key?: string;
  notification_tags?: string[];
  ruleset_id?: string;
  ruleset_name?: string;
  rule_name?: string;
  rule_tags?: string[];
  [key: string]: unknown;
}

export type VtHuntingNotificationFile = VtFile & {
  context_attributes: VtHuntingNotificationFileContext;
};
