import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMasterKeyRing,
  decodeMasterKey,
  loadMasterKey,
  masterKeyId,
  MasterKeyError,
  masterKeyFromBytes,
} from './master-key.ts';
import { openSecret, sealSecret } from './secret-box.ts';

const KEY = Buffer.alloc(32, 0xab);
const KEY_B64 = KEY.toString('base64');
const KEY_HEX = KEY.toString('hex');
const KEY_ID = createHash('sha256').update(KEY).digest('hex').slice(0, 8);
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtb-master-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(run: Promise<unknown>): Promise<MasterKeyError> {
  const error: unknown = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MasterKeyError);
  return error as MasterKeyError;
}

describe('decodeMasterKey', () => {
  it('accepts base64 (standard, url-safe, unpadded) and hex of exactly 32 bytes', () => {
    for (const text of [
      KEY_B64,
      `${KEY_B64}\n`,
      KEY.toString('base64url'),
      KEY_HEX,
      KEY_HEX.toUpperCase(),
    ]) {
      expect(decodeMasterKey(text)?.equals(KEY)).toBe(true);
    }
  });

  it('rejects other lengths and encodings', () => {
    for (const text of [
      '',
      'abc',
      Buffer.alloc(16).toString('base64'),
      Buffer.alloc(33).toString('base64'),
      `${KEY_HEX}00`,
      `${KEY_B64.slice(0, -2)}B=`,
      '!'.repeat(44),
    ]) {
      expect(decodeMasterKey(text)).toBeUndefined();
    }
  });
});

describe('loadMasterKey from VTB_MASTER_KEY', () => {
  it('reads base64 or hex; the id is the first 8 hex of SHA-256', async () => {
    for (const value of [KEY_B64, KEY_HEX]) {
      const loaded = await loadMasterKey({
        env: { VTB_MASTER_KEY: value },
        keyFile: join(dir, 'none'),
      });
      expect(loaded).toMatchObject({ source: 'env', created: false, path: undefined });
      expect(loaded.key.id).toBe(KEY_ID);
    }
  });

  it('wins over an existing key file', async () => {
    const keyFile = join(dir, 'master.key');
    await writeFile(keyFile, Buffer.alloc(32, 1).toString('base64'), { mode: 0o600 });
    const loaded = await loadMasterKey({ env: { VTB_MASTER_KEY: KEY_B64 }, keyFile, create: true });
    expect(loaded.key.id).toBe(KEY_ID);
  });

  it('names the variable and how to generate a key, without echoing the value', async () => {
    const value = Buffer.alloc(16, 0xcd).toString('base64');
    for (const bad of [value, '']) {
      const error = await loadError(
        loadMasterKey({ env: { VTB_MASTER_KEY: bad }, keyFile: join(dir, 'k'), create: true }),
      );
      expect(error.code).toBe('invalid_encoding');
      expect(error.message).toContain('VTB_MASTER_KEY');
      expect(error.message).toContain('openssl rand -base64 32');
      if (bad !== '') expect(error.message).not.toContain(bad);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('loadMasterKey from a key file', () => {
  it('creates the file 0600 in a new 0700 directory, then reads the same key back', async () => {
    const keyFile = join(dir, 'state', 'master.key');
    const random = (size: number): Uint8Array => new Uint8Array(size).fill(0xab);
    const created = await loadMasterKey({ env: {}, keyFile, create: true, randomBytes: random });
    expect(created).toMatchObject({ source: 'file', created: true, path: keyFile });
    expect(created.key.id).toBe(KEY_ID);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(KEY_B64);
    if (posix) {
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'state'))).mode & 0o777).toBe(0o700);
    }
    expect(await readdir(join(dir, 'state'))).toEqual(['master.key']);
    const again = await loadMasterKey({ env: {}, keyFile, create: true });
    expect(again).toMatchObject({ created: false });
    expect(again.key.id).toBe(KEY_ID);
  });

  it('never replaces a key file created concurrently', async () => {
    const keyFile = join(dir, 'master.key');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => loadMasterKey({ env: {}, keyFile, create: true })),
    );
    const ids = new Set(results.map((result) => result.key.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['master.key']);
  });

  it('without create, a missing file says how to make one', async () => {
    const keyFile = join(dir, 'master.key');
    const error = await loadError(loadMasterKey({ env: {}, keyFile }));
    expect(error.code).toBe('missing');
    expect(error.message).toContain(keyFile);
    expect(error.message).toContain('VTB_MASTER_KEY');
    expect(error.hint).toContain('vtbroker init');
  });

  it.runIf(posix)('refuses a file readable by group or others, naming the chmod fix', async () => {
    const keyFile = join(dir, 'master.key');
    await writeFile(keyFile, `${KEY_B64}\n`);
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      await chmod(keyFile, mode);
      const error = await loadError(loadMasterKey({ env: {}, keyFile, create: true }));
      expect(error.code).toBe('insecure_file');
      expect(error.message).toContain(keyFile);
      expect(error.hint).toBe(`chmod 600 ${keyFile}`);
      expect(error.message).not.toContain(KEY_B64);
    }
    await chmod(keyFile, 0o400);
    expect((await loadMasterKey({ env: {}, keyFile })).key.id).toBe(KEY_ID);
  });

  it('rejects a key file with the wrong content without showing it', async () => {
    const keyFile = join(dir, 'master.key');
    const content = Buffer.alloc(20, 7).toString('base64');
    await writeFile(keyFile, content, { mode: 0o600 });
    const error = await loadError(loadMasterKey({ env: {}, keyFile, create: true }));
    expect(error.code).toBe('invalid_encoding');
    expect(error.message).toContain(keyFile);
    expect(error.message).not.toContain(content);
    expect(await readFile(keyFile, 'utf8')).toBe(content);
  });

  it('rejects a directory where the key file should be', async () => {
    const keyFile = join(dir, 'master.key');
    await mkdir(keyFile);
    const error = await loadError(loadMasterKey({ env: {}, keyFile, create: true }));
    expect(error.code).toBe('unreadable_file');
  });

  it('opens secrets sealed before a restart', async () => {
    const keyFile = join(dir, 'master.key');
    const first = await loadMasterKey({ env: {}, keyFile, create: true });
    const sealed = sealSecret('vt-key', first.key);
    const second = await loadMasterKey({ env: {}, keyFile });
    expect(openSecret(sealed, createMasterKeyRing(second.key))).toBe('vt-key');
  });
});

describe('createMasterKeyRing', () => {
  it('lists current first and ignores duplicates', () => {
    const a = masterKeyFromBytes(Buffer.alloc(32, 1));
    const b = masterKeyFromBytes(Buffer.alloc(32, 2));
    const ring = createMasterKeyRing(b, [a, b]);
    expect(ring.ids).toEqual([b.id, a.id]);
    expect(ring.get(a.id)).toBe(a);
    expect(ring.get('00000000')).toBeUndefined();
  });

  it('rejects a key of the wrong size', () => {
    expect(() => masterKeyFromBytes(Buffer.alloc(31))).toThrow(RangeError);
  });
});

describe('a master key ring (after vtbroker master-key rotate)', () => {
  it('reads a key file of several keys, the current one first, comments and blank lines aside', async () => {
    const keyFile = join(dir, 'ring.key');
    const older = Buffer.alloc(32, 7).toString('base64');
    await writeFile(keyFile, `# rotated\n${KEY_B64}\n\n${older}\n`, { mode: 0o600 });
    const loaded = await loadMasterKey({ env: {}, keyFile });
    expect(loaded.key.id).toBe(KEY_ID);
    expect(loaded.older.map((k) => k.id)).toEqual([masterKeyId(Buffer.alloc(32, 7))]);
    await writeFile(keyFile, `${KEY_B64}\nnot-a-key\n`, { mode: 0o600 });
    const error = await loadError(loadMasterKey({ env: {}, keyFile }));
    expect(error.message).toMatch(/one per line/);
    expect(error.message).not.toContain(KEY_B64);
  });

  it('takes older keys from VTB_MASTER_KEY_PREVIOUS, comma-separated, and names it when one is wrong', async () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('hex');
    const loaded = await loadMasterKey({
      env: { VTB_MASTER_KEY: KEY_B64, VTB_MASTER_KEY_PREVIOUS: `${a}, ${b}` },
      keyFile: join(dir, 'none'),
    });
    expect(loaded.older).toHaveLength(2);
    const error = await loadError(
      loadMasterKey({
        env: { VTB_MASTER_KEY: KEY_B64, VTB_MASTER_KEY_PREVIOUS: 'short' },
        keyFile: join(dir, 'none'),
      }),
    );
    expect(error.message).toMatch(/VTB_MASTER_KEY_PREVIOUS must be/);
  });
});
