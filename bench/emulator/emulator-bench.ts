// `bench/emulator`: object lookups per second through the emulator on a real
// port, against a bare node:http server answering the same bytes, measured in
// the same run. The emulator must never be what limits a benchmark.
import { defineBench } from '../support/bench.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { cpuProfileArgs } from '../support/cpu-profile.ts';
import { runLoad, type LoadOptions } from '../support/load.ts';
import { loadServer } from '../support/server-load.ts';
import type { StaticServerDetails, StaticServerInput } from '../support/static-server.ts';
import { printRun, summarizeRuns, type ServerRun } from '../support/throughput-report.ts';
import type { EmulatorServerDetails, EmulatorServerInput } from './emulator-server.ts';

type ServerKind = 'bare' | 'emulator';

/** Same autocannon settings for both servers. */
export const SETTINGS = {
  connections: 32,
  pipelining: 1,
  warmupSeconds: 2,
  durationSeconds: 8,
  /** Corpus files in the request mix, asked for by sha256, md5 and sha1 in turn. */
  idCount: 100,
  /** Alternating, so drift (thermal, noisy neighbours) hits both sides alike. */
  order: ['bare', 'emulator', 'emulator', 'bare'] as const satisfies readonly ServerKind[],
  /** The ratio the emulator should reach to be "never the bottleneck". */
  targetRatio: 0.7,
} as const;

const EMULATOR_SCRIPT = new URL('./emulator-server.ts', import.meta.url);
/** The baseline: a bare node:http server answering the emulator's bytes with its headers. */
const BARE_SCRIPT = new URL('../support/static-server.ts', import.meta.url);

/** The request mix and the exact bytes the emulator answers to each request. */
interface Workload {
  apikey: string;
  paths: string[];
  /** Path → body, with links pointing at `origin`. */
  bodies: Record<string, string>;
  origin: string;
}

interface RunningServer {
  url: string;
  /** The emulator child made its own key; the bare server ignores it. */
  apikey: string;
  child: ChildServer<unknown>;
  /** The body this server must answer to `path`. */
  expected(workload: Workload, path: string): string;
}

export const emulatorBench = defineBench({
  name: 'emulator',
  description: 'GET /api/v3/files/{id} through the emulator vs a bare node:http server',
  async run(log) {
    log(
      `emulator: GET /api/v3/files/{id} over ${SETTINGS.idCount} corpus ids (sha256/md5/sha1), ` +
        `${SETTINGS.connections} connections, pipelining ${SETTINGS.pipelining}, ` +
        `${SETTINGS.warmupSeconds} s warm-up + ${SETTINGS.durationSeconds} s measured per run`,
    );
    const workload = await captureWorkload();
    const sizes = Object.values(workload.bodies).map((b) => Buffer.byteLength(b));
    log(
      `  bodies: ${Math.min(...sizes)}–${Math.max(...sizes)} bytes, each server checked byte for byte before its run`,
    );
    const runs: ServerRun[] = [];
    for (const kind of SETTINGS.order) {
      runs.push(await measure(kind, workload));
      printRun(log, runs.at(-1)!, runs.length);
    }
    return summarizeRuns(log, runs, {
      baseline: 'bare',
      subject: 'emulator',
      targetRatio: SETTINGS.targetRatio,
    });
  },
});

/** Starts an emulator once to learn the request mix and the bytes it answers. */
async function captureWorkload(): Promise<Workload> {
  const emulator = await startEmulator();
  try {
    const { url, apikey, ids } = emulator.details;
    const paths = ids.map((id) => `/api/v3/files/${id}`);
    const bodies: Record<string, string> = {};
    for (const path of paths) bodies[path] = await fetchChecked(url, path, apikey);
    return { apikey, paths, bodies, origin: url };
  } finally {
    await emulator.stop();
  }
}

function startEmulator(): Promise<ChildServer<EmulatorServerDetails>> {
  const input: EmulatorServerInput = { idCount: SETTINGS.idCount };
  return startChildServer<EmulatorServerDetails>(EMULATOR_SCRIPT, input, {
    nodeArgs: cpuProfileArgs('emulator'),
  });
}

async function startServer(kind: ServerKind, workload: Workload): Promise<RunningServer> {
  if (kind === 'emulator') {
    const child = await startEmulator();
    const { url, apikey } = child.details;
    // A new port: the links inside the bodies name this emulator's origin.
    return { url, apikey, child, expected: (w, path) => w.bodies[path]!.replaceAll(w.origin, url) };
  }
  // The two headers the emulator sets (content-length aside); node adds Date
  // and Connection/Keep-Alive to both alike.
  const input: StaticServerInput = {
    bodies: workload.bodies,
    headers: { 'content-type': 'application/json' },
  };
  const child = await startChildServer<StaticServerDetails>(BARE_SCRIPT, input, {
    nodeArgs: cpuProfileArgs('bare'),
  });
  return {
    url: child.details.url,
    apikey: workload.apikey,
    child,
    expected: (w, path) => w.bodies[path]!,
  };
}

/** One run: start the server, check its bytes, warm it up, measure it, stop it. */
async function measure(kind: ServerKind, workload: Workload): Promise<ServerRun> {
  const server = await startServer(kind, workload);
  try {
    await checkSameBytes(kind, server, workload);
    const options = (durationSeconds: number): LoadOptions => ({
      url: server.url,
      paths: workload.paths,
      headers: { 'x-apikey': server.apikey },
      connections: SETTINGS.connections,
      pipelining: SETTINGS.pipelining,
      durationSeconds,
    });
    await runLoad(options(SETTINGS.warmupSeconds));
    return { kind, ...(await loadServer(kind, server.child, options(SETTINGS.durationSeconds))) };
  } finally {
    await server.child.stop();
  }
}

/** Every path of the mix, fetched once: same status, headers and bytes as the emulator's. */
async function checkSameBytes(
  kind: ServerKind,
  server: RunningServer,
  workload: Workload,
): Promise<void> {
  for (const path of workload.paths) {
    const body = await fetchChecked(server.url, path, server.apikey);
    if (body !== server.expected(workload, path)) {
      throw new Error(`${kind} answered ${path} with other bytes than the emulator`);
    }
  }
}

/**
 * One GET with the checks that make the two servers comparable: 200,
 * `application/json`, a content-length, no content-encoding. Node's fetch
 * sends `User-Agent: node`, so the emulator's gzip (UA must contain "gzip") stays off.
 */
async function fetchChecked(origin: string, path: string, apikey: string): Promise<string> {
  const res = await fetch(`${origin}${path}`, { headers: { 'x-apikey': apikey } });
  const body = await res.text();
  const type = res.headers.get('content-type');
  const length = res.headers.get('content-length');
  if (res.status !== 200 || type !== 'application/json' || res.headers.has('content-encoding')) {
    throw new Error(`GET ${path}: ${res.status} ${type ?? ''}: ${body.slice(0, 200)}`);
  }
  if (length !== String(Buffer.byteLength(body))) {
    throw new Error(
      `GET ${path}: content-length ${length ?? 'missing'} for a ${body.length}-byte body`,
    );
  }
  return body;
}
