// What a benchmark is to `bench/run.ts`: a name, one line saying what it
// measures, and a `run` that prints its human-readable report as it goes and
// returns a JSON-able summary for the machine-readable line at the end.

export interface BenchSummary {
  /** Headline numbers, e.g. `{ ratio: 0.82, emulatorReqPerSec: 9100 }`. */
  readonly [key: string]: unknown;
}

export interface Bench {
  readonly name: string;
  readonly description: string;
  run(log: (line: string) => void): Promise<BenchSummary>;
}

export function defineBench(bench: Bench): Bench {
  return bench;
}
