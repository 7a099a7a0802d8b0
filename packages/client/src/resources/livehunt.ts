// Livehunt (reference §4.8, §5.8; premium): YARA rulesets run on new files, and
// the notifications they raise. Updates PATCH only the attributes given, as
// vt-py's `patch_object` and vt-go's `PatchObject` send only what changed.
import type { Collection } from '../collection.ts';
import { enc, getData, listCollection, type ListOptions } from '../internal/collections.ts';
import type { Query, Requester } from '../internal/requester.ts';
import type {
  VtHuntingNotification,
  VtHuntingNotificationFile,
  VtHuntingRuleset,
  VtMatchObjectType,
} from '../types/livehunt.ts';

const RULESETS = '/intelligence/hunting_rulesets';
const NOTIFICATIONS = '/intelligence/hunting_notifications';

export interface RulesetInput {
  name: string;
  rules: string;
  enabled?: boolean;
  /** Most notifications the ruleset may raise. */
  limit?: number;
  notificationEmails?: string[];
  matchObjectType?: VtMatchObjectType;
  tags?: string[];
}

/** Attributes to change; those absent or undefined are not sent. */
export type RulesetChanges = { [K in keyof RulesetInput]?: RulesetInput[K] | undefined };

/** Wire names of the writable ruleset attributes (reference §4.8). */
const WIRE_NAMES: Record<keyof RulesetInput, string> = {
  name: 'name',
  rules: 'rules',
  enabled: 'enabled',
  limit: 'limit',
  notificationEmails: 'notification_emails',
  matchObjectType: 'match_object_type',
  tags: 'tags',
};

export interface RulesetListOptions extends ListOptions {
  /** e.g. `enabled:true name:eicar` (space-separated = AND). */
  filter?: string;
  /** `name`, `creation_date` or `modification_date`, with `+` or `-`. */
  order?: string;
}

export interface NotificationListOptions extends ListOptions {
  /** e.g. `tag:eicar`, `date:2026-01-15+`. */
  filter?: string;
  /** `date-` (default) or `date+`. */
  order?: 'date-' | 'date+';
  /** Caps `meta.count` (default 200, at most 10 000). */
  countLimit?: number;
}

type Signal = { signal?: AbortSignal };

export interface LivehuntResource {
  createRuleset(input: RulesetInput & Signal): Promise<VtHuntingRuleset>;
  listRulesets(options?: RulesetListOptions): Collection<VtHuntingRuleset>;
  getRuleset(id: string, options?: Signal): Promise<VtHuntingRuleset>;
  /** Sends only the attributes present in `changes`. */
  updateRuleset(id: string, changes: RulesetChanges, options?: Signal): Promise<VtHuntingRuleset>;
  deleteRuleset(id: string, options?: Signal): Promise<void>;
  notifications(options?: NotificationListOptions): Collection<VtHuntingNotification>;
  getNotification(id: string, options?: Signal): Promise<VtHuntingNotification>;
  /** The notified files, each with the match in `context_attributes`. */
  notificationFiles(options?: NotificationListOptions): Collection<VtHuntingNotificationFile>;
  deleteNotification(id: string, options?: Signal): Promise<void>;
  /** Deletes the notifications with this tag, or every notification without one. */
  deleteNotifications(options?: { tag?: string } & Signal): Promise<void>;
}

/** The wire attributes of the fields present (undefined ones are left out). */
export function rulesetAttributes(input: RulesetChanges): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, wire] of Object.entries(WIRE_NAMES) as [keyof RulesetInput, string][]) {
    if (input[key] !== undefined) attributes[wire] = input[key];
  }
  return attributes;
}

const notificationQuery = (o: NotificationListOptions) => ({
  filter: o.filter,
  order: o.order,
  count_limit: o.countLimit,
});

export function livehuntResource(r: Requester): LivehuntResource {
  const write = async (
    method: 'POST' | 'PATCH',
    path: string,
    input: RulesetChanges,
    signal?: AbortSignal,
  ) => {
    const body = await r.json<{ data: VtHuntingRuleset }>({
      method,
      path,
      json: { data: { type: 'hunting_ruleset', attributes: rulesetAttributes(input) } },
      signal,
    });
    return body.data;
  };
  const remove = async (path: string, signal?: AbortSignal, query: Query = {}) => {
    await r.send({ method: 'DELETE', path, query, signal });
  };
  return {
    createRuleset: ({ signal, ...input }) => write('POST', RULESETS, input, signal),
    listRulesets: (o = {}) =>
      listCollection<VtHuntingRuleset>(r, RULESETS, { filter: o.filter, order: o.order }, o),
    getRuleset: (id, o = {}) =>
      getData<VtHuntingRuleset>(r, `${RULESETS}/${enc(id)}`, {}, o.signal),
    updateRuleset: (id, changes, o = {}) =>
      write('PATCH', `${RULESETS}/${enc(id)}`, changes, o.signal),
    deleteRuleset: (id, o = {}) => remove(`${RULESETS}/${enc(id)}`, o.signal),
    notifications: (o = {}) =>
      listCollection<VtHuntingNotification>(r, NOTIFICATIONS, notificationQuery(o), o),
    getNotification: (id, o = {}) =>
      getData<VtHuntingNotification>(r, `${NOTIFICATIONS}/${enc(id)}`, {}, o.signal),
    notificationFiles: (o = {}) =>
      listCollection<VtHuntingNotificationFile>(
        r,
        '/intelligence/hunting_notification_files',
        notificationQuery(o),
        o,
      ),
    deleteNotification: (id, o = {}) => remove(`${NOTIFICATIONS}/${enc(id)}`, o.signal),
    deleteNotifications: (o = {}) => remove(NOTIFICATIONS, o.signal, { tag: o.tag }),
  };
}
