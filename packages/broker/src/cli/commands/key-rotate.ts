// `vtbroker key rotate | rollback | status`: the key update runbook's commands
// (docs/rotation.md). The new key comes from stdin or a file, never argv; every
// step is printed as it commits, and a refusal prints the test report.
import type { Rotation } from '../../store/model.ts';
import type { KeyReport } from '../../rotation/key-report.ts';
import { RotationError } from '../../rotation/rotation-error.ts';
import type { CredentialStatus } from '../../rotation/key-status.ts';
import { isoOrDash, printJson, table } from '../output.ts';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { readKeyFile, readStdin } from './key-input.ts';

export interface RotateArgs {
  name: string;
  file?: string | undefined;
  fromStore?: string | undefined;
  resume: boolean;
  force: boolean;
  finishNow: boolean;
  overlapHours?: string | undefined;
  serviceAccount: boolean;
  group?: string | undefined;
  accountName?: string | undefined;
  json: boolean;
  config?: string | undefined;
}

const STEP_DONE: Record<string, string> = {
  create: 'created the new key version (pending)',
  promote: 'promoted: the new key is current, the old one a fallback',
  finish: 'finished: the old key is retired (secret wiped)',
};

/**
 * Test hooks (the crash test, test/e2e/rotation-crash.test.ts): `VTB_TEST_KILL_AFTER_STEP=promote`
 * kills this process right after that step commits, `VTB_TEST_KILL_BEFORE_COMMIT=install` after
 * its outside work (VT, the sinks) and before it commits.
 */
function killAt(variable: string, step: string): void {
  if (process.env[variable] === step) process.kill(process.pid, 'SIGKILL');
}

export async function rotate(args: RotateArgs): Promise<number> {
  const overlapMs = overlapOf(args.overlapHours);
  const apiKey =
    args.resume || args.serviceAccount || args.fromStore !== undefined
      ? undefined
      : args.file
        ? await readKeyFile(args.file, `vtbroker key rotate ${args.name} --file new-key.txt`)
        : await readStdin(`vtbroker key rotate ${args.name} < new-key.txt`);
  const say = (line: string) => {
    if (!args.json) process.stdout.write(`${line}\n`);
  };
  let sinks: string[] = [];
  const runtime = await openRuntime({
    configFile: args.config,
    rotation: {
      afterStep: (rotation, step) => {
        say(`  ✓ ${stepLine(step, rotation, sinks)}`);
        killAt('VTB_TEST_KILL_AFTER_STEP', step);
      },
      beforeCommit: (_rotation, step) => {
        killAt('VTB_TEST_KILL_BEFORE_COMMIT', step);
      },
    },
  });
  sinks = runtime.config.rotation.sinks;
  try {
    const actor = `cli:${process.env['USER'] ?? 'unknown'}`;
    const options = { finishNow: args.finishNow };
    say(`${args.resume ? 'Resuming' : 'Rotating'} "${args.name}":`);
    const rotation = args.resume
      ? await runtime.broker.rotations.resume(args.name, actor, options)
      : await runtime.broker.rotations.start(
          {
            name: args.name,
            ...(apiKey === undefined ? {} : { apiKey }),
            ...(args.serviceAccount ? { serviceAccount: serviceAccountOf(args) } : {}),
            ...(args.fromStore === undefined ? {} : { fromStore: args.fromStore }),
            source: args.serviceAccount ? 'service-account' : args.file ? 'file' : 'stdin',
            force: args.force,
            ...(overlapMs === undefined ? {} : { overlapMs }),
            actor,
          },
          options,
        );
    if (args.json) printJson(rotation);
    else process.stdout.write(summary(rotation, args.name));
    return 0;
  } catch (error) {
    if (error instanceof RotationError && error.report && !args.json)
      process.stdout.write(reportText(error.report));
    if (error instanceof RotationError && args.json)
      printJson({ error: error.message, kind: error.kind, report: error.report });
    throw error;
  } finally {
    await runtime.close();
  }
}

export async function rollback(name: string, config: string | undefined): Promise<number> {
  const runtime = await openRuntime({ configFile: config });
  try {
    const actor = `cli:${process.env['USER'] ?? 'unknown'}`;
    const rotation = await runtime.broker.rotations.rollback(name, actor);
    process.stdout.write(
      `Rolled back rotation ${rotation.id} of "${name}": the key that was current before it is current, the new one retired (secret wiped).\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

export async function status(
  name: string | undefined,
  json: boolean,
  config: string | undefined,
): Promise<number> {
  const runtime = await openRuntime({ configFile: config });
  try {
    const all = await runtime.broker.keyStatus(name);
    if (name !== undefined && all.length === 0)
      throw new UsageError(
        `There is no key named "${name}".`,
        'vtbroker key status lists them all',
      );
    if (json) printJson(all);
    else process.stdout.write(all.length === 0 ? 'No keys yet.\n' : all.map(statusText).join('\n'));
    return 0;
  } finally {
    await runtime.close();
  }
}

function statusText(c: CredentialStatus): string {
  const rows = c.versions.map((v) => [
    v.label + (v.suspectAt === null ? '' : ' (suspect)'),
    v.fingerprint,
    v.tier,
    v.vtUser ?? '-',
    isoOrDash(v.activatedAt),
    v.label === 'previous' ? isoOrDash(v.overlapUntil) : '-',
    isoOrDash(v.retiredAt),
  ]);
  const lines = [
    c.name,
    table(
      ['label', 'fingerprint', 'tier', 'vt user', 'active since', 'fallback until', 'retired'],
      rows,
    ),
  ];
  if (c.age?.dueAt != null)
    lines.push(
      `key age: ${Math.floor(c.age.ageMs / 86_400_000)} days (${c.age.state}); rotate before ${isoOrDash(c.age.dueAt)}`,
    );
  const r = c.rotation;
  if (r?.status === 'running' || r?.status === 'waiting')
    lines.push(
      `rotation ${r.id}: ${r.status} (next step: ${r.step})${r.overlapUntil ? `, overlap until ${isoOrDash(r.overlapUntil)}` : ''}${r.lastError ? `\n  last error: ${r.lastError}` : ''}`,
    );
  else if (r) lines.push(`last rotation ${r.id}: ${r.status} at ${isoOrDash(r.finishedAt)}`);
  return `${lines.join('\n')}\n`;
}

function stepLine(step: string, rotation: Rotation, sinks: string[]): string {
  if (step === 'test' && rotation.report) {
    const report = rotation.report as unknown as KeyReport;
    const forced = report.blocked ? ' (forced past a blocking difference)' : '';
    const lines = report.differences.map((d) => `      ${d.blocking ? '✗' : '·'} ${d.message}`);
    return `tested the new key at VirusTotal${forced}${lines.length > 0 ? `:\n${lines.join('\n')}` : ': same tier, privileges and quotas'}`;
  }
  if (step === 'install')
    return sinks.length === 0
      ? 'install: no secret store to update (rotation.sinks is empty)'
      : `installed the new key in ${sinks.join(', ')}`;
  return STEP_DONE[step] ?? step;
}

function summary(rotation: Rotation, name: string): string {
  if (rotation.status === 'done')
    return `Rotation ${rotation.id} of "${name}" is done. Revoke the old key at VirusTotal (see vtbroker key status ${name} for its fingerprint).\n`;
  if (rotation.status === 'waiting')
    return (
      `Rotation ${rotation.id}: the new key is in use. The previous key stays a fallback until ${isoOrDash(rotation.overlapUntil)};\n` +
      `a running broker retires it then (or run: vtbroker key rotate ${name} --resume after that time, or --resume --finish-now once you are sure).\n`
    );
  return `Rotation ${rotation.id} is ${rotation.status} at step ${rotation.step}.\n`;
}

function reportText(report: KeyReport): string {
  const lines = report.differences.map((d) => `  ${d.blocking ? '✗' : '·'} ${d.message}`);
  return `Test report (${report.from.fingerprint} → ${report.to.fingerprint}):\n${lines.join('\n') || '  no differences'}\n`;
}

function overlapOf(hours: string | undefined): number | undefined {
  if (hours === undefined) return undefined;
  const n = Number(hours);
  if (!Number.isInteger(n) || n < 0 || n > 24 * 90)
    throw new UsageError(
      `--overlap-hours must be a whole number of hours from 0 to 2160, got "${hours}"`,
      'vtbroker key rotate soc-premium --overlap-hours 48 < new-key.txt',
    );
  return n * 3_600_000;
}

function serviceAccountOf(args: RotateArgs): string {
  if (!args.group)
    throw new UsageError(
      '--service-account needs --group: the VT Enterprise group the broker key administers',
      `vtbroker key rotate ${args.name} --service-account --group acme`,
    );
  const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `${args.group}/${args.accountName ?? `vtbroker-${args.name}-${date}`}`;
}
