import { describe, expect, it } from 'vitest';
import { VtHttpError } from '../errors.ts';
import { isEicarRule, parseRules, requireRules, rulesDigest } from './yara-rules.ts';

describe('YARA rule reading', () => {
  it('finds names and tags, private and global rules included', () => {
    const text = `private rule a { condition: true }
global rule b : one two{ condition: true }
rule c:x { strings: $s = "rule fake" condition: $s }`;
    expect(parseRules(text)).toEqual([
      { name: 'a', tags: [] },
      { name: 'b', tags: ['one', 'two'] },
      { name: 'c', tags: ['x'] },
    ]);
  });

  it('refuses missing, empty or rule-less text with a 400', () => {
    for (const value of [undefined, '', 42, 'condition: true']) {
      expect(() => requireRules(value)).toThrow(VtHttpError);
    }
  });

  it('spots EICAR rules and ignores whitespace in the digest', () => {
    expect(isEicarRule('rule x { strings: $a = "EICAR-STANDARD" condition: $a }')).toBe(true);
    expect(isEicarRule('rule Eicar_test { condition: true }')).toBe(true);
    expect(isEicarRule('rule upx { condition: true }')).toBe(false);
    expect(rulesDigest('rule a {\n condition: true }')).toEqual(
      rulesDigest('rule a { condition: true }'),
    );
  });
});
