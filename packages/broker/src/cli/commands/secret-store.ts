// `vtbroker secret-store list | check | stage`: the stores of `secretStores`
// (docs/secret-stores.md). `check` reads each one as a rotation would — with
// the broker's credentials — so a missing permission shows before the day of
// the rotation; `stage` leaves a new key in a `local` store for the next one.
import { parseArgs } from 'node:util';
import { isSecretStoreError, type SecretStore } from '../../secrets/secret-store.ts';
import type { LocalSecretStore } from '../../secrets/drivers/local-file.ts';
import { printJson, table } from '../output.ts';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { readKeyFile, readStdin } from './key-input.ts';

const HELP = `Usage:
  vtbroker secret-store list [--json]           the configured stores, and which are rotation sinks
  vtbroker secret-store check [<name>] [--json] read each store as a rotation would; exit 1 on a failure
  vtbroker secret-store stage <name> [--file <path>]
                                                leave a new key (stdin or file) in a local store:
                                                vtbroker key rotate <key> --from-store <name> takes it

Options: --config <vtbroker.yaml>
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      file: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  if (sub !== 'list' && sub !== 'check' && sub !== 'stage')
    throw new UsageError(
      `unknown secret-store command "${sub}"`,
      'vtbroker secret-store list | check | stage',
    );
  if (positionals.length > 1 || positionals.some((p) => /^[0-9a-f]{32,}$/i.test(p)))
    throw new UsageError(
      'A key is never taken on the command line (shell history, ps).',
      'vtbroker secret-store stage staged < new-key.txt',
    );
  const [name] = positionals;
  const runtime = await openRuntime({ configFile: values.config });
  try {
    const stores = runtime.secretStores.filter((s) => name === undefined || s.name === name);
    if (name !== undefined && stores.length === 0)
      throw new UsageError(
        `There is no secret store named "${name}".`,
        `vtbroker secret-store list shows them (secretStores in vtbroker.yaml)`,
      );
    const sinks = runtime.config.rotation.sinks;
    if (sub === 'list') {
      const rows = stores.map((s) => ({
        name: s.name,
        kind: s.kind,
        where: s.describe(),
        sink: sinks.includes(s.name),
      }));
      if (values.json) printJson(rows);
      else
        process.stdout.write(
          rows.length === 0
            ? 'No secret stores: add them under secretStores in vtbroker.yaml (docs/secret-stores.md).\n'
            : table(
                ['name', 'kind', 'where', 'rotation sink'],
                rows.map((r) => [r.name, r.kind, r.where, r.sink ? 'yes' : 'no']),
              ),
        );
      return 0;
    }
    if (sub === 'stage') {
      const [store] = stores;
      if (name === undefined || !store)
        throw new UsageError(
          "stage needs the store's name",
          'vtbroker secret-store stage staged < new-key.txt',
        );
      return await stage(store, values.file);
    }
    return await check(stores, values.json === true);
  } finally {
    await runtime.close();
  }
}

async function check(stores: SecretStore[], json: boolean): Promise<number> {
  const results = [];
  for (const store of stores) {
    try {
      const next = await store.readNext();
      results.push({ name: store.name, ok: true, stage: next.stage, versionId: next.versionId });
    } catch (error) {
      if (!isSecretStoreError(error)) throw error;
      // An empty store is fine for a sink: the first install creates the key.
      const empty = error.code === 'not_found';
      results.push({
        name: store.name,
        ok: empty,
        problem: error.message,
        hint: error.hint,
        code: error.code,
      });
    }
  }
  if (json) printJson(results);
  else
    for (const r of results)
      process.stdout.write(
        'problem' in r
          ? `${r.ok ? '·' : '✗'} ${r.name}: ${r.problem}\n    ${r.hint}\n`
          : `✓ ${r.name}: ${r.stage} key ${r.versionId}\n`,
      );
  return results.every((r) => r.ok) ? 0 : 1;
}

async function stage(store: SecretStore, file: string | undefined): Promise<number> {
  if (store.kind !== 'local')
    throw new UsageError(
      `"${store.name}" is a ${store.kind} store: stage a key there with its own tools.`,
      store.kind === 'aws-secrets-manager'
        ? 'aws secretsmanager put-secret-value --secret-id <id> --secret-string file://new-key.txt --version-stages AWSPENDING'
        : 'Use a secretStores entry of kind local for staging (docs/secret-stores.md).',
    );
  const example = `vtbroker secret-store stage ${store.name} < new-key.txt`;
  const key = file ? await readKeyFile(file, example) : await readStdin(example);
  const { versionId } = await (store as LocalSecretStore).stage(key);
  process.stdout.write(
    `Staged key ${versionId} in "${store.name}" (sealed). Rotate onto it: vtbroker key rotate <key name> --from-store ${store.name}\n`,
  );
  return 0;
}
