import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatIssue } from '../config/config-error.ts';
import { parseWebhooks } from './webhook-config.ts';

const fromYaml = (text: string) =>
  parseWebhooks((parse(text) as { alerts: { webhooks: unknown } }).alerts.webhooks, {
    baseDir: '/etc/vtbroker',
  });

describe('parseWebhooks', () => {
  it('reads a list of webhooks; relative secret files resolve against the YAML directory', () => {
    const parsed = fromYaml(`
alerts:
  webhooks:
    - name: ops
      url: https://alerts.example.com/vtbroker?channel=soc
      secretEnv: VTB_ALERT_WEBHOOK_SECRET
      timeoutMs: 5000
      maxAttempts: 3
    - name: pager
      url: https://events.example.net/hook
      secretFile: secrets/pager
`);
    expect(parsed.issues).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.webhooks).toEqual([
      {
        name: 'ops',
        url: 'https://alerts.example.com/vtbroker?channel=soc',
        secretEnv: 'VTB_ALERT_WEBHOOK_SECRET',
        timeoutMs: 5000,
        maxAttempts: 3,
      },
      {
        name: 'pager',
        url: 'https://events.example.net/hook',
        secretFile: '/etc/vtbroker/secrets/pager',
      },
    ]);
  });

  it('takes nothing (absent or null) as no webhooks', () => {
    expect(parseWebhooks(undefined)).toEqual({ webhooks: [], issues: [], warnings: [] });
    expect(parseWebhooks(null)).toEqual({ webhooks: [], issues: [], warnings: [] });
  });

  it('warns about a webhook without a secret, and about plain HTTP off this machine', () => {
    const parsed = parseWebhooks([
      { name: 'lab', url: 'http://10.0.0.5/hook' },
      { name: 'local', url: 'http://127.0.0.1:9000/hook', secretEnv: 'S' },
    ]);
    expect(parsed.issues).toEqual([]);
    expect(parsed.webhooks.map((w) => w.name)).toEqual(['lab', 'local']);
    expect(parsed.warnings).toEqual([
      'alerts.webhooks[0] (lab) has no secretEnv or secretFile: its alerts are sent unsigned, and a receiver cannot tell them from forged ones (docs/alerts.md, "Signature")',
      'alerts.webhooks[0] (lab) is plain HTTP: alerts (key names, fingerprints) travel in clear; use https://',
    ]);
  });

  it('names the option path, what is wrong and an example for each problem', () => {
    const parsed = parseWebhooks([
      { name: 'ops', url: 'ftp://alerts.example.com/x?token=abc123', timeoutMs: 5 },
      { url: 'https://a.example/' },
      { name: 'ops', url: 'https://b.example/', secretEnv: 'X', secretFile: '/s' },
      'https://c.example/',
    ]);
    expect(parsed.webhooks).toEqual([]);
    expect(parsed.issues.map((i) => [i.option, i.problem])).toEqual([
      [
        'alerts.webhooks[0].url',
        'alerts.webhooks[0].url must be an http:// or https:// URL without user, password or fragment',
      ],
      [
        'alerts.webhooks[0].timeoutMs',
        'alerts.webhooks[0].timeoutMs must be an integer from 100 to 300000, got 5',
      ],
      ['alerts.webhooks[1].name', 'alerts.webhooks[1].name is missing'],
      ['alerts.webhooks[2]', 'alerts.webhooks[2]: set secretEnv or secretFile, not both'],
      [
        'alerts.webhooks[3]',
        'alerts.webhooks[3] must be a mapping with name and url, got "https://c.example/"',
      ],
    ]);
    expect(formatIssue(parsed.issues[1]!)).toBe(
      [
        'alerts.webhooks[0].timeoutMs must be an integer from 100 to 300000, got 5',
        '  example: alerts:',
        '    webhooks:',
        '      - name: ops',
        '        url: https://alerts.example.com/vtbroker',
        '        timeoutMs: 10000',
      ].join('\n'),
    );
    // A rejected URL is never echoed: it may carry a token.
    expect(JSON.stringify(parsed.issues)).not.toContain('abc123');
  });

  it('refuses duplicate names, a non-list, and credentials in the URL', () => {
    expect(parseWebhooks({ name: 'ops' }).issues[0]?.problem).toBe(
      'alerts.webhooks must be a list of webhooks, got a mapping',
    );
    const dup = parseWebhooks([
      { name: 'ops', url: 'https://a.example/' },
      { name: 'ops', url: 'https://b.example/' },
    ]);
    expect(dup.issues.map((i) => i.option)).toEqual(['alerts.webhooks[1].name']);
    const creds = parseWebhooks([{ name: 'x', url: 'https://user:pw@a.example/' }]);
    expect(creds.issues.map((i) => i.option)).toEqual(['alerts.webhooks[0].url']);
    expect(JSON.stringify(creds.issues)).not.toContain('pw@');
  });

  it('suggests the closest option for a misspelt key, and keeps secrets out of the file', () => {
    const parsed = parseWebhooks([
      { name: 'a', url: 'https://a.example/', secret_env: 'X' },
      { name: 'b', url: 'https://b.example/', secret: 'hunter2-hunter2-hunter2' },
      { name: 'c', url: 'https://c.example/', constructor: 1 },
    ]);
    expect(parsed.issues.map((i) => i.problem)).toEqual([
      'alerts.webhooks[0].secret_env is not an option; did you mean secretEnv?',
      'alerts.webhooks[1].secret is not an option, and a secret never goes in the file: put it in an environment variable named by secretEnv, or in a file (mode 0600) named by secretFile',
      'alerts.webhooks[2].constructor is not an option; the options are name, url, secretEnv, secretFile, timeoutMs, maxAttempts',
    ]);
    expect(JSON.stringify(parsed.issues)).not.toContain('hunter2');
  });
});
