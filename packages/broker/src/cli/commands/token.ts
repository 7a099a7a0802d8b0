// `vtbroker token create|list|revoke`: consumers get tokens with scopes and
// quotas; the secret is printed once.
import { parseArgs } from 'node:util';
import { SCOPE_DESCRIPTIONS } from '../../tokens/route-class.ts';
import { formatQuotas, parseQuotaSpec } from '../../tokens/quota-spec.ts';
import { parseScopes } from '../../tokens/token-service.ts';
import { parseExpiry } from '../expiry.ts';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { isoOrDash, printJson, table } from '../output.ts';

const HELP = `Usage:
  vtbroker token create --name <consumer> --scopes <a,b> [--quota 100/min,20000/day]
                        [--priority interactive|bulk] [--max-wait-ms 30000] [--expires-in 90d|never] [--json]
  vtbroker token list [--json]
  vtbroker token revoke <token id>

Scopes:
${Object.entries(SCOPE_DESCRIPTIONS)
  .map(([s, d]) => `  ${s.padEnd(14)}${d}`)
  .join('\n')}
Options: --config <vtbroker.yaml>
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      quota: { type: 'string' },
      priority: { type: 'string' },
      'max-wait-ms': { type: 'string' },
      'expires-in': { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  if (!['create', 'list', 'revoke'].includes(sub))
    throw new UsageError(`unknown token command "${sub}"`, 'vtbroker token create | list | revoke');
  const runtime = await openRuntime({ configFile: values.config });
  try {
    const { tokens } = runtime.broker;
    if (sub === 'create') {
      if (!values.name || !values.scopes)
        throw new UsageError(
          'token create needs --name and --scopes',
          'vtbroker token create --name soar --scopes lookup,submit --quota 100/min,20000/day',
        );
      const priority = values.priority;
      if (priority !== undefined && priority !== 'interactive' && priority !== 'bulk')
        throw new UsageError(
          `--priority must be interactive or bulk, got "${priority}"`,
          '--priority bulk',
        );
      const maxWait =
        values['max-wait-ms'] === undefined ? undefined : Number(values['max-wait-ms']);
      if (maxWait !== undefined && !(Number.isInteger(maxWait) && maxWait >= 0))
        throw new UsageError(
          '--max-wait-ms must be a whole number of milliseconds',
          '--max-wait-ms 30000',
        );
      const ttlMs = parseExpiry(values['expires-in']);
      const created = await tokens.create({
        consumer: values.name,
        scopes: parseScopes(values.scopes),
        ...(values.quota ? { quotas: parseQuotaSpec(values.quota) } : {}),
        ...(priority ? { priority: priority } : {}),
        ...(maxWait !== undefined ? { maxWaitMs: maxWait } : {}),
        ...(ttlMs !== undefined ? { ttlMs } : {}),
        actor: `cli:${process.env['USER'] ?? 'unknown'}`,
      });
      if (values.json)
        printJson({
          token: created.token,
          id: created.record.id,
          consumer: created.consumer.name,
          scopes: created.record.scopes,
          expiresAt: created.record.expiresAt,
        });
      else {
        process.stdout.write(
          `Token for "${created.consumer.name}" (id ${created.record.id}), scopes ${created.record.scopes.join(',')}, quota ${formatQuotas(created.consumer.quotas)}, expires ${isoOrDash(created.record.expiresAt)}:\n\n  ${created.token}\n\nIt is shown only now. Tools send it as the x-apikey header.\n`,
        );
      }
      return 0;
    }
    if (sub === 'revoke') {
      const id = positionals[0];
      if (!id)
        throw new UsageError(
          'token revoke needs the token id',
          'vtbroker token revoke <id>   (vtbroker token list shows ids)',
        );
      await tokens.revoke(id, `cli:${process.env['USER'] ?? 'unknown'}`);
      process.stdout.write(
        `Revoked token ${id}: requests with it now answer 401 (within 5 s on running brokers).\n`,
      );
      return 0;
    }
    const list = await tokens.list();
    if (values.json)
      printJson(
        list.map(({ record: { secretHash: _h, ...r }, consumer }) => ({
          ...r,
          consumer: consumer?.name,
        })),
      );
    else {
      const now = Date.now();
      const rows = list.map(({ record: r, consumer }) => [
        r.id,
        consumer?.name ?? '?',
        r.scopes.join(','),
        formatQuotas(consumer?.quotas ?? {}),
        r.revokedAt !== null
          ? 'revoked'
          : r.expiresAt !== null && r.expiresAt <= now
            ? 'expired'
            : 'active',
        isoOrDash(r.expiresAt),
      ]);
      process.stdout.write(
        rows.length === 0
          ? 'No tokens yet: vtbroker token create --name <tool> --scopes lookup\n'
          : table(['id', 'consumer', 'scopes', 'quota', 'state', 'expires'], rows),
      );
    }
    return 0;
  } finally {
    await runtime.close();
  }
}
