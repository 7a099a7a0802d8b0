import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.ts';
import { consumer } from '../contract/fixtures.ts';
import { memoryStore } from './memory.ts';

describeStoreContract('memory', () => Promise.resolve(memoryStore()));

describe('memory store', () => {
  it('keeps separate stores apart', async () => {
    const a = memoryStore();
    const b = memoryStore();
    await a.consumers.create(consumer());
    expect(await b.consumers.list()).toStrictEqual([]);
    expect(a.driver).toBe('memory');
  });

  it('stores audit details as JSON would, like the SQL drivers', async () => {
    const store = memoryStore();
    const entry = await store.audit.append({
      at: 0,
      actor: 'system',
      action: 'demo',
      target: null,
      result: 'ok',
      requestId: null,
      details: { when: new Date(0), skipped: undefined },
    });
    expect(entry.details).toStrictEqual({ when: '1970-01-01T00:00:00.000Z' });
  });
});
