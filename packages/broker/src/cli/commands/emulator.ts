// `vtbroker emulator`: the offline VirusTotal on a port, with a public and a
// premium key printed at start.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createEmulator } from '@vtbroker/emulator';
import { UsageError } from '../usage-error.ts';
import { untilStopSignal } from '../stop-signal.ts';

const HELP = `Usage: vtbroker emulator [options]

Runs an offline VirusTotal API v3 (and legacy v2) server.

Options:
  --port <n>            port to listen on (default 8090; 0 picks a free one)
  --host <addr>         address to bind (default 127.0.0.1)
  --seed <text>         seed of the synthetic corpus (default "vtbroker")
  --files <n>           number of synthetic files (default 2000)
  --fixtures <file>     JSON file of VT objects to load (a GET answer, a bare object or a list)
  --public-url <url>    base of absolute links (default: the request's Host)
  --control-token <t>   require header x-emulator-token on /_emulator/* (default: open)
  --no-default-keys     do not create the public and premium keys at start
  --json                print the start-up details as one JSON line
  -h, --help            show this help
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8090' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      files: { type: 'string' },
      fixtures: { type: 'string' },
      'public-url': { type: 'string' },
      'control-token': { type: 'string' },
      'no-default-keys': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a number from 0 to 65535, got "${values.port}"`,
      'vtbroker emulator --port 8090',
    );
  }
  const files = values.files === undefined ? undefined : Number(values.files);
  if (files !== undefined && !(Number.isInteger(files) && files >= 0)) {
    throw new UsageError(
      `--files must be a non-negative integer, got "${values.files ?? ''}"`,
      'vtbroker emulator --files 500',
    );
  }
  const emulator = createEmulator({
    ...(values.seed ? { seed: values.seed } : {}),
    ...(files !== undefined ? { corpus: { files } } : {}),
    settings: {
      publicUrl: values['public-url'],
      controlToken: values['control-token'],
    },
  });
  if (values.fixtures)
    await loadFixtureFile(emulator.fetch, values.fixtures, values['control-token']);
  let running;
  try {
    running = await emulator.listen({ port, host: values.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(
        `port ${port} is already in use`,
        'pick another: vtbroker emulator --port 8091 (or --port 0 for any free port)',
      );
    throw error;
  }
  const keys = values['no-default-keys']
    ? []
    : [
        { label: 'public', ...emulator.createKey({ id: 'demo-public', tier: 'public' }) },
        { label: 'premium', ...emulator.createKey({ id: 'demo-premium', tier: 'premium' }) },
      ];
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ url: running.url, keys: keys.map((k) => ({ tier: k.label, user: k.user.id, apikey: k.apikey })) })}\n`,
    );
  } else {
    const lines = [`vtbroker emulator listening on ${running.url}`];
    for (const k of keys) lines.push(`  ${k.label} key (${k.user.id}): ${k.apikey}`);
    if (keys[0]) {
      lines.push(
        '',
        'Try:',
        `  curl -H 'x-apikey: ${keys[0].apikey}' ${running.url}/api/v3/files/44d88612fea8a8f36de82e1278abb02f`,
      );
    }
    lines.push(
      '',
      `Control API: ${running.url}/_emulator/ (see packages/emulator/README.md)`,
      'Stop with Ctrl-C.',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  await untilStopSignal();
  await running.close();
  return 0;
}

async function loadFixtureFile(
  fetch: (input: string, init?: RequestInit) => Promise<Response>,
  path: string,
  token: string | undefined,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(
      `cannot read --fixtures file "${path}"`,
      'pass a JSON file of VT objects, e.g. --fixtures ./fixtures/files.json',
    );
  }
  const res = await fetch('http://emulator.local/_emulator/fixtures', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { 'x-emulator-token': token } : {}),
    },
    body: JSON.stringify({ objects: JSON.parse(text) as unknown }),
  });
  if (!res.ok) {
    const body = (await res.json()) as { error?: { message?: string } };
    throw new UsageError(`--fixtures "${path}": ${body.error?.message ?? res.statusText}`);
  }
}
