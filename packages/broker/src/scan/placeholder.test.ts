import { describe, expect, it } from 'vitest';
import { isPlaceholderSecret } from './placeholder.ts';
import { fakeKey } from './test-support/fake-secrets.ts';

describe('isPlaceholderSecret', () => {
  it.each([
    '0123456789abcdef'.repeat(4),
    'deadbeef'.repeat(8),
    'a'.repeat(64),
    '1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef',
    'abababababababababababababababababababababababababababababababab',
    '0000000000000000000000000000000000000000000000000000000000000001',
  ])('%s is an example value', (value) => {
    expect(isPlaceholderSecret(value)).toBe(true);
  });

  it('keeps random-looking values', () => {
    for (let i = 0; i < 200; i++) expect(isPlaceholderSecret(fakeKey(`k${i}`))).toBe(false);
  });
});
