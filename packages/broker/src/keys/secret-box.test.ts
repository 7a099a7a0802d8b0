import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMasterKeyRing, masterKeyFromBytes } from './master-key.ts';
import {
  openSecret,
  rewrapSecret,
  sealedMasterKeyId,
  sealSecret,
  SecretBoxError,
} from './secret-box.ts';

const VT_KEY = '1ebb6581a6a1b22cfe2e4b1d76c1f8d2e9e7c1b0b9a8f7e6d5c4b3a291807963';
const masterA = masterKeyFromBytes(Buffer.alloc(32, 1));
const masterB = masterKeyFromBytes(Buffer.alloc(32, 2));
const ringA = createMasterKeyRing(masterA);
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function expectSecretBoxError(run: () => unknown, code: SecretBoxError['code']): SecretBoxError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecretBoxError);
  const error = caught as SecretBoxError;
  expect(error.code).toBe(code);
  expect(error.message).not.toContain(VT_KEY);
  expect(inspect(error)).not.toContain(VT_KEY);
  return error;
}

describe('sealSecret / openSecret', () => {
  it('round-trips, including empty and non-ASCII text', () => {
    for (const text of [VT_KEY, '', 'clé → 秘密 🔑']) {
      expect(openSecret(sealSecret(text, masterA), ringA)).toBe(text);
    }
  });

  it('writes a compact versioned envelope that names the master key', () => {
    const sealed = sealSecret(VT_KEY, masterA);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}(\.[A-Za-z0-9_-]+){4}$/);
    expect(sealed.split('.')[1]).toBe(masterA.id);
    expect(sealedMasterKeyId(sealed)).toBe(masterA.id);
    expect(sealed).not.toContain(VT_KEY);
  });

  it('uses fresh randomness for every seal, and injected randomness when given', () => {
    expect(sealSecret(VT_KEY, masterA)).not.toBe(sealSecret(VT_KEY, masterA));
    let calls = 0;
    const fixed = (size: number): Uint8Array => new Uint8Array(size).fill(++calls);
    const first = sealSecret(VT_KEY, masterA, { randomBytes: fixed });
    calls = 0;
    expect(sealSecret(VT_KEY, masterA, { randomBytes: fixed })).toBe(first);
  });

  it('detects tampering at every character, never echoing the secret', () => {
    const sealed = sealSecret(VT_KEY, masterA);
    for (let i = 0; i < sealed.length; i++) {
      const original = sealed.charAt(i);
      const replacement = original === 'A' ? 'B' : 'A';
      const tampered = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
      let caught: unknown;
      try {
        openSecret(tampered, ringA);
      } catch (error) {
        caught = error;
      }
      expect(caught, `tampered at ${i}`).toBeInstanceOf(SecretBoxError);
      expect(String(caught)).not.toContain(VT_KEY);
    }
  });

  it('rejects a flipped bit in the ciphertext as authentication_failed', () => {
    const parts = sealSecret(VT_KEY, masterA).split('.');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[4] = ciphertext.toString('base64url');
    const error = expectSecretBoxError(
      () => openSecret(parts.join('.'), ringA),
      'authentication_failed',
    );
    expect(error.message).toContain(masterA.id);
  });

  it('rejects swapped parts, truncation, other versions and garbage', () => {
    const sealed = sealSecret(VT_KEY, masterA);
    const parts = sealed.split('.');
    const swapped = [parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]];
    swapped[3] = sealSecret('other', masterA).split('.')[3];
    expectSecretBoxError(() => openSecret(swapped.join('.'), ringA), 'authentication_failed');
    expectSecretBoxError(() => openSecret(sealed.slice(0, -3), ringA), 'malformed');
    expectSecretBoxError(() => openSecret(`v2${sealed.slice(2)}`, ringA), 'unsupported_version');
    expectSecretBoxError(() => openSecret(VT_KEY, ringA), 'malformed');
    expectSecretBoxError(() => openSecret(`${sealed}=`, ringA), 'malformed');
  });

  it('names the missing master key id when the ring lacks it', () => {
    const sealed = sealSecret(VT_KEY, masterB);
    const error = expectSecretBoxError(() => openSecret(sealed, ringA), 'unknown_master_key');
    expect(error.message).toContain(masterB.id);
    expect(error.message).toContain(masterA.id);
  });

  it('binds an optional context', () => {
    const sealed = sealSecret(VT_KEY, masterA, { context: 'kv_1' });
    expect(openSecret(sealed, ringA, { context: 'kv_1' })).toBe(VT_KEY);
    expectSecretBoxError(
      () => openSecret(sealed, ringA, { context: 'kv_2' }),
      'authentication_failed',
    );
    expectSecretBoxError(() => openSecret(sealed, ringA), 'authentication_failed');
  });

  it('never shows key material when a master key is printed', () => {
    expect(JSON.stringify(masterA)).not.toContain('AQEB');
    expect(inspect(masterA)).not.toMatch(/01 01 01|AQEBAQ/);
  });
});

describe('rewrapSecret', () => {
  it('moves a secret to a new master key without touching the ciphertext', () => {
    const sealed = sealSecret(VT_KEY, masterA);
    const rewrapped = rewrapSecret(sealed, ringA, masterB);
    expect(sealedMasterKeyId(rewrapped)).toBe(masterB.id);
    const [, , , iv, ct, tag] = sealed.split('.');
    expect(rewrapped.split('.').slice(3)).toEqual([iv, ct, tag]);
    expect(openSecret(rewrapped, createMasterKeyRing(masterB))).toBe(VT_KEY);
    expectSecretBoxError(() => openSecret(rewrapped, ringA), 'unknown_master_key');
  });

  it('is idempotent and keeps the context binding', () => {
    const sealed = sealSecret(VT_KEY, masterA, { context: 'kv_1' });
    const ringBoth = createMasterKeyRing(masterB, [masterA]);
    const once = rewrapSecret(sealed, ringBoth, masterB);
    expect(rewrapSecret(once, ringBoth, masterB)).toBe(once);
    expect(openSecret(once, ringBoth, { context: 'kv_1' })).toBe(VT_KEY);
  });

  it('refuses a tampered wrapped key', () => {
    const parts = sealSecret(VT_KEY, masterA).split('.');
    const wrapped = Buffer.from(parts[2]!, 'base64url');
    wrapped[20] = wrapped[20]! ^ 0x80;
    parts[2] = wrapped.toString('base64url');
    expectSecretBoxError(
      () => rewrapSecret(parts.join('.'), ringA, masterB),
      'authentication_failed',
    );
  });

  it('uses the B64URL alphabet only', () => {
    const sealed = sealSecret(VT_KEY, masterA);
    for (const ch of sealed.replaceAll('.', '')) expect(B64URL_ALPHABET).toContain(ch);
  });
});
