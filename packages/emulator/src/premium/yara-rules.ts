// Just enough YARA reading for the emulator: rule names and tags (vt-cli reads
// names with the same pattern), a rule count for the 300-rules limit
// (reference §4.7) and `number_of_rules` (§5.8). No rule is ever compiled.
import { createHash } from 'node:crypto';
import { badRequest } from '../errors.ts';

export interface YaraRule {
  name: string;
  tags: string[];
}

const RULE_HEADER = /\brule\s+(\w+)\s*(?::((?:\s*\w+)+))?\s*\{/g;

export function parseRules(text: string): YaraRule[] {
  const rules: YaraRule[] = [];
  for (const m of text.matchAll(RULE_HEADER)) {
    const tags = (m[2] ?? '').split(/\s+/).filter((t) => t.length > 0);
    rules.push({ name: m[1] ?? '', tags });
  }
  return rules;
}

/** The `rules` attribute of a request, or a 400 that says what a rule looks like. */
export function requireRules(value: unknown): { text: string; rules: YaraRule[] } {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest('"rules" is required: a string of YARA rules');
  }
  const rules = parseRules(value);
  if (rules.length === 0) {
    throw badRequest(
      'Invalid YARA rules: no rule found (expected e.g. "rule foo { condition: true }")',
    );
  }
  return { text: value, rules };
}

/** A rule about EICAR (its string or its name) matches the EICAR test file. */
export function isEicarRule(text: string): boolean {
  return /eicar/i.test(text);
}

/** A digest of the rules, whitespace-insensitive: the seed of their deterministic matches. */
export function rulesDigest(text: string): Buffer {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest();
}
