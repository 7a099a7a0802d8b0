// How a throughput bench prints its runs — a subject server against a
// baseline, measured alternately in the same run — and sums them up: the
// req/s ratio, the CPU-per-request ratio, and which runs were noisy.
import type { BenchSummary } from './bench.ts';
import type { ServerLoadResult } from './server-load.ts';
import { mean } from './stats.ts';

export interface ServerRun extends ServerLoadResult {
  /** Which server ran, e.g. `bare` or `broker`. */
  kind: string;
}

export interface Comparison {
  baseline: string;
  subject: string;
  /** The subject/baseline req/s ratio the subject should reach; none: no verdict. */
  targetRatio?: number;
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
export const NOISY_OTHER_CPU = 0.2;

export const row = (cells: readonly string[], widths: readonly number[] = WIDTHS): string =>
  `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 8)).join(' ')}`.trimEnd();
export const pct = (share: number): string => `${Math.round(share * 100)}%`;
export const round2 = (x: number): number => Number(x.toFixed(2));

/** Prints one run as a table row (the header first, before run 1). */
export function printRun(log: (line: string) => void, run: ServerRun, runNo: number): void {
  if (runNo === 1) log(row(COLUMNS));
  log(
    row([
      String(runNo),
      run.kind,
      String(Math.round(run.reqPerSec)),
      String(run.p50Ms),
      String(run.p99Ms),
      pct(run.serverCpu),
      run.serverCpuUsPerReq.toFixed(1),
      pct(run.generatorCpu),
      pct(run.otherCpu),
    ]),
  );
}

interface SideSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpu: number;
  serverCpuUsPerReq: number;
}

function side(runs: readonly ServerRun[], kind: string): SideSummary {
  const mine = runs.filter((r) => r.kind === kind);
  const avg = (pick: (r: ServerRun) => number): number => mean(mine.map(pick));
  return {
    reqPerSec: Math.round(avg((r) => r.reqPerSec)),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    serverCpu: round2(avg((r) => r.serverCpu)),
    serverCpuUsPerReq: Number(avg((r) => r.serverCpuUsPerReq).toFixed(1)),
  };
}

/** Prints each side's means and the ratios; returns the machine-readable summary. */
export function summarizeRuns(
  log: (line: string) => void,
  runs: readonly ServerRun[],
  comparison: Comparison,
): BenchSummary {
  const { baseline, subject, targetRatio } = comparison;
  const base = side(runs, baseline);
  const subj = side(runs, subject);
  for (const [name, s] of [
    [baseline, base],
    [subject, subj],
  ] as const) {
    log(
      `  ${name.padEnd(9)} mean ${s.reqPerSec} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ` +
        `${s.serverCpuUsPerReq} CPU µs/req`,
    );
  }
  const ratio = round2(subj.reqPerSec / base.reqPerSec);
  const verdict =
    targetRatio === undefined
      ? ''
      : ` (target ≥ ${targetRatio.toFixed(2)}: ${ratio >= targetRatio ? 'met' : 'NOT met'})`;
  log(`  ratio ${subject}/${baseline} = ${ratio.toFixed(2)}${verdict}`);
  const quietRatio = noiseNote(log, runs, comparison);
  const cpuPerReqRatio = round2(subj.serverCpuUsPerReq / base.serverCpuUsPerReq);
  log(`  server CPU per request ${subject}/${baseline} = ${cpuPerReqRatio.toFixed(2)}x`);
  return {
    ratio,
    targetRatio: targetRatio ?? null,
    quietRatio,
    cpuPerReqRatio,
    [baseline]: base,
    [subject]: subj,
    runs: runs.map(roundRun),
  };
}

/**
 * Names the runs other processes disturbed and, when each side kept a quiet run,
 * the ratio over quiet runs only; `null` when there is none to give.
 */
function noiseNote(
  log: (line: string) => void,
  runs: readonly ServerRun[],
  { baseline, subject }: Comparison,
): number | null {
  const noisy = runs.flatMap((r, i) => (r.otherCpu > NOISY_OTHER_CPU ? [i + 1] : []));
  if (noisy.length === 0) return null;
  log(
    `  note: other processes or steal took > ${pct(NOISY_OTHER_CPU)} of a core during run(s) ` +
      `${noisy.join(', ')}; the ratio is noisy, run again on a quiet machine`,
  );
  const quiet = runs.filter((r) => r.otherCpu <= NOISY_OTHER_CPU);
  const quietMean = (kind: string): number | undefined => {
    const mine = quiet.filter((r) => r.kind === kind).map((r) => r.reqPerSec);
    return mine.length > 0 ? mean(mine) : undefined;
  };
  const base = quietMean(baseline);
  const subj = quietMean(subject);
  if (base === undefined || subj === undefined) return null;
  const quietRatio = round2(subj / base);
  log(`  ratio over quiet runs only = ${quietRatio.toFixed(2)}`);
  return quietRatio;
}

function roundRun(r: ServerRun): Record<string, unknown> {
  return {
    kind: r.kind,
    reqPerSec: Math.round(r.reqPerSec),
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    serverCpu: round2(r.serverCpu),
    serverCpuUsPerReq: Number(r.serverCpuUsPerReq.toFixed(1)),
    generatorCpu: round2(r.generatorCpu),
    otherCpu: round2(r.otherCpu),
  };
}
