// The CLI's entry: commands load lazily, and one error policy applies to all
// (a user error prints its message and hint and exits 1; anything else is a bug).
import { UsageError } from './usage-error.ts';

interface CommandModule {
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
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
    if (error instanceof UsageError) {
      process.stderr.write(
        `vtbroker ${name}: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`,
      );
      return 1;
    }
    process.stderr.write(
      `vtbroker ${name}: unexpected failure: this is a bug. Please report it with the command you ran.\n` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
