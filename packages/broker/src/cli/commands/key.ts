// `vtbroker key add|list`: VT keys are read from stdin or a file, never from
// the command line (it would land in shell history and `ps`).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { isoOrDash, printJson, table } from '../output.ts';

const HELP = `Usage:
  vtbroker key add --name <name> [--file <path>]   the key from the file, or from stdin
  vtbroker key list [--json]                       credentials and versions, by fingerprint

Options: --config <vtbroker.yaml>
The key is checked at VirusTotal (tier, privileges, quotas), sealed with the master key,
and never shown again: only its fingerprint.
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      file: { type: 'string' },
      key: { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  if (values.key !== undefined || positionals.length > 0) {
    throw new UsageError(
      'A VirusTotal key is never taken on the command line (shell history, ps).',
      'vtbroker key add --name soc-premium < key.txt   (or --file key.txt)',
    );
  }
  if (sub !== 'add' && sub !== 'list')
    throw new UsageError(`unknown key command "${sub}"`, 'vtbroker key add | list');
  const runtime = await openRuntime({ configFile: values.config });
  try {
    if (sub === 'add') return await add(runtime, values.name, values.file, values.json === true);
    const all = await runtime.broker.keys.list();
    if (values.json)
      printJson(
        all.map(({ credential, versions }) => ({
          name: credential.name,
          versions: versions.map(({ sealedSecret: _s, ...v }) => v),
        })),
      );
    else {
      const rows = all.flatMap(({ credential, versions }) =>
        versions.map((v) => [
          credential.name,
          v.label,
          v.fingerprint,
          v.tier,
          v.vtUser ?? '-',
          v.privileges.length > 0 ? v.privileges.join(',') : '-',
          isoOrDash(v.activatedAt),
        ]),
      );
      process.stdout.write(
        rows.length === 0
          ? 'No keys yet: vtbroker key add --name <name> < key.txt\n'
          : table(
              ['name', 'label', 'fingerprint', 'tier', 'vt user', 'privileges', 'active since'],
              rows,
            ),
      );
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

async function add(
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  name: string | undefined,
  file: string | undefined,
  json: boolean,
): Promise<number> {
  if (!name)
    throw new UsageError('key add needs --name', 'vtbroker key add --name soc-premium < key.txt');
  const apiKey = file ? await readKeyFile(file) : await readStdin();
  const { credential, version } = await runtime.broker.keys.add({
    name,
    apiKey,
    actor: `cli:${process.env['USER'] ?? 'unknown'}`,
  });
  if (json)
    printJson({
      name: credential.name,
      fingerprint: version.fingerprint,
      tier: version.tier,
      privileges: version.privileges,
      quotas: version.quotas,
      vtUser: version.vtUser,
    });
  else
    process.stdout.write(
      `Added key "${credential.name}" (${version.fingerprint}): tier ${version.tier}, VT user ${version.vtUser ?? '?'}, privileges ${version.privileges.join(', ') || 'none'}.\n`,
    );
  return 0;
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    throw new UsageError(
      `cannot read the key file "${path}"`,
      'vtbroker key add --name soc-premium --file /path/to/key.txt',
    );
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write('Paste the VirusTotal key, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '')
    throw new UsageError('no key on stdin', 'vtbroker key add --name soc-premium < key.txt');
  return text;
}
