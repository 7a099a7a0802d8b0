import { describe, expect, it } from 'vitest';
import { detectVtKey } from './detect-vt-keys.ts';
import { createTextContext } from './text-context.ts';
import { fakeHash, fakeKey } from './test-support/fake-secrets.ts';

/** The finding for the first 64-hex value of `text`, as scan-text.ts would hand it over. */
function detect(text: string, file = 'x.py') {
  const offset = text.search(/[0-9a-f]{64}/);
  return detectVtKey(createTextContext(text, file), offset, text.slice(offset, offset + 64));
}

describe('detectVtKey', () => {
  const key = fakeKey('detect');

  it('reports a key in key context, redacted, with the key list fingerprint', () => {
    const f = detect(`import os\nVT_API_KEY = "${key}"\n`);
    expect(f).toMatchObject({
      ruleId: 'vt-api-key',
      severity: 'error',
      line: 2,
      column: 15,
      secret: { kind: 'vt-key', redacted: `${key.slice(0, 4)}…${key.slice(-4)}` },
    });
    expect(f?.secret?.fingerprint).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(f?.message).toContain('an assignment to VT_API_KEY');
    expect(JSON.stringify(f)).not.toContain(key);
  });

  it('says that a key in a URL leaks into logs', () => {
    const f = detect(`url = "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}"`);
    expect(f?.message).toMatch(
      /travels in the URL, where proxies, web servers and shell history log it/,
    );
  });

  it('ignores a SHA-256 without key context and example values', () => {
    expect(detect(`sha256,family\n${fakeHash('x')},emotet\n`, 'iocs.csv')).toBeUndefined();
    expect(detect(`VT_API_KEY=${'0123456789abcdef'.repeat(4)}\n`, '.env')).toBeUndefined();
  });

  it('names the fix for the language', () => {
    expect(detect(`const k = '${key}'; const vtApiKey = k`, 'a.js')).toBeUndefined();
    expect(detect(`const vtApiKey = '${key}'`, 'a.js')?.fix).toContain('process.env.VT_API_KEY');
    expect(detect(`apikey="${key}"`, '.vt.toml')?.fix).toContain('VTCLI_APIKEY');
    expect(detect(`export VT_API_KEY=${key}`, 'run.sh')?.fix).toMatch(
      /^Do not set VT_API_KEY in the script/,
    );
    expect(detect(`k = os.getenv("VT_API_KEY", "${key}")`)?.fix).toMatch(
      /^Remove the built-in default/,
    );
  });
});
