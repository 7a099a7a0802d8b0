// `vtbroker serve`: the broker on its configured address, until SIGINT/SIGTERM.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openRuntime } from '../runtime.ts';
import { untilStopSignal } from '../stop-signal.ts';

const HELP = `Usage: vtbroker serve [--config vtbroker.yaml]

Serves the VirusTotal API v3 at /api/v3 to broker tokens, with /healthz, /readyz
and /metrics, and the admin API at /admin/v1/ to admin tokens (docs/admin-api.md).
Configuration: vtbroker.yaml and VTB_* variables (see README).
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const runtime = await openRuntime({ configFile: values.config });
  const { config, broker, log } = runtime;
  for (const warning of runtime.warnings) log.warn(warning);
  const tls = config.server.tls
    ? { cert: await readFile(config.server.tls.cert), key: await readFile(config.server.tls.key) }
    : undefined;
  const { url } = await broker.listen(config.server.port, config.server.host, tls);
  const keys = broker.keyCount();
  log.info('vtbroker listening', {
    url,
    publicUrl: config.server.publicUrl,
    storage: config.storage.driver,
    keys,
  });
  if (keys === 0)
    log.warn(
      'no VirusTotal key yet: add one with `vtbroker key add --name <name> < key.txt`; lookups answer 503 until then',
    );
  // Another process (the CLI) may add keys to the same store: pick them up.
  const refresh = setInterval(() => {
    void broker.refreshKeys().catch((error: unknown) => {
      log.error('key refresh failed', { error: error instanceof Error ? error : String(error) });
    });
  }, 5_000);
  const flush = setInterval(() => void broker.usage.flush(), 10_000);
  // Rotations whose overlap is over, key age alerts, key gauges.
  const maintain = () =>
    void broker.maintain().catch((error: unknown) => {
      log.error('key maintenance failed', {
        error: error instanceof Error ? error : String(error),
      });
    });
  maintain();
  const maintenance = setInterval(maintain, 60_000);
  const head = await broker.store.audit.head();
  // A copy of the head in the logs (shipped elsewhere) anchors the audit chain.
  log.info('audit log head', { seq: head?.seq ?? 0, hash: head?.hash ?? null });
  const reconcileMs = config.upstream.reconcileSeconds * 1000;
  if (reconcileMs > 0) await broker.reconcile();
  const reconcile =
    reconcileMs > 0 ? setInterval(() => void broker.reconcile(), reconcileMs) : undefined;
  await untilStopSignal();
  clearInterval(refresh);
  clearInterval(flush);
  clearInterval(maintenance);
  clearInterval(reconcile);
  log.info('vtbroker stopping');
  await runtime.close();
  return 0;
}
