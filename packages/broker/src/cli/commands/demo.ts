// `vtbroker demo`: the README's first command. Starts the offline VirusTotal
// emulator and a broker on the embedded defaults (SQLite, a master key file),
// adds the emulator's premium key, creates a token, and prints how to use it.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulator } from '@vtbroker/emulator';
import { openRuntime } from '../runtime.ts';
import { untilStopSignal } from '../stop-signal.ts';
import { UsageError } from '../usage-error.ts';

const HELP = `Usage: vtbroker demo [--port 8080] [--emulator-port 8090] [--config vtbroker.yaml]

Starts the offline VirusTotal emulator and a broker in front of it (SQLite in
.vtbroker/demo.sqlite, recreated at each start), adds the emulator's premium key,
creates a token and prints a curl line and a vt-py snippet. Ctrl-C stops both.
`;

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

function port(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(
      `${flag} must be a port number, got "${text}"`,
      `vtbroker demo ${flag} 8080`,
    );
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8080' },
      'emulator-port': { type: 'string', default: '8090' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const brokerPort = port(values.port, '--port');
  const emulator = createEmulator();
  const emu = await emulator
    .listen({ port: port(values['emulator-port'], '--emulator-port'), host: '127.0.0.1' })
    .catch((error: unknown) => {
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? new UsageError(
            `port ${values['emulator-port']} is in use`,
            'vtbroker demo --emulator-port 0',
          )
        : error;
    });
  const vtKey = emulator.createKey({ id: 'demo-soc', tier: 'premium' }).apikey;
  const sqlitePath = join(process.cwd(), '.vtbroker', 'demo.sqlite');
  await Promise.all(
    ['', '-wal', '-shm'].map((suffix) => rm(`${sqlitePath}${suffix}`, { force: true })),
  );
  const runtime = await openRuntime({
    configFile: values.config,
    override: (config) => ({
      ...config,
      server: { ...config.server, port: brokerPort, publicUrl: `http://127.0.0.1:${brokerPort}` },
      storage: { ...config.storage, driver: 'sqlite', sqlitePath },
      upstream: { ...config.upstream, baseUrl: emu.url },
    }),
  });
  const { broker } = runtime;
  const listening = await broker.listen(brokerPort, '127.0.0.1').catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new UsageError(`port ${brokerPort} is in use`, 'vtbroker demo --port 8081')
      : error;
  });
  await broker.keys.add({ name: 'demo-premium', apiKey: vtKey, actor: 'demo' });
  const { token } = await broker.tokens.create({
    consumer: 'demo',
    scopes: ['lookup', 'relationships', 'search', 'submit', 'quota'],
    actor: 'demo',
  });
  const url = listening.url;
  process.stdout.write(
    [
      `vtbroker demo: broker ${url}  →  offline VirusTotal emulator ${emu.url}`,
      '',
      `Token (scopes lookup, relationships, search, submit, quota): ${token}`,
      '',
      'Look up the EICAR test file through the broker:',
      `  curl -H 'x-apikey: ${token}' ${url}/api/v3/files/${EICAR_MD5}`,
      '',
      'vt-py:',
      '  import vt',
      `  client = vt.Client("${token}", host="${url}")`,
      `  print(client.get_object("/files/${EICAR_MD5}").last_analysis_stats)`,
      '',
      `Also: ${url}/metrics, ${url}/readyz. Ctrl-C stops both.`,
      '',
    ].join('\n'),
  );
  const flush = setInterval(() => void broker.usage.flush(), 10_000);
  await untilStopSignal();
  clearInterval(flush);
  await runtime.close();
  await emu.close();
  return 0;
}
