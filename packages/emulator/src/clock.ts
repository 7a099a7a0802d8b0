// The emulator's only source of time. Quota windows, analysis progress,
// retrohunt progress and feed availability all read `now()`, so a test moves
// time with `advance()` and never waits on the real clock.

export interface EmulatorClock {
  /** Milliseconds since the Unix epoch, as the emulator sees it. */
  now(): number;
  /** Moves emulated time forward; pending `sleep()`s that come due resolve. */
  advance(ms: number): void;
  /** Jumps to an absolute time (never backwards). */
  set(epochMs: number): void;
  /** Resolves after `ms` of emulated time (used by injected latency). */
  sleep(ms: number): Promise<void>;
  readonly kind: 'manual' | 'system';
}

interface Sleeper {
  at: number;
  resolve: () => void;
}

/** A clock that only moves when told to: for tests. */
export function createManualClock(
  startMs: number = Date.UTC(2026, 0, 15, 12, 0, 0),
): EmulatorClock {
  let current = startMs;
  let sleepers: Sleeper[] = [];
  const wake = (): void => {
    const due = sleepers.filter((s) => s.at <= current);
    sleepers = sleepers.filter((s) => s.at > current);
    for (const s of due) s.resolve();
  };
  return {
    kind: 'manual',
    now: () => current,
    advance(ms) {
      if (!(ms >= 0))
        throw new RangeError(`advance() takes a non-negative number of ms, got ${ms}`);
      current += ms;
      wake();
    },
    set(epochMs) {
      if (epochMs < current) throw new RangeError('the emulator clock never moves backwards');
      current = epochMs;
      wake();
    },
    sleep(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => sleepers.push({ at: current + ms, resolve }));
    },
  };
}

/** Real time plus an offset that `advance()`/`set()` grow: for a running emulator. */
export function createSystemClock(): EmulatorClock {
  let offsetMs = 0;
  return {
    kind: 'system',
    now: () => Date.now() + offsetMs,
    advance(ms) {
      if (!(ms >= 0))
        throw new RangeError(`advance() takes a non-negative number of ms, got ${ms}`);
      offsetMs += ms;
    },
    set(epochMs) {
      const delta = epochMs - (Date.now() + offsetMs);
      if (delta < 0) throw new RangeError('the emulator clock never moves backwards');
      offsetMs += delta;
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  };
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
