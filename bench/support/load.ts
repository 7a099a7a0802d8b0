// Load generation with autocannon, used programmatically: a closed loop of
// `connections` keep-alive connections cycling through `paths` (or picking
// one at random for each request).
import autocannon from 'autocannon';

export interface LoadOptions {
  /** Origin only, e.g. `http://127.0.0.1:41234`; 127.0.0.1 in every bench. */
  url: string;
  /** Request paths, cycled in order by every connection. */
  paths: readonly string[];
  /**
   * Each request picks a path at random instead: connections that cycle in
   * step ask for the same path at the same time, which a server may coalesce.
   */
  randomOrder?: boolean;
  headers: Record<string, string>;
  connections: number;
  pipelining: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Mean of the per-second request counts. */
  reqPerSec: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** CPU this process (the load generator) used, as a share of one core. */
  generatorCpu: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: options.pipelining,
    duration: options.durationSeconds,
    headers: options.headers,
    requests: options.randomOrder
      ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pick(options.paths) }) }]
      : options.paths.map((path) => ({ method: 'GET', path })),
  });
  const cpu = process.cpuUsage(cpuStart);
  const wallUs = (performance.now() - wallStart) * 1000;
  return {
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    generatorCpu: (cpu.user + cpu.system) / wallUs,
  };
}

const pick = (paths: readonly string[]): string => paths[Math.floor(Math.random() * paths.length)]!;
