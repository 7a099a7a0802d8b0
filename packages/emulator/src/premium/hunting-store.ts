// One emulator's Livehunt state: rulesets and the notifications they have
// generated so far. `sync(now)` materialises what the injected clock made due;
// a deleted notification is gone for good (its slot is never replayed).
import type { Corpus } from '../corpus/corpus.ts';
import type { FileObject } from '../corpus/objects.ts';
import {
  emitDue,
  makeNotification,
  numericId,
  type HuntingNotification,
} from './hunting-notification.ts';
import type { Ruleset, RulesetFields } from './hunting-ruleset.ts';
import { matchingFiles } from './rule-matches.ts';

export interface HuntingStore {
  sync(nowMs: number): void;
  addRuleset(owner: string, fields: RulesetFields, nowMs: number): Ruleset;
  ruleset(id: string): Ruleset | undefined;
  /** The owner's rulesets in creation order. */
  rulesetsOf(owner: string): Ruleset[];
  /** Emits what was due under the old settings, then applies the change. */
  updateRuleset(ruleset: Ruleset, patch: Partial<RulesetFields>, nowMs: number): void;
  /** Removes the ruleset and its notifications [U: VT's behaviour is undocumented]. */
  removeRuleset(id: string): void;
  notificationsOf(owner: string): HuntingNotification[];
  notification(id: string): HuntingNotification | undefined;
  removeNotification(id: string): void;
}

export function createHuntingStore(options: {
  corpus: Corpus;
  everySeconds: number;
}): HuntingStore {
  const { corpus } = options;
  const rulesets = new Map<string, Ruleset>();
  const notifications = new Map<string, HuntingNotification>();
  const candidates = new Map<string, readonly FileObject[]>();
  let created = 0;

  const freshId = (label: string, taken: (id: string) => boolean): string => {
    const random = corpus.random(label);
    let id = numericId(random);
    while (taken(id)) id = numericId(random);
    return id;
  };
  const filesFor = (ruleset: Ruleset): readonly FileObject[] => {
    if (ruleset.matchObjectType !== 'file') return [];
    let files = candidates.get(ruleset.rules);
    if (!files) {
      files = matchingFiles(corpus.files(), ruleset.rules, 'main');
      candidates.set(ruleset.rules, files);
    }
    return files;
  };
  const syncOne = (ruleset: Ruleset, nowMs: number): void => {
    const files = filesFor(ruleset);
    const made = emitDue(ruleset, nowMs, options.everySeconds, (seq, dateMs) => {
      const file = files[seq % Math.max(1, files.length)];
      if (!file) return undefined;
      const label = `hunting-notification/${ruleset.id}/${seq}`;
      const id = freshId(label, (x) => notifications.has(x));
      return makeNotification({ id, ruleset, seq, dateMs, file, random: corpus.random(label) });
    });
    for (const n of made) notifications.set(n.id, n);
  };

  return {
    sync(nowMs) {
      for (const ruleset of rulesets.values()) syncOne(ruleset, nowMs);
    },
    addRuleset(owner, fields, nowMs) {
      const id = freshId(`hunting-ruleset/${created++}`, (x) => rulesets.has(x));
      const ruleset: Ruleset = {
        ...fields,
        id,
        owner,
        createdMs: nowMs,
        modifiedMs: nowMs,
        enabledSinceMs: nowMs,
        slotsInPeriod: 0,
        emitted: 0,
      };
      rulesets.set(id, ruleset);
      return ruleset;
    },
    ruleset: (id) => rulesets.get(id),
    rulesetsOf: (owner) => [...rulesets.values()].filter((r) => r.owner === owner),
    updateRuleset(ruleset, patch, nowMs) {
      syncOne(ruleset, nowMs);
      if (patch.enabled === true && !ruleset.enabled) {
        ruleset.enabledSinceMs = nowMs;
        ruleset.slotsInPeriod = 0;
      }
      Object.assign(ruleset, patch);
      ruleset.modifiedMs = nowMs;
    },
    removeRuleset(id) {
      rulesets.delete(id);
      for (const n of [...notifications.values()])
        if (n.rulesetId === id) notifications.delete(n.id);
    },
    notificationsOf: (owner) => [...notifications.values()].filter((n) => n.owner === owner),
    notification: (id) => notifications.get(id),
    removeNotification(id) {
      notifications.delete(id);
    },
  };
}
