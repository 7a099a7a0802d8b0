// `vtbroker quota` (upstream keys: use per window now) and `vtbroker usage`
// (per consumer, key version, route class and day).
import { parseArgs } from 'node:util';
import type { UsageRow } from '../../store/model.ts';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { printJson, table } from '../output.ts';

const HELP_QUOTA = `Usage: vtbroker quota [--json] [--config vtbroker.yaml]
Use of every VirusTotal key version in use, per UTC window (minute, hour, day, month).
`;
const HELP_USAGE = `Usage: vtbroker usage [--days 7] [--consumer <name>] [--v2] [--json] [--config vtbroker.yaml]
Requests, cache hits, upstream calls, quota cost and errors per day, consumer and route class.
--v2: the consumers still calling API v2 (/vtapi/v2), with their request counts.
`;

export async function runQuota(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP_QUOTA);
    return 0;
  }
  const runtime = await openRuntime({ configFile: values.config });
  try {
    const usage = await runtime.broker.keyUsage();
    const credentials = new Map(
      (await runtime.broker.store.credentials.list()).map((c) => [c.id, c.name]),
    );
    if (values.json) {
      printJson(
        usage.map((u) => ({
          key: credentials.get(u.version.credentialId),
          fingerprint: u.version.fingerprint,
          tier: u.version.tier,
          used: u.used,
          limits: u.limits,
        })),
      );
      return 0;
    }
    const cell = (u: (typeof usage)[number], w: string): string =>
      u.limits[w] === undefined ? `${u.used[w] ?? 0}/∞` : `${u.used[w] ?? 0}/${u.limits[w]}`;
    const rows = usage.map((u) => [
      credentials.get(u.version.credentialId) ?? '?',
      u.version.fingerprint,
      u.version.tier,
      cell(u, 'minute'),
      cell(u, 'hour'),
      cell(u, 'day'),
      cell(u, 'month'),
    ]);
    process.stdout.write(
      rows.length === 0
        ? 'No keys in use.\n'
        : table(['key', 'fingerprint', 'tier', 'minute', 'hour', 'day', 'month'], rows),
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

export async function runUsage(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: 'string', default: '7' },
      consumer: { type: 'string' },
      v2: { type: 'boolean' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP_USAGE);
    return 0;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 400)
    throw new UsageError(
      `--days must be 1 to 400, got "${values.days}"`,
      'vtbroker usage --days 30',
    );
  const runtime = await openRuntime({ configFile: values.config });
  try {
    const { store } = runtime.broker;
    const consumers = new Map((await store.consumers.list()).map((c) => [c.id, c.name]));
    let consumerId: string | undefined;
    if (values.consumer) {
      consumerId = [...consumers].find(([, name]) => name === values.consumer)?.[0];
      if (!consumerId)
        throw new UsageError(
          `no consumer named "${values.consumer}"`,
          'vtbroker token list shows the consumers',
        );
    }
    const now = Date.now();
    const rows = await store.usage.query({
      fromDay: new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10),
      toDay: new Date(now).toISOString().slice(0, 10),
      ...(consumerId ? { consumerId } : {}),
    });
    if (values.v2) return printV2Usage(rows, consumers, values.json === true);
    if (values.json) {
      printJson(rows.map((r) => ({ ...r, consumer: consumers.get(r.consumerId) })));
      return 0;
    }
    const out = rows.map((r) => [
      r.day,
      consumers.get(r.consumerId) ?? r.consumerId,
      r.routeClass,
      String(r.requests),
      String(r.cacheHits),
      String(r.upstreamCalls),
      String(r.cost),
      String(r.errors),
    ]);
    process.stdout.write(
      out.length === 0
        ? 'No usage recorded in that period.\n'
        : table(
            ['day', 'consumer', 'class', 'requests', 'cache hits', 'upstream', 'cost', 'errors'],
            out,
          ),
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

/** `--v2`: who still calls API v2, and how much — the consumers whose scripts need migrating. */
function printV2Usage(rows: UsageRow[], consumers: Map<string, string>, json: boolean): number {
  const byConsumer = new Map<string, { requests: number; errors: number; lastDay: string }>();
  for (const row of rows) {
    if (row.routeClass !== 'v2') continue;
    const seen = byConsumer.get(row.consumerId) ?? { requests: 0, errors: 0, lastDay: row.day };
    seen.requests += row.requests;
    seen.errors += row.errors;
    if (row.day > seen.lastDay) seen.lastDay = row.day;
    byConsumer.set(row.consumerId, seen);
  }
  const list = [...byConsumer].map(([id, v]) => ({ consumer: consumers.get(id) ?? id, ...v }));
  list.sort((a, b) => b.requests - a.requests);
  if (json) {
    printJson(list);
    return 0;
  }
  process.stdout.write(
    list.length === 0
      ? 'No API v2 calls in that period.\n'
      : `Consumers still calling API v2 (their scripts need moving to v3; vtbroker scan finds the calls):\n${table(
          ['consumer', 'v2 requests', 'refused', 'last used'],
          list.map((v) => [v.consumer, String(v.requests), String(v.errors), v.lastDay]),
        )}`,
  );
  return 0;
}
