// `vtbroker admin token create|list|revoke`: admin tokens (`vtba_…`) for the
// admin API. The secret is printed once, or written to admin.bootstrapTokenFile
// (mode 0600) when that option is set, so it never reaches a terminal or a log.
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isAdminRole, ROLE_RIGHTS } from '../../admin/roles.ts';
import { ADMIN_ROLES, type AdminToken } from '../../store/model.ts';
import { parseExpiry } from '../expiry.ts';
import { isoOrDash, printJson, table } from '../output.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';

const HELP = `Usage:
  vtbroker admin token create --name <holder> --role <${ADMIN_ROLES.join('|')}>
                              [--expires-in 90d|never] [--print] [--json]
  vtbroker admin token list [--json]
  vtbroker admin token revoke <admin token id>

Roles (each includes the ones above it):
${ADMIN_ROLES.map((r) => `  ${r.padEnd(10)}${ROLE_RIGHTS[r]}`).join('\n')}

The token is printed once. When admin.bootstrapTokenFile is set, it is written to
that file (mode 0600) instead; --print prints it anyway. See docs/admin-api.md.
Options: --config <vtbroker.yaml>
`;

type Values = Record<string, string | boolean | undefined>;
const actor = (): string => `cli:${process.env['USER'] ?? 'unknown'}`;

export async function run(argv: string[]): Promise<number> {
  const [resource, sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'expires-in': { type: 'string' },
      print: { type: 'boolean' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const asked = [resource, sub].some(
    (word) => word === 'help' || word === '--help' || word === '-h',
  );
  if (values.help || asked || sub === undefined) {
    process.stdout.write(HELP);
    return values.help || asked ? 0 : 1;
  }
  if (resource !== 'token' || !['create', 'list', 'revoke'].includes(sub))
    throw new UsageError(
      `unknown admin command "${[resource, sub].join(' ')}"`,
      'vtbroker admin token create | list | revoke',
    );
  const runtime = await openRuntime({ configFile: values.config });
  try {
    if (sub === 'create') return await create(runtime, values);
    if (sub === 'revoke') return await revoke(runtime, positionals[0]);
    return await list(runtime, values.json === true);
  } finally {
    await runtime.close();
  }
}

async function create(runtime: Runtime, values: Values): Promise<number> {
  const { name, role } = values;
  if (typeof name !== 'string' || typeof role !== 'string')
    throw new UsageError(
      'admin token create needs --name and --role',
      'vtbroker admin token create --name alice --role operator',
    );
  if (!isAdminRole(role))
    throw new UsageError(
      `--role must be ${ADMIN_ROLES.join(', ')}; got "${role}"`,
      '--role viewer',
    );
  const expiresIn = values['expires-in'];
  const ttlMs = parseExpiry(typeof expiresIn === 'string' ? expiresIn : undefined);
  const file = values.print === true ? null : runtime.config.admin.bootstrapTokenFile;
  // The file is claimed before the token exists: no token is made that cannot be saved.
  const handle = file === null ? null : await claimTokenFile(file);
  try {
    const created = await runtime.broker.admin.create({
      name,
      role,
      actor: actor(),
      ...(ttlMs !== undefined ? { ttlMs } : {}),
    });
    await handle?.writeFile(`${created.token}\n`);
    report(created, file, values.json === true);
  } catch (error) {
    if (file !== null) await rm(file, { force: true });
    throw error;
  } finally {
    await handle?.close();
  }
  return 0;
}

/** Creates the token file, mode 0600 from the first byte; never replaces one. */
async function claimTokenFile(file: string): Promise<FileHandle> {
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    return await open(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(
        `admin.bootstrapTokenFile ${file} exists already: it may hold an admin token, and is not overwritten`,
        'Move it away (revoke the token in it if it is no longer needed), or add --print to print the new token instead.',
      );
    throw new UsageError(
      `cannot create admin.bootstrapTokenFile ${file} (${code ?? String(error)})`,
      'Point admin.bootstrapTokenFile at a writable path, or add --print to print the token instead.',
    );
  }
}

function report(
  created: { token: string; record: AdminToken },
  file: string | null,
  json: boolean,
): void {
  const { record } = created;
  if (json) {
    printJson({
      ...summary(record),
      ...(file === null ? { token: created.token } : { tokenFile: file }),
    });
    return;
  }
  const what = `Admin token for "${record.name}" (id ${record.id}), role ${record.role}, expires ${isoOrDash(record.expiresAt)}`;
  process.stdout.write(
    file === null
      ? `${what}:\n\n  ${created.token}\n\nIt is shown only now. Send it as "Authorization: Bearer <token>" to /admin/v1/.\n`
      : `${what}: written to ${file} (mode 0600), not shown here.\n`,
  );
}

function summary(t: AdminToken) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

async function revoke(runtime: Runtime, id: string | undefined): Promise<number> {
  if (!id)
    throw new UsageError(
      'admin token revoke needs the admin token id',
      'vtbroker admin token revoke <id>   (vtbroker admin token list shows ids)',
    );
  await runtime.broker.admin.revoke(id, { actor: actor() });
  process.stdout.write(
    `Revoked admin token ${id}: the admin API refuses it from the next request.\n`,
  );
  return 0;
}

async function list(runtime: Runtime, json: boolean): Promise<number> {
  const tokens = await runtime.broker.admin.list();
  if (json) {
    printJson(tokens.map(summary));
    return 0;
  }
  const now = Date.now();
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.role,
    t.revokedAt !== null
      ? 'revoked'
      : t.expiresAt !== null && t.expiresAt <= now
        ? 'expired'
        : 'active',
    isoOrDash(t.expiresAt),
    isoOrDash(t.lastUsedAt),
  ]);
  process.stdout.write(
    rows.length === 0
      ? 'No admin tokens yet: vtbroker admin token create --name <you> --role key-admin\n'
      : table(['id', 'name', 'role', 'state', 'expires', 'last used'], rows),
  );
  return 0;
}
