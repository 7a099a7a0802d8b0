// `vtbroker key add|list|rotate|rollback|status`: VT keys are read from stdin
// or a file, never from the command line (it would land in shell history and `ps`).
import { parseArgs } from 'node:util';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { isoOrDash, printJson, table } from '../output.ts';
import { readKeyFile, readStdin } from './key-input.ts';
import { rollback, rotate, status } from './key-rotate.ts';

const HELP = `Usage:
  vtbroker key add --name <name> [--file <path>]   the key from the file, or from stdin
  vtbroker key list [--json]                       credentials and versions, by fingerprint
  vtbroker key status [<name>] [--json]            versions, deadlines, rotation, key age
  vtbroker key rotate <name> [--file <path> | --from-store <store>] [--force]
                      [--overlap-hours N] [--finish-now]
                                                   a new key (stdin, a file, or a secret store):
                                                   create → test → promote → install; finished
                                                   after the overlap
  vtbroker key rotate <name> --service-account --group <group> [--account-name <n>]
                                                   VT Enterprise: rotate onto a new service account
  vtbroker key rotate <name> --resume [--finish-now]
                                                   continue a rotation from the step it stopped at
  vtbroker key rollback <name>                     undo the rotation in progress, from any step

Options: --config <vtbroker.yaml>, --json
A key is checked at VirusTotal (tier, privileges, quotas), sealed with the master key,
and never shown again: only its fingerprint. The runbook: docs/rotation.md.
`;

const KEY_LIKE = /^[0-9a-f]{32,}$/i;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      file: { type: 'string' },
      'from-store': { type: 'string' },
      key: { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      resume: { type: 'boolean' },
      force: { type: 'boolean' },
      'finish-now': { type: 'boolean' },
      'overlap-hours': { type: 'string' },
      'service-account': { type: 'boolean' },
      group: { type: 'string' },
      'account-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  const named = sub === 'rotate' || sub === 'rollback' || sub === 'status';
  if (
    values.key !== undefined ||
    positionals.length > (named ? 1 : 0) ||
    positionals.some((p) => KEY_LIKE.test(p))
  ) {
    throw new UsageError(
      'A VirusTotal key is never taken on the command line (shell history, ps).',
      sub === 'rotate'
        ? 'vtbroker key rotate soc-premium < new-key.txt   (or --file new-key.txt)'
        : 'vtbroker key add --name soc-premium < key.txt   (or --file key.txt)',
    );
  }
  const [name] = positionals;
  if (sub === 'status') return status(name, values.json === true, values.config);
  if (sub === 'rotate' || sub === 'rollback') {
    if (name === undefined)
      throw new UsageError(`key ${sub} needs the key's name`, `vtbroker key ${sub} soc-premium`);
    if (sub === 'rollback') return rollback(name, values.config);
    return rotate({
      name,
      file: values.file,
      fromStore: values['from-store'],
      resume: values.resume === true,
      force: values.force === true,
      finishNow: values['finish-now'] === true,
      overlapHours: values['overlap-hours'],
      serviceAccount: values['service-account'] === true,
      group: values.group,
      accountName: values['account-name'],
      json: values.json === true,
      config: values.config,
    });
  }
  if (sub !== 'add' && sub !== 'list')
    throw new UsageError(
      `unknown key command "${sub}"`,
      'vtbroker key add | list | status | rotate | rollback',
    );
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
  const example = 'vtbroker key add --name soc-premium < key.txt   (or --file key.txt)';
  const apiKey = file ? await readKeyFile(file, example) : await readStdin(example);
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
