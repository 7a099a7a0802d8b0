import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFixes } from './plan-fixes.ts';
import { fakeBrokerToken, fakeKey } from './test-support/fake-secrets.ts';
import { unifiedDiff } from './unified-diff.ts';

const key = fakeKey('plan');
const fix = (file: string, text: string, brokerUrl?: string) =>
  planFixes(text, file, brokerUrl === undefined ? {} : { brokerUrl });

describe('planFixes', () => {
  it.each([
    [
      'a.py',
      `import requests\nkey = "${key}"  # vt_api_key\nVT_API_KEY = '${key}'\n`,
      `import os\nimport requests\nkey = "${key}"  # vt_api_key\nVT_API_KEY = os.environ["VT_API_KEY"]\n`,
    ],
    [
      'a.py',
      `client = vt.Client("${key}")\n`,
      'import os\nclient = vt.Client(os.environ["VT_API_KEY"])\n',
    ],
    [
      'a.js',
      `const VIRUSTOTAL_API_KEY = '${key}';\n`,
      'const VIRUSTOTAL_API_KEY = process.env.VIRUSTOTAL_API_KEY;\n',
    ],
    [
      'a.go',
      `import (\n\t"os"\n)\nfunc f() { req.Header.Set("x-apikey", "${key}") }\n`,
      'import (\n\t"os"\n)\nfunc f() { req.Header.Set("x-apikey", os.Getenv("VT_API_KEY")) }\n',
    ],
    ['a.ps1', `$h = @{ "x-apikey" = "${key}" }\n`, '$h = @{ "x-apikey" = $env:VT_API_KEY }\n'],
    ['a.sh', `curl -H 'x-apikey: ${key}' "$u"\n`, `curl -H 'x-apikey: '"\${VT_API_KEY}" "$u"\n`],
    [
      'docker-compose.yml',
      `    environment:\n      - VT_API_KEY=${key}\n`,
      '    environment:\n      - VT_API_KEY=${VT_API_KEY}\n',
    ],
    ['a.env', `VTB_API_KEY=${fakeBrokerToken('p')}\n`, `VTB_API_KEY=${fakeBrokerToken('p')}\n`],
  ])('%s: rewrites only what stays valid', (file, before, after) => {
    expect(fix(file, before).after).toBe(after);
  });

  it('leaves what it cannot rewrite safely as a finding', () => {
    for (const [file, text] of [
      ['a.go', `const vtAPIKey = "${key}"\n`], // os.Getenv is not a constant
      ['a.go', `var k = "${key}" // vt_api_key\nfunc f() { h.Set("x-apikey", "${key}") }\n`], // no "os" import
      ['a.py', `k = os.getenv("VT_API_KEY", "${key}")\n`], // a default: remove it by hand
      ['a.sh', `export VT_API_KEY=${key}\n`], // the variable itself
      ['settings.yaml', `vt_api_key: ${key}\n`], // YAML does not expand variables
    ] as const) {
      const result = fix(file, text);
      expect(result.after).toBe(text);
      expect(result.remaining.map((f) => f.ruleId)).toContain('vt-api-key');
    }
  });

  it('moves a curl v2 call to v3 with the key in a header, over two rounds', () => {
    const result = fix(
      'a.sh',
      `curl -s "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}&resource=$h"\n`,
    );
    expect(result.after).toBe(
      'curl -H "x-apikey: ${VT_API_KEY}" -s "https://www.virustotal.com/api/v3/files/$h"\n',
    );
    expect([...result.rewrites].sort()).toEqual(['secret', 'v3']);
    expect(result.remaining).toEqual([]);
  });

  it('with a broker, changes only the origin and reads a broker token', () => {
    const result = fix(
      'a.sh',
      `curl "https://www.virustotal.com/vtapi/v2/domain/report?apikey=${key}&domain=x.org"\n`,
      'http://127.0.0.1:8080',
    );
    expect(result.after).toBe(
      'curl "http://127.0.0.1:8080/vtapi/v2/domain/report?apikey=${VTB_API_KEY}&domain=x.org"\n',
    );
    expect(result.remaining).toEqual([]);
  });
});

describe('unifiedDiff', () => {
  it('is a patch that git apply accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtb-diff-'));
    try {
      const before = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n';
      const after = before
        .replace('line 3\n', 'line three\n')
        .replace('line 25\n', 'line 25\nadded\n');
      writeFileSync(join(dir, 'f.txt'), before);
      const diff = unifiedDiff('f.txt', before, after, ['a header line']);
      expect(diff.match(/^@@/gm)).toHaveLength(2);
      writeFileSync(join(dir, 'p.diff'), diff);
      execFileSync('git', ['apply', 'p.diff'], { cwd: dir });
      expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
