// `bench/broker`: (1) cache-hit lookups per second through the broker against a
// bare node:http server answering the same bytes; (2) the latency a cache miss
// adds over calling the emulator directly, beside a bare proxy hop; (3) what a
// miss costs the broker in CPU, against that bare proxy. Emulator, broker and
// baselines each run in their own node process; the load comes from this one.
import type { BenchSummary } from '../support/bench.ts';
import { defineBench } from '../support/bench.ts';
import { withChildServers } from '../support/child-server.ts';
import { cpuProfileArgs } from '../support/cpu-profile.ts';
import type { EmulatorServerDetails, EmulatorServerInput } from '../emulator/emulator-server.ts';
import type { BareProxyDetails, BareProxyInput } from './bare-proxy.ts';
import type { BrokerServerDetails, BrokerServerInput } from './broker-server.ts';
import { measureHits, type HitSettings } from './hit-throughput.ts';
import { warmBroker } from './hit-workload.ts';
import { measureMissCpu, type MissCpuSettings } from './miss-cpu.ts';
import { measureMissLatency, type MissSettings } from './miss-latency.ts';

export const SETTINGS = {
  /** Corpus files in the hit mix, asked for by sha256, md5 and sha1 in turn. */
  idCount: 100,
  /** Corpus files the miss CPU run picks from at random (few coalesced calls). */
  missIdCount: 1000,
  hits: {
    connections: 32,
    pipelining: 1,
    warmupSeconds: 2,
    durationSeconds: 5,
    order: ['bare', 'broker', 'broker', 'bare'],
    targetRatio: 0.6,
  } satisfies HitSettings,
  missLatency: { warmupRounds: 300, rounds: 3000, targetAddedP99Ms: 2 } satisfies MissSettings,
  missCpu: { connections: 16, warmupSeconds: 1, durationSeconds: 3 } satisfies MissCpuSettings,
} as const;

/** The emulator bench's child: the emulator with a premium key whose quotas are lifted. */
const EMULATOR_SCRIPT = new URL('../emulator/emulator-server.ts', import.meta.url);
const BROKER_SCRIPT = new URL('./broker-server.ts', import.meta.url);
const PROXY_SCRIPT = new URL('./bare-proxy.ts', import.meta.url);

const PARTS = ['hits', 'misses'] as const;
type Part = (typeof PARTS)[number];

/** `VTB_BENCH_BROKER_PART=hits|misses` runs one part only (to profile it alone). */
function partsToRun(): readonly Part[] {
  const only = process.env['VTB_BENCH_BROKER_PART'];
  if (only === undefined || only === '') return PARTS;
  const part = PARTS.find((p) => p === only);
  if (!part) throw new Error(`VTB_BENCH_BROKER_PART must be "hits" or "misses", got "${only}"`);
  return [part];
}

export const brokerBench = defineBench({
  name: 'broker',
  description: 'cache hits/s through the broker vs a bare server; what a miss adds (latency, CPU)',
  async run(log) {
    const parts = partsToRun();
    log(
      `broker: GET /api/v3/files/{id} over ${SETTINGS.idCount} corpus ids (sha256/md5/sha1); ` +
        'memory drivers, one premium upstream key, a token with scope lookup and no quota',
    );
    return withChildServers(async (start) => {
      const emulatorInput: EmulatorServerInput = { idCount: SETTINGS.missIdCount };
      const emulator = await start<EmulatorServerDetails>(EMULATOR_SCRIPT, emulatorInput, {
        nodeArgs: cpuProfileArgs('emulator'),
      });
      const { url: upstreamUrl, apikey, ids } = emulator.details;
      const upstream: BrokerServerInput & BareProxyInput = { upstreamUrl, apikey };
      const broker = await start<BrokerServerDetails>(BROKER_SCRIPT, upstream, {
        nodeArgs: cpuProfileArgs('broker'),
      });
      const proxy = await start<BareProxyDetails>(PROXY_SCRIPT, upstream, {
        nodeArgs: cpuProfileArgs('proxy'),
      });
      const b = { child: broker, ...broker.details };
      const p = { child: proxy, ...proxy.details };
      const allPaths = ids.map((id) => `/api/v3/files/${id}`);
      const paths = allPaths.slice(0, SETTINGS.idCount);
      const summary: Record<string, BenchSummary> = {};
      if (parts.includes('hits')) {
        const workload = await warmBroker(b.url, b.token, paths);
        const sizes = Object.values(workload.bodies).map((body) => Buffer.byteLength(body));
        log(
          `  bodies: ${Math.min(...sizes)}–${Math.max(...sizes)} bytes; the baseline is checked byte for byte`,
        );
        summary['hits'] = await measureHits(log, SETTINGS.hits, b, workload);
      }
      if (parts.includes('misses')) {
        const e = { child: emulator, url: upstreamUrl, apikey };
        const targets = { emulator: e, proxy: p, broker: b, paths };
        summary['missLatency'] = await measureMissLatency(log, SETTINGS.missLatency, targets);
        summary['missCpu'] = await measureMissCpu(log, SETTINGS.missCpu, targets, allPaths);
      }
      return summary;
    });
  },
});
