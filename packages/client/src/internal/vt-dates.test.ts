import { describe, expect, it } from 'vitest';
import { VtConfigError } from '../config.ts';
import { batchName, parseBatchName, unixSeconds, usageDay } from './vt-dates.ts';

describe('VT date formats', () => {
  it('names the minute batch that holds an instant, in UTC', () => {
    expect(batchName(Date.UTC(2026, 0, 15, 9, 5, 59, 999))).toBe('202601150905');
  });

  it('parses batch names back, and refuses impossible ones', () => {
    expect(parseBatchName('202601150905')).toBe(Date.UTC(2026, 0, 15, 9, 5));
    for (const bad of ['202613150905', '202601150960', '2026011509', 'x02601150905'])
      expect(parseBatchName(bad)).toBeUndefined();
  });

  it('writes usage days as YYYYMMDD and refuses other strings', () => {
    expect(usageDay(new Date(Date.UTC(2026, 1, 3, 23, 59)), 'startDate')).toBe('20260203');
    expect(usageDay('20260203', 'startDate')).toBe('20260203');
    expect(() => usageDay('2026-02-03', 'endDate')).toThrow(VtConfigError);
  });

  it('turns Dates into Unix seconds and keeps numbers', () => {
    expect(unixSeconds(new Date(1_717_000_000_999))).toBe(1_717_000_000);
    expect(unixSeconds(1_717_000_000)).toBe(1_717_000_000);
  });
});
