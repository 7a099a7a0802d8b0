import { describe, expect, it } from 'vitest';
import { keyAge, keyAgePolicy } from './key-age.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const policy = keyAgePolicy(30, 80);

describe('keyAge', () => {
  it('counts from activation: ok, then a warning from 80 %, then expired at the maximum', () => {
    const key = { activatedAt: T0, createdAt: T0 - 5 * DAY };
    expect(keyAge(key, policy, T0 + 23 * DAY)).toMatchObject({ state: 'ok', ageMs: 23 * DAY });
    expect(keyAge(key, policy, T0 + 24 * DAY)).toMatchObject({
      state: 'warning',
      warnFrom: T0 + 24 * DAY,
      dueAt: T0 + 30 * DAY,
    });
    expect(keyAge(key, policy, T0 + 30 * DAY).state).toBe('expired');
  });

  it('counts from creation for a key never activated, and never expires without a limit', () => {
    expect(keyAge({ activatedAt: null, createdAt: T0 }, policy, T0 + 31 * DAY).state).toBe(
      'expired',
    );
    expect(keyAge({ activatedAt: T0, createdAt: T0 }, keyAgePolicy(0, 80), T0 + 999 * DAY)).toEqual(
      { ageMs: 999 * DAY, dueAt: null, warnFrom: null, state: 'ok' },
    );
  });
});
