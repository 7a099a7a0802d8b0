// Runs the vtbroker CLI as an operator does, in its own node process, without
// blocking this one (the emulator in this process answers it meanwhile).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const VTBROKER_BIN = resolve(import.meta.dirname, '../../packages/broker/bin/vtbroker.js');

export interface CliResult {
  /** The exit code; null when a signal ended it. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [VTBROKER_BIN, ...args],
      { env: options.env, cwd: options.cwd, timeout: options.timeoutMs ?? 30_000 },
      (error, stdout, stderr) => {
        const failed = error as { code?: number; signal?: string } | null;
        done({
          code: failed ? (failed.code ?? null) : 0,
          signal: failed?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

export interface CliWorkspace {
  dir: string;
  /** The CLI with this workspace's vtbroker.yaml, HOME in it, and `env` added. */
  run(
    args: readonly string[],
    options?: { stdin?: string; env?: NodeJS.ProcessEnv },
  ): Promise<CliResult>;
  close(): void;
}

/**
 * A temporary directory with a vtbroker.yaml: SQLite store and master key file in
 * it, the emulator at `upstreamUrl` as VirusTotal, errors-only logs, and `extra`
 * YAML lines after them.
 */
export function cliWorkspace(upstreamUrl: string, extra: readonly string[] = []): CliWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'vtb-cli-'));
  const config = join(dir, 'vtbroker.yaml');
  writeFileSync(
    config,
    [
      'storage:\n  sqlitePath: store.sqlite',
      'security:\n  masterKeyFile: master.key',
      `upstream:\n  baseUrl: ${upstreamUrl}\n  reconcileSeconds: 0`,
      'logging:\n  level: error',
      ...extra,
    ].join('\n'),
  );
  return {
    dir,
    run: (args, options = {}) =>
      runCli([...args, '--config', config], {
        cwd: dir,
        env: { PATH: process.env['PATH'], HOME: dir, ...options.env },
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      }),
    close: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
