// The contract every `SecretStore` driver passes (STYLE.md, "Tests": contract suites for
// every driver): env-file in a temp directory, Vault and AWS Secrets Manager against
// their fakes over real HTTP. Each driver's test supplies a harness that can play the
// other writer, crash an install at the driver's own crash points, and make the next
// request fail. Nothing sleeps.
import { createHash, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStoreError, type SecretStore } from './secret-store.ts';

/** A VT-shaped key (64 hex) that is easy to spot in any text. */
export const vtKey = (label: string): string =>
  createHash('sha256').update(`vt-key-${label}`).digest('hex');

export interface SecretStoreHarness {
  store: SecretStore;
  /** Creates the secret holding `value`, with the neighbours a real one has (other fields, lines, JSON keys). */
  seed(value: string): Promise<void> | void;
  /** Everything in the secret except the store's value: must be the same before and after an install. */
  neighbours(): unknown;
  /** Another writer sets the value behind the store's back. */
  writeBehind(value: string): Promise<void> | void;
  /** Runs `write` once, after the store's next read and before its next write. */
  interleave(write: () => Promise<void> | void): void;
  /** The driver's crash points; `crashAt` makes the next install die there. */
  crashPoints: readonly string[];
  crashAt(point: string): void;
  /** Versions the store holds for the secret (absent: the store keeps no versions). */
  versionCount?(): Promise<number> | number;
  /** False when install cannot create the secret (AWS: the operator creates it); `createEmpty` makes one without a value. */
  createEmpty?(): Promise<void> | void;
  /** Makes the next request fail as the store does for a missing permission, or when it is down. */
  failNext(kind: 'denied' | 'unavailable'): void;
  /** Credentials the store uses: never in an error either. */
  credentials: readonly string[];
  close(): Promise<void>;
}

async function caught(run: Promise<unknown>): Promise<SecretStoreError> {
  const error: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretStoreError);
  return error as SecretStoreError;
}

export function describeSecretStoreContract(
  name: string,
  make: () => Promise<SecretStoreHarness>,
): void {
  describe(`SecretStore contract: ${name}`, () => {
    let h: SecretStoreHarness;
    let store: SecretStore;
    const A = vtKey('A');
    const B = vtKey('B');
    const C = vtKey('C');
    const op = (): string => randomUUID();
    const secrets = (): string[] => [A, B, C, ...h.credentials];

    beforeEach(async () => {
      h = await make();
      store = h.store;
    });
    afterEach(async () => {
      await h.close();
    });

    /** Message, hint, JSON, inspect() (with causes) and stack hold no secret and name a fix. */
    function expectClean(error: SecretStoreError): void {
      expect(error.store).toBe(store.name);
      expect(error.hint.length).toBeGreaterThan(10);
      expect(error.message).toContain(store.name);
      const texts = [
        error.message,
        error.hint,
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        String(error.stack),
      ];
      for (const text of texts) for (const secret of secrets()) expect(text).not.toContain(secret);
    }

    it('describes where it points without a credential', () => {
      expect(store.describe()).toContain(store.kind);
      for (const secret of h.credentials) expect(store.describe()).not.toContain(secret);
    });

    it('reads a missing secret as undefined, and readNext says not_found with a fix', async () => {
      expect(await store.readCurrent()).toBeUndefined();
      const error = await caught(store.readNext());
      expect(error.code).toBe('not_found');
      expectClean(error);
    });

    it('installs into a missing secret (or names the fix), then reads it back', async () => {
      if (h.createEmpty) {
        const error = await caught(store.install(A, { operationId: op() }));
        expect(error.code).toBe('not_found');
        expectClean(error);
        await h.createEmpty();
        expect(await store.readCurrent()).toBeUndefined();
      }
      const result = await store.install(A, { operationId: op() });
      expect(result.changed).toBe(true);
      const current = await store.readCurrent();
      expect(current).toEqual({ value: A, versionId: result.versionId, stage: 'current' });
      expect(await store.readNext()).toEqual(current);
    });

    it('replaces the value and keeps everything else in the secret', async () => {
      await h.seed(A);
      expect((await store.readCurrent())?.value).toBe(A);
      const before = await h.neighbours();
      const result = await store.install(B, { operationId: op() });
      expect(result.changed).toBe(true);
      expect(await store.readCurrent()).toEqual({
        value: B,
        versionId: result.versionId,
        stage: 'current',
      });
      expect(await h.neighbours()).toEqual(before);
    });

    it('is idempotent per operationId: a second run changes nothing and adds no version', async () => {
      await h.seed(A);
      const operationId = op();
      const first = await store.install(B, { operationId });
      const versions = await h.versionCount?.();
      const again = await store.install(B, { operationId });
      expect(again).toEqual({ versionId: first.versionId, changed: false });
      expect(await h.versionCount?.()).toBe(versions);
      const other = await store.install(B, { operationId: op() });
      expect(other).toEqual({ versionId: first.versionId, changed: false });
    });

    it('converges when re-run after a crash at any point of an install', async () => {
      for (const point of h.crashPoints) {
        const from = vtKey(`before-${point}`);
        const to = vtKey(`after-${point}`);
        await h.seed(from);
        const before = await h.neighbours();
        const versions = await h.versionCount?.();
        const operationId = op();
        h.crashAt(point);
        await expect(store.install(to, { operationId }), point).rejects.toThrow();
        const rerun = await store.install(to, { operationId });
        expect((await store.readCurrent())?.value, point).toBe(to);
        expect((await store.readCurrent())?.versionId, point).toBe(rerun.versionId);
        if (versions !== undefined) expect(await h.versionCount?.(), point).toBe(versions + 1);
        expect(await h.neighbours(), point).toEqual(before);
        expect(await store.install(to, { operationId }), point).toEqual({
          versionId: rerun.versionId,
          changed: false,
        });
      }
    });

    it('fails with conflict, never overwrites, when another writer comes between read and write', async () => {
      await h.seed(A);
      const operationId = op();
      h.interleave(() => h.writeBehind(C));
      const error = await caught(store.install(B, { operationId }));
      expect(error.code).toBe('conflict');
      expectClean(error);
      expect((await store.readCurrent())?.value).toBe(C);
      // The caller may retry the same operation on top of the other writer's value.
      await store.install(B, { operationId });
      expect((await store.readCurrent())?.value).toBe(B);
    });

    it('says denied and unavailable with a fix, and never shows a secret', async () => {
      await h.seed(A);
      for (const kind of ['denied', 'unavailable'] as const) {
        h.failNext(kind);
        const onRead = await caught(store.readCurrent());
        expect(onRead.code).toBe(kind);
        expectClean(onRead);
        h.failNext(kind);
        const onInstall = await caught(store.install(B, { operationId: op() }));
        expect(onInstall.code).toBe(kind);
        expectClean(onInstall);
      }
      expect((await store.readCurrent())?.value).toBe(A);
    });

    it('refuses an operationId that is not a UUID and a value with a line break', async () => {
      await h.seed(A);
      expectClean(await caught(store.install(B, { operationId: B })));
      const error = await caught(store.install(`${B}\n${C}`, { operationId: op() }));
      expect(error.code).toBe('invalid');
      expectClean(error);
      expect((await store.readCurrent())?.value).toBe(A);
    });
  });
}
