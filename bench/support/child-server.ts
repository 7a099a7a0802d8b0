// Runs a server in its own node process (node strips the types of the .ts
// script), so that the load generator in this process never shares a CPU
// thread with it. The protocol is in `child-protocol.ts`. Every child is
// killed when this process exits, fails or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ChildServer<D> {
  /** What the child announced once listening, e.g. `{ url }`. */
  readonly details: D;
  readonly pid: number;
  /** User + system CPU time the child has used so far, in µs. */
  cpuMicros(): Promise<number>;
  /** Closes the child's stdin (it exits cleanly, writing any `--cpu-prof`), then kills it if slow. */
  stop(): Promise<void>;
}

export interface StartChildOptions {
  /** Extra node flags, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']`. */
  nodeArgs?: readonly string[];
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
let cleanupInstalled = false;

/** Kills every child still running; safe to call more than once. */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killChildren();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export async function startChildServer<D>(
  script: URL,
  input: unknown,
  options: StartChildOptions = {},
): Promise<ChildServer<D>> {
  installCleanup();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), fileURLToPath(script)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  // A child that died makes writes to its stdin fail; its exit is reported below.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const nextLine = lineReader(child, script);
  try {
    child.stdin.write(`${JSON.stringify(input)}\n`);
    const details = JSON.parse(await nextLine(options.startTimeoutMs ?? 10_000)) as D;
    return {
      details,
      pid: child.pid!,
      async cpuMicros() {
        child.stdin.write('{"cmd":"cpu"}\n');
        return (JSON.parse(await nextLine(2_000)) as { cpuUs: number }).cpuUs;
      },
      async stop() {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), options.stopTimeoutMs ?? 5_000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Lines the child prints, one at a time, failing if it exits or stays silent too long. */
function lineReader(child: ChildProcess, script: URL): (timeoutMs: number) => Promise<string> {
  const queued: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let ended: Error | undefined;
  createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(line);
    else queued.push(line);
  });
  const fail = (error: Error): void => {
    ended ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(ended);
  };
  child.once('error', fail);
  child.once('exit', (code, signal) => {
    fail(new Error(`${script.pathname} exited (code ${code}, signal ${signal}) before answering`));
  });
  return (timeoutMs) => {
    const line = queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended) return Promise.reject(ended);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (l: string) => {
          clearTimeout(timer);
          resolve(l);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`${script.pathname} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.push(waiter);
    });
  };
}

/** `startChildServer`, for a child that `withChildServers` stops. */
export type StartChild = <D>(
  script: URL,
  input: unknown,
  options?: StartChildOptions,
) => Promise<ChildServer<D>>;

/** Runs `body`; every child it starts is stopped (last first) when it ends, however it ends. */
export async function withChildServers<T>(body: (start: StartChild) => Promise<T>): Promise<T> {
  const started: ChildServer<unknown>[] = [];
  const start: StartChild = async <D>(script: URL, input: unknown, options?: StartChildOptions) => {
    const child = await startChildServer<D>(script, input, options);
    started.push(child);
    return child;
  };
  try {
    return await body(start);
  } finally {
    for (const child of started.reverse()) await child.stop();
  }
}
