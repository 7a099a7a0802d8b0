// Shares the upstream fairly (ARCHITECTURE.md, "Quotas"): when the keys have no
// room, requests wait in a queue — interactive before bulk, and round-robin
// between consumers within a class, so one bulk job cannot starve analysts. A
// request whose wait would pass its consumer's maximum is refused at once with
// the time to retry.
import type { KeyVersion, Priority } from '../store/model.ts';
import type { KeyPool } from './key-pool.ts';

export interface Clock {
  now(): number;
  /** Resolves after `ms` (the test clock resolves when advanced). */
  sleep(ms: number): Promise<void>;
}

export interface Ticket {
  consumerId: string;
  priority: Priority;
  cost: number;
  maxWaitMs: number;
}

export type Grant =
  | { ok: true; version: KeyVersion; waitedMs: number }
  | { ok: false; retryAt: number; window: string };

interface Waiter {
  ticket: Ticket;
  enqueuedAt: number;
  resolve: (grant: Grant) => void;
}

export interface Scheduler {
  acquire(ticket: Ticket): Promise<Grant>;
  readonly waiting: number;
}

export function createScheduler(pool: KeyPool, clock: Clock): Scheduler {
  // Per class, a FIFO per consumer, and a ring of consumers for round-robin.
  const queues: Record<Priority, Map<string, Waiter[]>> = {
    interactive: new Map(),
    bulk: new Map(),
  };
  let waiting = 0;
  let pumping = false;
  let wakeAt = Number.POSITIVE_INFINITY;

  const enqueue = (w: Waiter): void => {
    const byConsumer = queues[w.ticket.priority];
    const list = byConsumer.get(w.ticket.consumerId) ?? [];
    list.push(w);
    byConsumer.set(w.ticket.consumerId, list);
    waiting++;
  };

  /** The next waiter: interactive first; the consumer at the head of the ring, then it goes to the back. */
  const takeNext = (): Waiter | undefined => {
    for (const priority of ['interactive', 'bulk'] as const) {
      const byConsumer = queues[priority];
      for (const [consumerId, list] of byConsumer) {
        const w = list.shift();
        byConsumer.delete(consumerId);
        if (list.length > 0) byConsumer.set(consumerId, list);
        if (w) {
          waiting--;
          return w;
        }
      }
    }
    return undefined;
  };

  const putBack = (w: Waiter): void => {
    // Keep its place: at the head of its consumer's FIFO, consumer first in the ring.
    const byConsumer = queues[w.ticket.priority];
    const list = [w, ...(byConsumer.get(w.ticket.consumerId) ?? [])];
    const rest = [...byConsumer].filter(([id]) => id !== w.ticket.consumerId);
    byConsumer.clear();
    byConsumer.set(w.ticket.consumerId, list);
    for (const [id, l] of rest) byConsumer.set(id, l);
    waiting++;
  };

  /** Refuses every waiter that cannot be served before its deadline. */
  const expire = (retryAt: number, window: string): void => {
    for (const byConsumer of Object.values(queues)) {
      for (const [consumerId, list] of byConsumer) {
        const keep = list.filter((w) => {
          if (retryAt <= w.enqueuedAt + w.ticket.maxWaitMs) return true;
          waiting--;
          w.resolve({ ok: false, retryAt, window });
          return false;
        });
        if (keep.length > 0) byConsumer.set(consumerId, keep);
        else byConsumer.delete(consumerId);
      }
    }
  };

  const scheduleWake = (at: number): void => {
    if (at >= wakeAt || !Number.isFinite(at)) return;
    wakeAt = at;
    void clock.sleep(Math.max(0, at - clock.now())).then(() => {
      if (wakeAt === at) wakeAt = Number.POSITIVE_INFINITY;
      void pump();
    });
  };

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (let w = takeNext(); w; w = takeNext()) {
        const now = clock.now();
        const decision = await pool.tryAcquire(w.ticket.cost, now);
        if (decision.ok) {
          w.resolve({ ok: true, version: decision.version, waitedMs: now - w.enqueuedAt });
          continue;
        }
        putBack(w);
        expire(decision.retryAt, decision.window);
        scheduleWake(decision.retryAt);
        break;
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(ticket) {
      return new Promise<Grant>((resolve) => {
        enqueue({ ticket, enqueuedAt: clock.now(), resolve });
        void pump();
      });
    },
    get waiting() {
      return waiting;
    },
  };
}
