import { describe, expect, it } from 'vitest';
import { createDeliveryQueue } from './delivery-queue.ts';

/** A job that finishes only when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('createDeliveryQueue', () => {
  it('runs jobs one at a time, in order; idle() waits for the last one', async () => {
    const log: string[] = [];
    const first = gate();
    const queue = createDeliveryQueue<string>({
      limit: 10,
      run: async (job) => {
        log.push(`start ${job}`);
        if (job === 'a') await first.opened;
        log.push(`end ${job}`);
      },
      onError: () => undefined,
    });
    queue.push('a');
    queue.push('b');
    expect(queue.waiting).toBe(1);
    let idle = false;
    const done = queue.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    first.open();
    await done;
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    await queue.idle();
  });

  it('drops the oldest waiting job when full and returns it; the running one is not counted', async () => {
    const ran: string[] = [];
    const hold = gate();
    const queue = createDeliveryQueue<string>({
      limit: 2,
      run: async (job) => {
        await hold.opened;
        ran.push(job);
      },
      onError: () => undefined,
    });
    expect(['a', 'b', 'c', 'd'].map((job) => queue.push(job))).toEqual([
      undefined,
      undefined,
      undefined,
      'b',
    ]);
    hold.open();
    await queue.idle();
    expect(ran).toEqual(['a', 'c', 'd']);
  });

  it('reports a job that throws and goes on with the next', async () => {
    const errors: string[] = [];
    const ran: string[] = [];
    const queue = createDeliveryQueue<string>({
      limit: 5,
      run: (job) => {
        if (job === 'bad') return Promise.reject(new Error('boom'));
        ran.push(job);
        return Promise.resolve();
      },
      onError: (error, job) => errors.push(`${job}: ${(error as Error).message}`),
    });
    queue.push('bad');
    queue.push('good');
    await queue.idle();
    expect(errors).toEqual(['bad: boom']);
    expect(ran).toEqual(['good']);
  });

  it('refuses a limit below 1', () => {
    expect(() =>
      createDeliveryQueue({ limit: 0, run: () => Promise.resolve(), onError: () => undefined }),
    ).toThrow(RangeError);
  });
});
