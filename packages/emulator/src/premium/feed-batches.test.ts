import { describe, expect, it } from 'vitest';
import { VtHttpError } from '../errors.ts';
import { availability, batchName, feedKindOf, parseBatchName } from './feed-batches.ts';

const timing = { delayMinutes: 60, keepDays: 7, missingOneIn: 97 };
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);

describe('feed batch names', () => {
  it('reads YYYYMMDDhhmm and YYYYMMDDhh as UTC and writes them back', () => {
    expect(parseBatchName('202601151100', 'minute')).toBe(Date.UTC(2026, 0, 15, 11, 0));
    expect(parseBatchName('2026011510', 'hour')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(batchName(Date.UTC(2026, 0, 15, 11, 7, 42), 'minute')).toBe('202601151107');
    expect(batchName(Date.UTC(2026, 0, 15, 11, 7), 'hour')).toBe('2026011511');
  });

  it('refuses impossible or wrongly sized names with a 400 naming the format', () => {
    for (const [name, granularity] of [
      ['202602301100', 'minute'],
      ['202601152400', 'minute'],
      ['2026011511', 'minute'],
      ['202601151100', 'hour'],
    ] as const) {
      const error = (() => {
        try {
          parseBatchName(name, granularity);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, name).toBeInstanceOf(VtHttpError);
      expect((error as VtHttpError).status).toBe(400);
    }
  });

  it('accepts vt-py’s file-behaviours and GTI’s file_behaviours', () => {
    expect(feedKindOf('file-behaviours')).toBe('file_behaviours');
    expect(feedKindOf('file_behaviours')).toBe('file_behaviours');
    expect(feedKindOf('domains')).toBeUndefined();
  });
});

describe('feed availability (reference §4.9)', () => {
  const at = (name: string, g: 'minute' | 'hour', missing = false) =>
    availability(g, parseBatchName(name, g), NOW, timing, missing);

  it('serves minute T−60 but not T−59', () => {
    expect(at('202601151100', 'minute')).toBe('available');
    expect(at('202601151101', 'minute')).toBe('too-recent');
  });

  it('serves hour T−2h but not T−1h', () => {
    expect(at('2026011510', 'hour')).toBe('available');
    expect(at('2026011511', 'hour')).toBe('too-recent');
  });

  it('forgets batches older than keepDays and reports missing minutes', () => {
    expect(at('202601081201', 'minute')).toBe('available');
    expect(at('202601081200', 'minute')).toBe('expired');
    expect(at('2026010811', 'hour')).toBe('expired');
    expect(at('202601151000', 'minute', true)).toBe('missing');
  });
});
