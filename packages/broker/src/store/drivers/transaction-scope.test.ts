import { describe, expect, it } from 'vitest';
import { createRootScope, type TransactionHooks } from './transaction-scope.ts';

function recordingHooks(log: string[]): TransactionHooks {
  return {
    begin: (depth) => log.push(`begin ${depth}`),
    commit: (depth) => log.push(`commit ${depth}`),
    rollback: (depth) => log.push(`rollback ${depth}`),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('transaction scope', () => {
  it('begins and commits at each depth, innermost first', async () => {
    const log: string[] = [];
    const root = createRootScope('test', recordingHooks(log));
    const value = await root.transaction((tx) => tx.transaction(() => Promise.resolve('v')));
    expect(value).toBe('v');
    expect(log).toEqual(['begin 0', 'begin 1', 'commit 1', 'commit 0']);
  });

  it('rolls back the depth whose callback threw', async () => {
    const log: string[] = [];
    const root = createRootScope('test', recordingHooks(log));
    await root.transaction(async (tx) => {
      await tx.transaction(() => Promise.reject(new Error('inner'))).catch(() => undefined);
    });
    expect(log).toEqual(['begin 0', 'begin 1', 'rollback 1', 'commit 0']);
  });

  it('runs operations issued during a transaction after it ends, in order', async () => {
    const log: string[] = [];
    const root = createRootScope('test', recordingHooks(log));
    const tx = root.transaction(async (scope) => {
      await scope.exec(() => log.push('in tx'));
      await tick();
      log.push('tx done');
    });
    await tick();
    const outside = [root.exec(() => log.push('op 1')), root.exec(() => log.push('op 2'))];
    await Promise.all([tx, ...outside]);
    expect(log).toEqual(['begin 0', 'in tx', 'tx done', 'commit 0', 'op 1', 'op 2']);
  });

  it('serialises transactions, so a read-modify-write across awaits is not lost', async () => {
    const root = createRootScope('test', recordingHooks([]));
    let counter = 0;
    const increment = () =>
      root.transaction(async (tx) => {
        const read = await tx.exec(() => counter);
        await tick();
        await tx.exec(() => (counter = read + 1));
      });
    await Promise.all([increment(), increment(), increment()]);
    expect(counter).toBe(3);
  });

  it('fails a transaction whose begin fails and stays usable', async () => {
    const hooks = recordingHooks([]);
    const root = createRootScope('test', {
      ...hooks,
      begin: () => {
        throw new Error('database is locked');
      },
    });
    await expect(root.transaction(() => Promise.resolve())).rejects.toThrow('database is locked');
    expect(await root.exec(() => 'still open')).toBe('still open');
  });

  it('closes after the open transaction and refuses what comes later', async () => {
    const log: string[] = [];
    const root = createRootScope('test', recordingHooks(log));
    const tx = root.transaction(async () => {
      await tick();
      log.push('tx body');
    });
    await tick();
    const closed = root.close(() => log.push('closed'));
    const late = root.exec(() => log.push('late'));
    await tx;
    await closed;
    await expect(late).rejects.toThrow('test store: the store is closed');
    expect(log).toEqual(['begin 0', 'tx body', 'commit 0', 'closed']);
    await root.close(() => log.push('closed twice'));
    expect(log).not.toContain('closed twice');
  });
});
