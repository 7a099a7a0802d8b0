// Secrets at rest (ARCHITECTURE.md, "Security"): an AES-256-GCM envelope. Each
// secret gets a random 256-bit data key that encrypts it; the master key wraps
// the data key (AES-256-GCM as well). Rotating the master key re-wraps data keys
// only (`rewrapSecret`). Sealed form, all parts base64url without padding:
//
//   v1.<masterKeyId>.<wrapped data key: iv ‖ ciphertext ‖ tag>.<iv>.<ciphertext>.<tag>
//
// Errors are `SecretBoxError`s that name master key ids (public) and nothing else:
// never the plaintext, a key, or the sealed text.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey, MasterKeyRing } from './master-key.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAPPED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const DATA_AAD = 'vtbroker/secret-box/v1/data';
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface SealOptions {
  /** Binds the secret to a record (e.g. a key version id): opening needs the same context. */
  context?: string;
  randomBytes?: (size: number) => Uint8Array;
}

export type SecretBoxErrorCode =
  'malformed' | 'unsupported_version' | 'unknown_master_key' | 'authentication_failed';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  readonly code: SecretBoxErrorCode;
  constructor(code: SecretBoxErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface Envelope {
  masterKeyId: string;
  wrapped: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function sealSecret(
  plaintext: string,
  master: MasterKey,
  options: SealOptions = {},
): string {
  const random = options.randomBytes ?? randomBytes;
  const dataKey = Buffer.from(random(DATA_KEY_BYTES));
  try {
    const iv = Buffer.from(random(IV_BYTES));
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(dataAad(options.context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const wrapped = wrapDataKey(dataKey, master, random);
    return format({ masterKeyId: master.id, wrapped, iv, ciphertext, tag: cipher.getAuthTag() });
  } finally {
    dataKey.fill(0);
  }
}

export function openSecret(
  sealed: string,
  masters: MasterKeyRing,
  options: Pick<SealOptions, 'context'> = {},
): string {
  const envelope = parse(sealed);
  const dataKey = unwrapDataKey(envelope, masters);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, envelope.iv);
    decipher.setAAD(dataAad(options.context));
    decipher.setAuthTag(envelope.tag);
    const plain = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
    try {
      return plain.toString('utf8');
    } finally {
      plain.fill(0);
    }
  } catch {
    throw authenticationFailed(envelope.masterKeyId, 'the secret');
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps the data key under `toMaster`; the ciphertext is untouched. Already there: unchanged. */
export function rewrapSecret(
  sealed: string,
  fromRing: MasterKeyRing,
  toMaster: MasterKey,
  options: Pick<SealOptions, 'randomBytes'> = {},
): string {
  const envelope = parse(sealed);
  if (envelope.masterKeyId === toMaster.id) return sealed;
  const dataKey = unwrapDataKey(envelope, fromRing);
  try {
    const wrapped = wrapDataKey(dataKey, toMaster, options.randomBytes ?? randomBytes);
    return format({ ...envelope, masterKeyId: toMaster.id, wrapped });
  } finally {
    dataKey.fill(0);
  }
}

/** The master key a sealed secret needs (to find secrets still to re-wrap). */
export function sealedMasterKeyId(sealed: string): string {
  return parse(sealed).masterKeyId;
}

function wrapDataKey(
  dataKey: Buffer,
  master: MasterKey,
  random: (size: number) => Uint8Array,
): Buffer {
  const iv = Buffer.from(random(IV_BYTES));
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(wrapAad(master.id));
  const encrypted = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, encrypted, cipher.getAuthTag()]);
}

function unwrapDataKey(envelope: Envelope, ring: MasterKeyRing): Buffer {
  const master = ring.get(envelope.masterKeyId);
  if (!master) {
    throw new SecretBoxError(
      'unknown_master_key',
      `The secret was sealed with master key ${envelope.masterKeyId}, which is not loaded ` +
        `(loaded: ${ring.ids.join(', ')}). Load that master key as an older key to open it.`,
    );
  }
  const { wrapped } = envelope;
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.key, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(wrapAad(master.id));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES + DATA_KEY_BYTES));
    const body = wrapped.subarray(IV_BYTES, IV_BYTES + DATA_KEY_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw authenticationFailed(envelope.masterKeyId, 'the wrapped data key');
  }
}

function parse(sealed: string): Envelope {
  const parts = sealed.split('.');
  if (parts.length !== 6) throw malformed('it does not have 6 dot-separated parts');
  const [version, masterKeyId, wrapped, iv, ciphertext, tag] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== VERSION) {
    throw new SecretBoxError(
      'unsupported_version',
      `This sealed secret's format is not supported (expected ${VERSION}); ` +
        `was it written by a newer vtbroker?`,
    );
  }
  if (!/^[0-9a-f]{8}$/.test(masterKeyId))
    throw malformed('the master key id is not 8 hex characters');
  return {
    masterKeyId,
    wrapped: decodePart(wrapped, 'wrapped key', WRAPPED_BYTES),
    iv: decodePart(iv, 'iv', IV_BYTES),
    ciphertext: decodePart(ciphertext, 'ciphertext'),
    tag: decodePart(tag, 'tag', TAG_BYTES),
  };
}

/** Strict base64url: a round trip must give the same text (Node ignores stray bits and characters). */
function decodePart(text: string, what: string, bytes?: number): Buffer {
  const decoded = Buffer.from(text, 'base64url');
  const ok = B64URL.test(text) && decoded.toString('base64url') === text;
  if (!ok || (bytes !== undefined && decoded.length !== bytes)) {
    throw malformed(
      `the ${what} is not ${bytes === undefined ? '' : `${bytes} bytes of `}base64url`,
    );
  }
  return decoded;
}

function format(envelope: Envelope): string {
  const { masterKeyId, wrapped, iv, ciphertext, tag } = envelope;
  const encoded = [wrapped, iv, ciphertext, tag].map((part) => part.toString('base64url'));
  return [VERSION, masterKeyId, ...encoded].join('.');
}

function dataAad(context: string | undefined): Buffer {
  return Buffer.from(context === undefined ? DATA_AAD : `${DATA_AAD}\0${context}`, 'utf8');
}

function wrapAad(masterKeyId: string): Buffer {
  return Buffer.from(`vtbroker/secret-box/v1/wrap/${masterKeyId}`, 'utf8');
}

function malformed(reason: string): SecretBoxError {
  return new SecretBoxError('malformed', `Not a sealed secret: ${reason}.`);
}

function authenticationFailed(masterKeyId: string, what: string): SecretBoxError {
  return new SecretBoxError(
    'authentication_failed',
    `Could not authenticate ${what} sealed with master key ${masterKeyId}: the stored value was ` +
      `modified or corrupted, the master key with that id is not the original, or the context differs.`,
  );
}
