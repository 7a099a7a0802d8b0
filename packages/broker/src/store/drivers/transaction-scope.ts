// Transaction scoping for the drivers whose engine is synchronous (memory,
// SQLite). The Store interface is async, so a transaction's callback awaits
// between its writes; without care, another request's write would land inside
// that open transaction and be rolled back with it. So each scope runs one
// transaction at a time and queues every other operation behind it; nested
// transactions get a child scope (a savepoint, a snapshot). Misuse fails fast
// instead of hanging: the outer store used inside a callback, or a transaction's
// store used after the transaction ended.
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a driver does at each edge of a transaction; depth 0 is the outermost. */
export interface TransactionHooks {
  begin(depth: number): void;
  commit(depth: number): void;
  rollback(depth: number): void;
}

export interface TxScope {
  /** Runs one synchronous operation now, or after the transaction running in this scope. */
  exec<T>(op: () => T): Promise<T>;
  /** Runs `fn` in a child scope between begin and commit, or rollback when it throws. */
  transaction<T>(fn: (child: TxScope) => Promise<T>): Promise<T>;
}

export interface RootScope extends TxScope {
  /** Waits for what is queued, runs `op` once, and refuses every later operation. */
  close(op: () => void): Promise<void>;
}

/** The transactions the current async context is inside, innermost last. */
const inside = new AsyncLocalStorage<readonly symbol[]>();

interface Gate {
  /** Runs `task` after everything queued before it; `sync` tasks skip an idle queue. */
  run<T>(task: () => T | Promise<T>, sync: boolean): Promise<T>;
}

function createGate(): Gate {
  let queued = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const done = (): void => {
    queued -= 1;
  };
  return {
    run<T>(task: () => T | Promise<T>, sync: boolean): Promise<T> {
      if (sync && queued === 0) {
        return new Promise<T>((resolve) => {
          resolve(task());
        });
      }
      queued += 1;
      const result = tail.then(task);
      tail = result.then(done, done);
      return result;
    },
  };
}

type StateCheck = () => string | undefined;

function createScope(
  driver: string,
  hooks: TransactionHooks,
  depth: number,
  state: StateCheck,
): TxScope {
  const gate = createGate();
  let running: symbol | undefined;

  const refuse = (): Error | undefined => {
    const problem = state();
    if (problem !== undefined) return new Error(`${driver} store: ${problem}`);
    if (running !== undefined && inside.getStore()?.includes(running) === true) {
      return new Error(
        `${driver} store: called from inside its own transaction on the wrong store; ` +
          'inside store.transaction(fn), use the store passed to fn (the outer one would wait for the transaction forever)',
      );
    }
    return undefined;
  };
  const guarded = <T>(task: () => T): (() => T) => {
    return () => {
      const problem = state();
      if (problem !== undefined) throw new Error(`${driver} store: ${problem}`);
      return task();
    };
  };

  const runTransaction = async <T>(fn: (child: TxScope) => Promise<T>): Promise<T> => {
    hooks.begin(depth);
    const token = Symbol('transaction');
    running = token;
    let finished = false;
    const child = createScope(driver, hooks, depth + 1, () =>
      finished
        ? 'this transaction has finished: use its store only inside the callback'
        : undefined,
    );
    try {
      const value = await inside.run([...(inside.getStore() ?? []), token], () => fn(child));
      hooks.commit(depth);
      return value;
    } catch (error) {
      hooks.rollback(depth);
      throw error;
    } finally {
      finished = true;
      running = undefined;
    }
  };

  return {
    exec<T>(op: () => T): Promise<T> {
      const problem = refuse();
      return problem ? Promise.reject(problem) : gate.run(guarded(op), true);
    },
    transaction<T>(fn: (child: TxScope) => Promise<T>): Promise<T> {
      const problem = refuse();
      if (problem) return Promise.reject(problem);
      return gate.run(
        guarded(() => runTransaction(fn)),
        false,
      );
    },
  };
}

/** The scope of a store itself: outside every transaction. */
export function createRootScope(driver: string, hooks: TransactionHooks): RootScope {
  let closed = false;
  let closing: Promise<void> | undefined;
  const scope = createScope(driver, hooks, 0, () =>
    closed ? 'the store is closed; open a new one' : undefined,
  );
  return {
    ...scope,
    close(op: () => void): Promise<void> {
      if (closed) return Promise.resolve();
      closing ??= scope
        .exec(() => {
          closed = true;
          op();
        })
        .finally(() => {
          closing = undefined;
        });
      return closing;
    },
  };
}
