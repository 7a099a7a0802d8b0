// How `bench/emulator` prints its runs and sums them up.
import type { BenchSummary } from '../support/bench.ts';
import type { LoadResult } from '../support/load.ts';
import { mean } from '../support/stats.ts';

export type ServerKind = 'bare' | 'emulator';

export interface ServerRun extends LoadResult {
  kind: ServerKind;
  /** CPU the server process used during the measured run, as a share of one core. */
  serverCpu: number;
  /** Server CPU time per answered request, in µs. */
  serverCpuUsPerReq: number;
  /** CPU other processes, or the hypervisor (steal), took meanwhile, in cores: noise. */
  otherCpu: number;
}

const COLUMNS = [
  'run',
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'server CPU',
  'CPU µs/req',
  'loadgen CPU',
  'other CPU',
];
const WIDTHS = [4, 9, 8, 7, 7, 11, 11, 11, 9];

/** Other processes' and steal CPU (cores) above which a run is called noisy. */
const NOISY_OTHER_CPU = 0.2;

const row = (cells: readonly string[]): string =>
  `  ${cells.map((c, i) => c.padEnd(WIDTHS[i] ?? 8)).join(' ')}`.trimEnd();
const pct = (share: number): string => `${Math.round(share * 100)}%`;

export function printRuns(
  log: (line: string) => void,
  runs: readonly ServerRun[],
  firstNo: number,
): void {
  if (firstNo === 1) log(row(COLUMNS));
  runs.forEach((r, i) => {
    log(
      row([
        String(firstNo + i),
        r.kind,
        String(Math.round(r.reqPerSec)),
        String(r.p50Ms),
        String(r.p99Ms),
        pct(r.serverCpu),
        r.serverCpuUsPerReq.toFixed(1),
        pct(r.generatorCpu),
        pct(r.otherCpu),
      ]),
    );
  });
}

interface SideSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpu: number;
  serverCpuUsPerReq: number;
}

function side(runs: readonly ServerRun[], kind: ServerKind): SideSummary {
  const mine = runs.filter((r) => r.kind === kind);
  const avg = (pick: (r: ServerRun) => number): number => mean(mine.map(pick));
  return {
    reqPerSec: Math.round(avg((r) => r.reqPerSec)),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    serverCpu: Number(avg((r) => r.serverCpu).toFixed(2)),
    serverCpuUsPerReq: Number(avg((r) => r.serverCpuUsPerReq).toFixed(1)),
  };
}

/** Prints the means and the ratios; returns the machine-readable summary. */
export function summarize(
  log: (line: string) => void,
  runs: readonly ServerRun[],
  targetRatio: number,
): BenchSummary {
  const bare = side(runs, 'bare');
  const emulator = side(runs, 'emulator');
  for (const [name, s] of [
    ['bare', bare],
    ['emulator', emulator],
  ] as const) {
    log(
      `  ${name.padEnd(9)} mean ${s.reqPerSec} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ` +
        `${s.serverCpuUsPerReq} CPU µs/req`,
    );
  }
  const ratio = round2(emulator.reqPerSec / bare.reqPerSec);
  const verdict = ratio >= targetRatio ? 'met' : 'NOT met';
  log(
    `  ratio emulator/bare = ${ratio.toFixed(2)} (target ≥ ${targetRatio.toFixed(2)}: ${verdict})`,
  );
  const quietRatio = noiseNote(log, runs);
  const cpuPerReqRatio = round2(emulator.serverCpuUsPerReq / bare.serverCpuUsPerReq);
  log(`  server CPU per request emulator/bare = ${cpuPerReqRatio.toFixed(2)}x`);
  return {
    ratio,
    targetRatio,
    quietRatio,
    cpuPerReqRatio,
    bare,
    emulator,
    runs: runs.map(roundRun),
  };
}

/**
 * Names the runs other processes disturbed and, when each side kept a quiet run,
 * the ratio over quiet runs only; `null` when there is none to give.
 */
function noiseNote(log: (line: string) => void, runs: readonly ServerRun[]): number | null {
  const noisy = runs.flatMap((r, i) => (r.otherCpu > NOISY_OTHER_CPU ? [i + 1] : []));
  if (noisy.length === 0) return null;
  log(
    `  note: other processes or steal took > ${pct(NOISY_OTHER_CPU)} of a core during run(s) ` +
      `${noisy.join(', ')}; the ratio is noisy, run again on a quiet machine`,
  );
  const quiet = runs.filter((r) => r.otherCpu <= NOISY_OTHER_CPU);
  const quietMean = (kind: ServerKind): number | undefined => {
    const mine = quiet.filter((r) => r.kind === kind).map((r) => r.reqPerSec);
    return mine.length > 0 ? mean(mine) : undefined;
  };
  const bare = quietMean('bare');
  const emulator = quietMean('emulator');
  if (bare === undefined || emulator === undefined) return null;
  const quietRatio = round2(emulator / bare);
  log(`  ratio over quiet runs only = ${quietRatio.toFixed(2)}`);
  return quietRatio;
}

const round2 = (x: number): number => Number(x.toFixed(2));

function roundRun(r: ServerRun): Record<string, unknown> {
  return {
    kind: r.kind,
    reqPerSec: Math.round(r.reqPerSec),
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    serverCpu: Number(r.serverCpu.toFixed(2)),
    serverCpuUsPerReq: Number(r.serverCpuUsPerReq.toFixed(1)),
    generatorCpu: Number(r.generatorCpu.toFixed(2)),
    otherCpu: Number(r.otherCpu.toFixed(2)),
  };
}
