import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWebhookSecrets } from './webhook-secrets.ts';

const SECRET = 's3cr3t-'.repeat(5);
const URL = 'https://alerts.example.com/hook';
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtb-webhook-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadWebhookSecrets', () => {
  it('reads secretEnv from the given environment and a 0600 secretFile (trimmed); none is undefined', async () => {
    const file = join(dir, 'secret');
    await writeFile(file, `${SECRET}\n`, { mode: 0o600 });
    const loaded = loadWebhookSecrets(
      [
        { name: 'a', url: URL, secretEnv: 'VTB_HOOK' },
        { name: 'b', url: URL, secretFile: file },
        { name: 'c', url: URL },
      ],
      { env: { VTB_HOOK: ` ${SECRET} ` } },
    );
    expect(loaded).toEqual({ secrets: [SECRET, SECRET, undefined], issues: [] });
  });

  it.skipIf(!posix)(
    'refuses a secret file that group or others may read, saying how to fix it',
    async () => {
      const file = join(dir, 'secret');
      await writeFile(file, SECRET);
      await chmod(file, 0o640);
      const { issues } = loadWebhookSecrets([{ name: 'a', url: URL, secretFile: file }], {
        env: {},
        checkPermissions: true,
      });
      expect(issues).toEqual([
        {
          option: 'alerts.webhooks[0].secretFile',
          source: 'file',
          problem: `alerts.webhooks[0].secretFile is ${file}, which group or others may read (mode 0640); refusing to use it`,
          example: `  example: chmod 600 ${file}`,
        },
      ]);
    },
  );

  it('names the option for an unset variable, a missing file, a directory and a short secret', async () => {
    const short = join(dir, 'short');
    await writeFile(short, 'tiny', { mode: 0o600 });
    const { secrets, issues } = loadWebhookSecrets(
      [
        { name: 'a', url: URL, secretEnv: 'VTB_UNSET' },
        { name: 'b', url: URL, secretFile: join(dir, 'missing') },
        { name: 'c', url: URL, secretFile: dir },
        { name: 'd', url: URL, secretFile: short },
      ],
      { env: { VTB_UNSET: '  ' } },
    );
    expect(secrets).toEqual([undefined, undefined, undefined, undefined]);
    expect(issues.map((i) => i.problem)).toEqual([
      'alerts.webhooks[0].secretEnv names VTB_UNSET, which is not set or empty: set it to the secret the receiver checks signatures with',
      `alerts.webhooks[1].secretFile is ${join(dir, 'missing')}, which cannot be read (ENOENT)`,
      `alerts.webhooks[2].secretFile is ${dir}, which is not a regular file`,
      'the secret from alerts.webhooks[3].secretFile has 4 characters; a signing secret needs at least 16',
    ]);
    expect(issues[0]?.example).toBe('  example: export VTB_UNSET="$(openssl rand -hex 32)"');
    expect(JSON.stringify(issues)).not.toContain('tiny');
  });
});
