// Runs the vtbroker CLI as an operator does, in its own node process, without
// blocking this one (the emulator in this process answers it meanwhile).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

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
