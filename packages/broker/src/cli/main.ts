// The CLI's entry: commands load lazily, and one error policy applies to all
// (a user error prints its message and hint and exits 1; anything else is a bug).
import { asUserError } from './user-errors.ts';

interface CommandModule {
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  demo: {
    summary: 'start the emulator and a broker in front of it, with a token (try this first)',
    load: () => import('./commands/demo.ts'),
  },
  serve: {
    summary: 'serve the VirusTotal API v3 to broker tokens',
    load: () => import('./commands/serve.ts'),
  },
  key: {
    summary:
      'add, list, rotate or roll back VirusTotal keys (read from stdin or a file, never argv)',
    load: () => import('./commands/key.ts'),
  },
  'master-key': {
    summary: 'rotate the master key that seals VT keys at rest, without downtime',
    load: () => import('./commands/master-key.ts'),
  },
  'secret-store': {
    summary: 'list or check the secret stores, or stage a new key in a local one',
    load: () => import('./commands/secret-store.ts'),
  },
  audit: {
    summary: 'verify the audit log hash chain, or list its entries',
    load: () => import('./commands/audit.ts'),
  },
  token: {
    summary: 'create, list or revoke consumer tokens',
    load: () => import('./commands/token.ts'),
  },
  admin: {
    summary: 'create, list or revoke admin tokens for the admin API (/admin/v1/)',
    load: () => import('./commands/admin.ts'),
  },
  quota: {
    summary: 'use of each VirusTotal key per UTC window',
    load: async () => ({ run: (await import('./commands/usage.ts')).runQuota }),
  },
  usage: {
    summary: 'usage per day, consumer and route class',
    load: async () => ({ run: (await import('./commands/usage.ts')).runUsage }),
  },
  scan: {
    summary: 'find legacy v2 calls and hard-coded VT keys and tokens in code and config',
    load: () => import('./commands/scan.ts'),
  },
  emulator: {
    summary: 'run the offline VirusTotal emulator on a port',
    load: () => import('./commands/emulator.ts'),
  },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return `Usage: vtbroker <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "vtbroker <command> --help" for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`vtbroker: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    const user = asUserError(error);
    if (user) {
      process.stderr.write(
        `vtbroker ${name}: ${user.message}\n${user.hint ? `hint: ${user.hint}\n` : ''}`,
      );
      return user.exitCode ?? 1;
    }
    process.stderr.write(
      `vtbroker ${name}: unexpected failure: this is a bug. Please report it with the command you ran.\n` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
