import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';

describe('manual clock', () => {
  it('resolves sleeps only when time is advanced past them', async () => {
    const clock = createManualClock(0);
    const woke: number[] = [];
    void clock.sleep(100).then(() => woke.push(100));
    void clock.sleep(50).then(() => woke.push(50));
    clock.advance(60);
    await Promise.resolve();
    expect(woke).toEqual([50]);
    clock.advance(40);
    await Promise.resolve();
    expect(woke).toEqual([50, 100]);
  });

  it('never goes backwards', () => {
    const clock = createManualClock(1000);
    expect(() => {
      clock.set(999);
    }).toThrow(RangeError);
    expect(() => {
      clock.advance(-1);
    }).toThrow(RangeError);
  });
});
