// A bounded FIFO with one worker: jobs run one at a time, in order (a receiver
// sees a webhook's alerts in the order they were raised, and a slow receiver
// holds up only its own queue). When full, the oldest waiting job makes room:
// the newest alert says most about the present.

export interface DeliveryQueue<T> {
  /** Queues `job` and starts the worker if idle; returns the job dropped to make room, if any. */
  push(job: T): T | undefined;
  /** Resolves once nothing is waiting or running (jobs pushed meanwhile included). */
  idle(): Promise<void>;
  /** Jobs waiting, not counting the one running. */
  readonly waiting: number;
}

export interface DeliveryQueueOptions<T> {
  /** Jobs that may wait (the running one aside); at least 1. */
  limit: number;
  run: (job: T) => Promise<void>;
  /** A job that threw: `run` is meant not to, so this is a bug to report. */
  onError: (error: unknown, job: T) => void;
}

export function createDeliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  if (!(Number.isSafeInteger(options.limit) && options.limit >= 1))
    throw new RangeError(`a delivery queue holds at least 1 job, got limit ${options.limit}`);
  const jobs: T[] = [];
  let running = false;
  let idlers: (() => void)[] = [];

  async function drain(): Promise<void> {
    running = true;
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      try {
        await options.run(job);
      } catch (error) {
        options.onError(error, job);
      }
    }
    running = false;
    const waiters = idlers;
    idlers = [];
    for (const resolve of waiters) resolve();
  }

  return {
    push(job) {
      const dropped = jobs.length >= options.limit ? jobs.shift() : undefined;
      jobs.push(job);
      if (!running) void drain();
      return dropped;
    },
    idle() {
      if (!running && jobs.length === 0) return Promise.resolve();
      return new Promise((resolve) => idlers.push(resolve));
    },
    get waiting() {
      return jobs.length;
    },
  };
}
