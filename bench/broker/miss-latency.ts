// Part 2 of `bench/broker`: the latency a cache MISS adds over calling the
// emulator directly. One client (node's fetch, keep-alive) takes turns: GET a
// file from the emulator with the emulator key (direct), the same GET through
// a bare node proxy (the cost of any extra hop), and through the broker with
// the broker token and `Cache-Control: no-cache`, so that it goes upstream
// every time. Taking turns puts all three under the same machine noise.
import type { BenchSummary } from '../support/bench.ts';
import type { ChildServer } from '../support/child-server.ts';
import { startCpuMeter } from '../support/cpu-meter.ts';
import { mean, percentile } from '../support/stats.ts';
import { NOISY_OTHER_CPU, pct, round2, row } from '../support/throughput-report.ts';
import { cacheOutcomes } from './cache-outcomes.ts';

export interface MissSettings {
  /** Rounds (one request on each path) run first and not counted. */
  warmupRounds: number;
  rounds: number;
  /** Broker p99 minus direct p99, in ms, at most. */
  targetAddedP99Ms: number;
}

export interface MissTargets {
  emulator: { child: ChildServer<unknown>; url: string; apikey: string };
  proxy: { child: ChildServer<unknown>; url: string };
  broker: { child: ChildServer<unknown>; url: string; token: string };
  /** Request paths, cycled. */
  paths: readonly string[];
}

type SideName = 'direct' | 'proxy' | 'broker';

interface Side {
  name: SideName;
  origin: string;
  headers: Record<string, string>;
}

/** One GET read to its last byte, in ms; anything but a 200 (and a MISS through the broker) fails. */
async function timedGet(side: Side, path: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const res = await fetch(`${side.origin}${path}`, { headers: side.headers });
  const body = await res.text();
  const ms = performance.now() - start;
  if (res.status !== 200) {
    throw new Error(`${side.name} GET ${path}: ${res.status}: ${body.slice(0, 200)}`);
  }
  if (side.name === 'broker' && res.headers.get('x-cache') !== 'MISS') {
    const seen = res.headers.get('x-cache') ?? 'missing';
    throw new Error(`broker GET ${path}: x-cache ${seen}, expected MISS`);
  }
  return { ms, body };
}

/** `count` rounds; in each, every side asks for the same path, one after the other. */
async function runRounds(
  sides: readonly Side[],
  paths: readonly string[],
  count: number,
): Promise<number[][]> {
  const samples = sides.map((): number[] => []);
  for (let i = 0; i < count; i++) {
    const path = paths[i % paths.length]!;
    for (const [s, side] of sides.entries()) samples[s]!.push((await timedGet(side, path)).ms);
  }
  return samples;
}

/** The proxy passes the emulator's bytes on; the broker's point their links at the broker. */
async function checkSameAnswers(sides: readonly Side[], path: string): Promise<void> {
  const [direct, ...others] = sides;
  const expected = (await timedGet(direct!, path)).body;
  for (const side of others) {
    const body = (await timedGet(side, path)).body;
    const own =
      side.name === 'broker'
        ? expected.replaceAll(`${direct!.origin}/api/v3`, `${side.origin}/api/v3`)
        : expected;
    if (body !== own) throw new Error(`${side.name} answered ${path} with other bytes`);
  }
}

interface Distribution {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

const round3 = (x: number): number => Number(x.toFixed(3));

const distribution = (ms: readonly number[]): Distribution => ({
  p50Ms: round3(percentile(ms, 50)),
  p90Ms: round3(percentile(ms, 90)),
  p99Ms: round3(percentile(ms, 99)),
  maxMs: round3(Math.max(...ms)),
  meanMs: round3(mean(ms)),
});

const WIDTHS = [16, 8, 8, 8, 8, 8];

function printDistributions(
  log: (line: string) => void,
  rows: readonly (readonly [string, Partial<Distribution>])[],
): void {
  log(row(['path', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'mean ms'], WIDTHS));
  for (const [name, d] of rows) {
    const cells = [d.p50Ms, d.p90Ms, d.p99Ms, d.maxMs, d.meanMs].map((x) =>
      x === undefined ? '' : x.toFixed(3),
    );
    log(row([name, ...cells], WIDTHS));
  }
}

const minus = (
  a: Distribution,
  b: Distribution,
): Pick<Distribution, 'p50Ms' | 'p90Ms' | 'p99Ms'> => ({
  p50Ms: round3(a.p50Ms - b.p50Ms),
  p90Ms: round3(a.p90Ms - b.p90Ms),
  p99Ms: round3(a.p99Ms - b.p99Ms),
});

/** The counted rounds, with how busy the rest of the machine was meanwhile (cores). */
async function measuredRounds(
  sides: readonly Side[],
  { emulator, proxy, broker, paths }: MissTargets,
  rounds: number,
): Promise<{ samples: number[][]; otherCpu: number }> {
  const children = [emulator.child, proxy.child, broker.child];
  const childCpu = (): Promise<number> =>
    Promise.all(children.map((c) => c.cpuMicros())).then((us) => us.reduce((a, b) => a + b, 0));
  const missesBefore = (await cacheOutcomes(broker.url))['miss'] ?? 0;
  const childBefore = await childCpu();
  const generatorBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const machineShare = startCpuMeter();
  const samples = await runRounds(sides, paths, rounds);
  const machine = machineShare();
  const wallUs = (performance.now() - wallBefore) * 1000;
  const generator = process.cpuUsage(generatorBefore);
  const oursUs = generator.user + generator.system + (await childCpu()) - childBefore;
  const misses = ((await cacheOutcomes(broker.url))['miss'] ?? 0) - missesBefore;
  if (misses !== rounds) {
    throw new Error(`the broker counted ${misses} misses for ${rounds} no-cache requests`);
  }
  const otherCpu = round2(Math.max(0, machine.busyCores - oursUs / wallUs) + machine.stealCores);
  return { samples, otherCpu };
}

export async function measureMissLatency(
  log: (line: string) => void,
  settings: MissSettings,
  targets: MissTargets,
): Promise<BenchSummary> {
  log(
    `  miss latency: ${settings.rounds} rounds of direct → proxy → broker (Cache-Control: no-cache), ` +
      `one keep-alive connection each, after ${settings.warmupRounds} warm-up rounds`,
  );
  const { emulator, proxy, broker, paths } = targets;
  const brokerHeaders = { 'x-apikey': broker.token, 'cache-control': 'no-cache' };
  const sides: Side[] = [
    { name: 'direct', origin: emulator.url, headers: { 'x-apikey': emulator.apikey } },
    { name: 'proxy', origin: proxy.url, headers: brokerHeaders },
    { name: 'broker', origin: broker.url, headers: brokerHeaders },
  ];
  for (const path of paths) await checkSameAnswers(sides, path);
  await runRounds(sides, paths, settings.warmupRounds);
  const { samples, otherCpu } = await measuredRounds(sides, targets, settings.rounds);
  const [direct, viaProxy, brokerDist] = samples.map(distribution) as [
    Distribution,
    Distribution,
    Distribution,
  ];
  const added = minus(brokerDist, direct);
  const hop = minus(viaProxy, direct);
  printDistributions(log, [
    ['direct', direct],
    ['proxy', viaProxy],
    ['broker', brokerDist],
    ['added by proxy', hop],
    ['added by broker', added],
  ]);
  const verdict = added.p99Ms <= settings.targetAddedP99Ms ? 'met' : 'NOT met';
  log(
    `  added by a broker miss: p50 ${added.p50Ms.toFixed(2)} ms, p99 ${added.p99Ms.toFixed(2)} ms ` +
      `(target p99 ≤ ${settings.targetAddedP99Ms} ms: ${verdict}); a bare proxy hop adds ` +
      `p50 ${hop.p50Ms.toFixed(2)} ms, p99 ${hop.p99Ms.toFixed(2)} ms; other CPU ${pct(otherCpu)}`,
  );
  if (otherCpu > NOISY_OTHER_CPU) {
    log(
      `  note: other processes or steal took > ${pct(NOISY_OTHER_CPU)} of a core; ` +
        'the tail (p99) is noisy, run again on a quiet machine',
    );
  }
  return {
    addedP50Ms: added.p50Ms,
    addedP99Ms: added.p99Ms,
    targetAddedP99Ms: settings.targetAddedP99Ms,
    proxyAddedP50Ms: hop.p50Ms,
    proxyAddedP99Ms: hop.p99Ms,
    direct,
    proxy: viaProxy,
    broker: brokerDist,
    rounds: settings.rounds,
    otherCpu,
  };
}
