// One measured load run against a server in a child process: autocannon's
// numbers plus what the run cost the server (its CPU per request) and how
// busy the rest of the machine was meanwhile (noise).
import type { ChildServer } from './child-server.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';

export interface ServerLoadResult extends LoadResult {
  /** CPU the server process used during the run, as a share of one core. */
  serverCpu: number;
  /** Server CPU time per answered request, in µs. */
  serverCpuUsPerReq: number;
  /** CPU other processes, or the hypervisor (steal), took meanwhile, in cores: noise. */
  otherCpu: number;
}

/**
 * Runs the load; fails unless every answer was a 2xx (a bench must not measure
 * errors). `upstreams`: other children the server calls (an emulator behind a
 * proxy): their CPU is part of the run, not noise.
 */
export async function loadServer(
  label: string,
  server: ChildServer<unknown>,
  options: LoadOptions,
  upstreams: readonly ChildServer<unknown>[] = [],
): Promise<ServerLoadResult> {
  const cpuBefore = await server.cpuMicros();
  const upstreamCpu = (): Promise<number> =>
    Promise.all(upstreams.map((u) => u.cpuMicros())).then((us) => us.reduce((a, b) => a + b, 0));
  const upstreamBefore = await upstreamCpu();
  const wallBefore = performance.now();
  const machineShare = startCpuMeter();
  const result = await runLoad(options);
  const machine = machineShare();
  const serverCpuUs = (await server.cpuMicros()) - cpuBefore;
  const wallUs = (performance.now() - wallBefore) * 1000;
  const serverCpu = serverCpuUs / wallUs;
  const upstreamShare = ((await upstreamCpu()) - upstreamBefore) / wallUs;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${label}: ${result.non2xx} non-2xx answers and ${result.errors} errors; a bench must see only 200s`,
    );
  }
  return {
    ...result,
    serverCpu,
    serverCpuUsPerReq: serverCpuUs / result.requests,
    otherCpu:
      Math.max(0, machine.busyCores - serverCpu - upstreamShare - result.generatorCpu) +
      machine.stealCores,
  };
}
