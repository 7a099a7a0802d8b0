// Part 1 of `bench/broker`: cache-hit lookups per second through the broker,
// against a bare node:http server answering the same bytes, in alternating
// runs of the same autocannon load.
import type { BenchSummary } from '../support/bench.ts';
import type { ChildServer } from '../support/child-server.ts';
import { startChildServer } from '../support/child-server.ts';
import { cpuProfileArgs } from '../support/cpu-profile.ts';
import { loadServer } from '../support/server-load.ts';
import type { StaticServerDetails, StaticServerInput } from '../support/static-server.ts';
import { printRun, summarizeRuns, type ServerRun } from '../support/throughput-report.ts';
import { cacheOutcomes } from './cache-outcomes.ts';
import { checkSameBytes, type HitWorkload } from './hit-workload.ts';

export interface HitSettings {
  connections: number;
  pipelining: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Alternating, so drift (thermal, noisy neighbours) hits both sides alike. */
  order: readonly ('bare' | 'broker')[];
  targetRatio: number;
}

const STATIC_SCRIPT = new URL('../support/static-server.ts', import.meta.url);

export async function measureHits(
  log: (line: string) => void,
  settings: HitSettings,
  broker: { child: ChildServer<unknown>; url: string; token: string },
  workload: HitWorkload,
): Promise<BenchSummary> {
  log(
    `  hits: ${settings.connections} connections, pipelining ${settings.pipelining}, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per run`,
  );
  const input: StaticServerInput = { bodies: workload.bodies, headers: workload.headers };
  const bare = await startChildServer<StaticServerDetails>(STATIC_SCRIPT, input, {
    nodeArgs: cpuProfileArgs('bare'),
  });
  try {
    await checkSameBytes('bare', bare.details.url, broker.token, workload);
    const missesBefore = (await cacheOutcomes(broker.url))['miss'] ?? 0;
    const runs: ServerRun[] = [];
    for (const kind of settings.order) {
      const server = kind === 'bare' ? { child: bare, url: bare.details.url } : broker;
      const load = (durationSeconds: number) =>
        loadServer(kind, server.child, {
          url: server.url,
          paths: workload.paths,
          headers: { 'x-apikey': broker.token },
          connections: settings.connections,
          pipelining: settings.pipelining,
          durationSeconds,
        });
      await load(settings.warmupSeconds);
      runs.push({ kind, ...(await load(settings.durationSeconds)) });
      printRun(log, runs.at(-1)!, runs.length);
    }
    const misses = ((await cacheOutcomes(broker.url))['miss'] ?? 0) - missesBefore;
    if (misses !== 0)
      throw new Error(`the broker answered ${misses} cache misses during the hit runs`);
    return summarizeRuns(log, runs, {
      baseline: 'bare',
      subject: 'broker',
      targetRatio: settings.targetRatio,
    });
  } finally {
    await bare.stop();
  }
}
