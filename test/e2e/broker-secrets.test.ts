// The VT key appears nowhere outside the broker: not in log lines, errors,
// metrics, answers, or the database file's bytes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../packages/broker/src/store/drivers/sqlite.ts';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

let h: BrokerHarness;
let dir: string;
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the VT key never leaves the broker', () => {
  it('is absent from logs, errors, metrics, answers and the SQLite file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtb-secrets-'));
    const store = sqliteStore({ path: join(dir, 'vtbroker.sqlite') });
    h = await brokerHarness({ store });
    const token = await h.token('everything', [
      'lookup',
      'relationships',
      'search',
      'quota',
      'submit',
    ]);
    const answers: string[] = [];
    const record = async (res: Response) => {
      answers.push(JSON.stringify([...res.headers]), await res.text());
    };
    await record(await h.get('/api/v3/files/44d88612fea8a8f36de82e1278abb02f', token));
    await record(await h.get('/api/v3/users/soc', token)); // VT shows its owner the key
    await record(await h.get(`/api/v3/users/soc/overall_quotas`, token));
    await record(await h.get('/api/v3/search?query=example.com', token));
    h.emu.faults.add({ action: { kind: 'transient' }, count: 1 });
    await record(await h.get('/api/v3/domains/example.com', token));
    h.emu.faults.add({ action: { kind: 'drop' }, count: 1 });
    await record(await h.get('/api/v3/ip_addresses/8.8.8.8', token));
    h.emu.accounts.revokeKey(h.vtKey); // the broker's key dies at VT
    await record(await h.get('/api/v3/urls/aHR0cDovL3d3dy5leGFtcGxlLmNvbS8', token));
    await record(await fetch(`${h.url}/metrics`));
    await h.broker.usage.flush();
    await h.close();
    await store.close();

    const user = JSON.parse(answers[3] ?? '{}') as {
      data: { attributes: Record<string, unknown> };
    };
    expect(user.data.attributes['apikey']).toBe('[REDACTED]');
    const haystacks = { logs: h.logs.join('\n'), answers: answers.join('\n') };
    for (const [where, text] of Object.entries(haystacks))
      expect(text, where).not.toContain(h.vtKey);
    expect(h.logs.some((l) => l.includes('VirusTotal rejected the broker key'))).toBe(true);
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(h.vtKey)), file).toBe(false);
      expect(bytes.includes(Buffer.from(h.vtKey.toUpperCase())), file).toBe(false);
    }
  });
});
