// `vtbroker quota` (upstream keys: use per window now) and `vtbroker usage`
// (per consumer, key version, route class and day).
import { parseArgs } from 'node:util';
import { openRuntime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';
import { printJson, table } from '../output.ts';

const HELP_QUOTA = `Usage: vtbroker quota [--json] [--config vtbroker.yaml]
Use of every VirusTotal key version in use, per UTC window (minute, hour, day, month).
`;
const HELP_USAGE = `Usage: vtbroker usage [--days 7] [--consumer <name>] [--json] [--config vtbroker.yaml]
Requests, cache hits, upstream calls, quota cost and errors per day, consumer and route class.
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
