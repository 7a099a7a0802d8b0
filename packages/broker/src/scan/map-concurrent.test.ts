import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent.ts';

async function* numbers(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) yield await Promise.resolve(i);
}

describe('mapConcurrent', () => {
  it('never runs more than the limit at once, and does every item', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await mapConcurrent(numbers(50), 4, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((done) => setImmediate(done)); // a turn of the event loop, as I/O takes
      done.push(i);
      running--;
    });
    expect(peak).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });

  it('rejects with the first failure and stops pulling items', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<number> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield await Promise.resolve(i);
      }
    }
    await expect(
      mapConcurrent(counted(), 2, (i) =>
        i === 3 ? Promise.reject(new Error('boom')) : Promise.resolve(),
      ),
    ).rejects.toThrow('boom');
    expect(pulled).toBeLessThan(10);
  });
});
