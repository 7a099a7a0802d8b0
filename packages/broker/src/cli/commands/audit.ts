// `vtbroker audit verify | list`: the audit log is append-only and hash-chained
// (audit/audit-chain.ts); verify recomputes the chain and names every entry that
// was edited, inserted or deleted; list shows entries with filters.
import { parseArgs } from 'node:util';
import type { AuditFilter } from '../../store/store.ts';
import { printJson, table } from '../output.ts';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';

const HELP = `Usage:
  vtbroker audit verify [--json]     recompute the hash chain; exit 1 when it is broken
  vtbroker audit list [filters] [--json]
      --action <a>   --action-prefix <key.>   --actor <cli:alice>   --target <name>
      --result ok|denied|error   --since <ISO time>   --until <ISO time>   --limit <n (default 100)>

Options: --config <vtbroker.yaml>
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      json: { type: 'boolean' },
      config: { type: 'string' },
      action: { type: 'string' },
      'action-prefix': { type: 'string' },
      actor: { type: 'string' },
      target: { type: 'string' },
      result: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  if (sub !== 'verify' && sub !== 'list')
    throw new UsageError(`unknown audit command "${sub}"`, 'vtbroker audit verify | list');
  const filter = sub === 'list' ? filterOf(values) : {};
  const runtime = await openRuntime({ configFile: values.config });
  try {
    if (sub === 'list') {
      const entries = await runtime.broker.store.audit.list(filter);
      if (values.json) printJson(entries);
      else
        process.stdout.write(
          table(
            ['seq', 'at', 'actor', 'action', 'target', 'result', 'details'],
            entries.map((e) => [
              String(e.seq),
              new Date(e.at).toISOString(),
              e.actor,
              e.action,
              e.target ?? '-',
              e.result,
              JSON.stringify(e.details),
            ]),
          ),
        );
      return 0;
    }
    const result = await runtime.broker.verifyAudit();
    if (values.json) printJson(result);
    else if (result.ok)
      process.stdout.write(
        `The audit log is intact: ${result.entries} entries, head ${result.head ? `${result.head.seq} ${result.head.hash}` : '(empty)'}.\nKeep the head somewhere else: a later verify against it also proves nothing was rewritten.\n`,
      );
    else
      process.stdout.write(
        `The audit log was tampered with: ${result.problems.length} problem(s) in ${result.entries} entries.\n${result.problems.map((p) => `  ${p.kind} at entry ${p.seq}: ${p.message}`).join('\n')}\nRestore the database from a backup and find out who had write access to it.\n`,
      );
    return result.ok ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

type Values = Record<string, string | boolean | undefined>;

function filterOf(values: Values): AuditFilter {
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const filter: AuditFilter = { limit: 100 };
  const set = <K extends keyof AuditFilter>(key: K, value: AuditFilter[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('action', text('action'));
  set('actionPrefix', text('action-prefix'));
  set('actor', text('actor'));
  set('target', text('target'));
  const result = text('result');
  if (result !== undefined && result !== 'ok' && result !== 'denied' && result !== 'error')
    throw new UsageError(
      `--result must be ok, denied or error, got "${result}"`,
      '--result denied',
    );
  set('result', result);
  set('fromAt', time(text('since'), '--since'));
  set('toAt', time(text('until'), '--until'));
  const limit = text('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(
        `--limit must be a whole number of at least 1, got "${limit}"`,
        '--limit 50',
      );
    filter.limit = n;
  }
  return filter;
}

function time(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new UsageError(
      `${flag} must be a date or time, got "${value}"`,
      `${flag} 2026-12-01T00:00:00Z`,
    );
  return ms;
}
