// Livehunt notifications (reference §4.8, §5.8), generated deterministically:
// an enabled ruleset yields one every `notificationEverySeconds` since it was
// created or last enabled, up to its `limit`, each matching a corpus file.
import { EICAR, EICAR_CONTENT } from '../corpus/eicar.ts';
import type { FileObject } from '../corpus/objects.ts';
import type { Random } from '../random.ts';
import { hexSnippet } from './hex-snippet.ts';
import type { Ruleset } from './hunting-ruleset.ts';
import { parseRules } from './yara-rules.ts';

export interface HuntingNotification {
  readonly id: string;
  readonly owner: string;
  readonly rulesetId: string;
  readonly rulesetName: string;
  readonly dateSeconds: number;
  readonly file: FileObject;
  readonly ruleName: string;
  readonly ruleTags: string[];
  readonly snippet: string;
  readonly sourceCountry: string;
  readonly sourceKey: string;
  readonly tags: string[];
  readonly matchInSubfile: boolean;
}

const SOURCE_COUNTRIES = ['US', 'DE', 'ES', 'FR', 'GB', 'BR', 'IN', 'JP', 'KR', 'NL'] as const;
/** Share of notifications whose match was inside a sub-file [U]. */
const SUBFILE_MATCH_RATE = 0.1;

/** A 16-digit numeric id, the shape of VT's ruleset and notification ids (reference §5.8). */
export function numericId(random: Random): string {
  return (10n ** 15n + BigInt(`0x${random.hex(13)}`)).toString();
}

const EICAR_MARK = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

function snippetOf(file: FileObject, random: Random): string {
  const content = file.sha256 === EICAR.sha256 ? EICAR_CONTENT : file.content();
  if (!content || content.length === 0) return '';
  const eicarAt = content.indexOf(EICAR_MARK);
  if (eicarAt >= 0) return hexSnippet(content, eicarAt, EICAR_MARK.length);
  const length = Math.min(8, content.length);
  return hexSnippet(content, random.int(content.length - length + 1), length);
}

export interface NotificationSeed {
  id: string;
  ruleset: Ruleset;
  /** Index of this notification among the ruleset's. */
  seq: number;
  dateMs: number;
  file: FileObject;
  random: Random;
}

export function makeNotification(seed: NotificationSeed): HuntingNotification {
  const { ruleset, file, random } = seed;
  const rules = parseRules(ruleset.rules);
  const rule = rules[seed.seq % Math.max(1, rules.length)] ?? { name: 'unnamed', tags: [] };
  // Tags: ruleset name, rule name and the file's SHA-256 (GTI-SPEC hunting_notifications).
  const tags = [...new Set([ruleset.name.toLowerCase(), rule.name.toLowerCase(), file.sha256])];
  return {
    id: seed.id,
    owner: ruleset.owner,
    rulesetId: ruleset.id,
    rulesetName: ruleset.name,
    dateSeconds: Math.floor(seed.dateMs / 1000),
    file,
    ruleName: rule.name,
    ruleTags: rule.tags,
    snippet: snippetOf(file, random),
    sourceCountry: random.pick(SOURCE_COUNTRIES),
    sourceKey: random.hex(8),
    tags,
    matchInSubfile: random.chance(SUBFILE_MATCH_RATE),
  };
}

/**
 * Moves a ruleset's notification clock to `nowMs` and returns what came due.
 * `build` answers undefined when nothing can match (no slot yields anything).
 */
export function emitDue(
  ruleset: Ruleset,
  nowMs: number,
  everySeconds: number,
  build: (seq: number, dateMs: number) => HuntingNotification | undefined,
): HuntingNotification[] {
  if (!ruleset.enabled || !(everySeconds > 0)) return [];
  const everyMs = everySeconds * 1000;
  const due = Math.floor((nowMs - ruleset.enabledSinceMs) / everyMs);
  const out: HuntingNotification[] = [];
  for (let k = ruleset.slotsInPeriod + 1; k <= due && ruleset.emitted < ruleset.limit; k++) {
    const made = build(ruleset.emitted, ruleset.enabledSinceMs + k * everyMs);
    if (!made) break; // nothing to match: every later slot passes empty too
    ruleset.emitted++;
    out.push(made);
  }
  ruleset.slotsInPeriod = Math.max(ruleset.slotsInPeriod, due);
  return out;
}
