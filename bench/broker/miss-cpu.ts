// Part 3 of `bench/broker`: what a cache miss costs the broker in CPU, under
// load (a per-request CPU time is only steady when the process is busy; one
// request at a time, the kernel's tick-based accounting makes it noise). The
// baseline is the bare proxy: the same upstream hop with nothing else.
import type { BenchSummary } from '../support/bench.ts';
import type { ChildServer } from '../support/child-server.ts';
import { loadServer } from '../support/server-load.ts';
import { printRun, summarizeRuns, type ServerRun } from '../support/throughput-report.ts';
import { cacheOutcomes } from './cache-outcomes.ts';

export interface MissCpuSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export async function measureMissCpu(
  log: (line: string) => void,
  settings: MissCpuSettings,
  servers: {
    emulator: { child: ChildServer<unknown> };
    proxy: { child: ChildServer<unknown>; url: string };
    broker: { child: ChildServer<unknown>; url: string; token: string };
  },
  paths: readonly string[],
): Promise<BenchSummary> {
  log(
    `  miss CPU: ${settings.connections} connections, each request for one of ${paths.length} files at random, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per server`,
  );
  const headers = { 'x-apikey': servers.broker.token, 'cache-control': 'no-cache' };
  const runs: ServerRun[] = [];
  let coalesced = 0;
  for (const kind of ['proxy', 'broker'] as const) {
    const server = servers[kind];
    const load = (durationSeconds: number) =>
      loadServer(
        kind,
        server.child,
        {
          url: server.url,
          paths,
          randomOrder: true,
          headers,
          connections: settings.connections,
          pipelining: 1,
          durationSeconds,
        },
        [servers.emulator.child],
      );
    await load(settings.warmupSeconds);
    const before = await cacheOutcomes(servers.broker.url);
    runs.push({ kind, ...(await load(settings.durationSeconds)) });
    const after = await cacheOutcomes(servers.broker.url);
    if (kind === 'broker') coalesced = (after['hit'] ?? 0) - (before['hit'] ?? 0);
    printRun(log, runs.at(-1)!, runs.length);
  }
  const brokerRun = runs.at(-1)!;
  log(
    `  ${coalesced} of the broker's ${brokerRun.requests} answers shared a call already in flight (coalesced)`,
  );
  return { ...summarizeRuns(log, runs, { baseline: 'proxy', subject: 'broker' }), coalesced };
}
