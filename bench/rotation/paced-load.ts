// An open-loop load at a fixed rate (a request leaves on schedule whatever the
// answers before it are doing), tagged with the phase it left in, and the
// per-phase report: requests, failures, latency percentiles, and each phase's
// p99 over the first phase's (the baseline, measured in the same run).
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../support/stats.ts';

export interface Phase {
  name: string;
  /** Started when the phase begins; the load goes on while it runs. */
  action: () => Promise<void>;
  /** How long the phase lasts once its action is done. */
  holdMs: number;
}

export interface Sample {
  phase: string;
  status: number;
  ms: number;
}

export interface LoadOptions {
  url: string;
  tokens: readonly string[];
  ids: readonly string[];
  ratePerSecond: number;
  phases: readonly Phase[];
}

/** Odd requests are hits (a tenth of the ids, asked again and again), even ones misses. */
async function one(o: LoadOptions, i: number, phase: string): Promise<Sample> {
  const miss = i % 2 === 0;
  const hot = Math.max(1, Math.floor(o.ids.length / 10));
  const id = o.ids[miss ? i % o.ids.length : i % hot] ?? '';
  const headers: Record<string, string> = { 'x-apikey': o.tokens[i % o.tokens.length] ?? '' };
  if (miss) headers['cache-control'] = 'no-cache';
  const started = performance.now();
  try {
    const res = await fetch(`${o.url}/api/v3/files/${id}`, { headers });
    await res.arrayBuffer();
    return { phase, status: res.status, ms: performance.now() - started };
  } catch {
    return { phase, status: 0, ms: performance.now() - started };
  }
}

export async function runLoad(o: LoadOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  const inflight = new Set<Promise<void>>();
  let phase = o.phases[0]?.name ?? 'load';
  let stopping = false;
  const gapMs = 1000 / o.ratePerSecond;
  const startedAt = performance.now();
  const sender = (async () => {
    for (let i = 0; !stopping; i++) {
      const wait = startedAt + i * gapMs - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = one(o, i, phase).then((sample) => {
        samples.push(sample);
      });
      inflight.add(sent);
      void sent.finally(() => inflight.delete(sent));
    }
  })();
  for (const p of o.phases) {
    phase = p.name;
    await p.action();
    await sleep(p.holdMs);
  }
  stopping = true;
  await sender;
  await Promise.all(inflight);
  return samples;
}

export function phaseReport(samples: readonly Sample[]) {
  const names = [...new Set(samples.map((s) => s.phase))];
  const stats = names.map((name) => {
    const mine = samples.filter((s) => s.phase === name);
    const ms = mine.map((s) => s.ms);
    return {
      phase: name,
      requests: mine.length,
      failed: mine.filter((s) => s.status !== 200).length,
      p50Ms: round(percentile(ms, 50)),
      p99Ms: round(percentile(ms, 99)),
      maxMs: round(Math.max(...ms)),
    };
  });
  const base = stats[0]?.p99Ms ?? 0;
  const failed = stats.reduce((n, s) => n + s.failed, 0);
  const lines = [
    `  phase            requests  failed  p50 ms   p99 ms   max ms   p99 vs ${names[0] ?? 'first'}`,
    ...stats.map(
      (s) =>
        `  ${s.phase.padEnd(16)} ${String(s.requests).padStart(8)}  ${String(s.failed).padStart(6)}  ${fixed(s.p50Ms)}  ${fixed(s.p99Ms)}  ${fixed(s.maxMs)}  ${base > 0 ? `${(s.p99Ms / base).toFixed(2)}x` : '-'}`,
    ),
    `  failed consumer requests: ${failed} of ${samples.length} (target 0${failed === 0 ? ': met' : ': NOT met'})`,
  ];
  return { lines, summary: { requests: samples.length, failed, phases: stats } };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const fixed = (n: number) => n.toFixed(3).padStart(7);
