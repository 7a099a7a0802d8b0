// The master key that seals VT keys at rest (secret-box.ts), and the ring of
// master keys a sealed secret may name (current plus older ones, kept until
// every secret is re-wrapped). Key material lives only in `KeyObject`s, which
// never print their bytes; the id is public (first 8 hex of its SHA-256).
// `loadMasterKey` reads VTB_MASTER_KEY (older keys in VTB_MASTER_KEY_PREVIOUS)
// or a key file (created 0600 on request) holding one key per line, the
// current one first (`vtbroker master-key rotate` writes the older ones after it).
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { link, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  /** First 8 hex characters of SHA-256 of the key: safe to log and store. */
  readonly id: string;
  readonly key: KeyObject;
}

export interface MasterKeyRing {
  /** The key new secrets are sealed with. */
  readonly current: MasterKey;
  /** Every id in the ring, current first. */
  readonly ids: readonly string[];
  get(id: string): MasterKey | undefined;
}

/** A mistake in a master key or its storage; the message names the fix, never the key. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
  readonly code: 'invalid_encoding' | 'missing' | 'insecure_file' | 'unreadable_file';
  readonly hint: string;
  constructor(code: MasterKeyError['code'], message: string, hint: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

export function masterKeyId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** Wraps exactly 32 bytes; the caller may wipe its copy afterwards. */
export function masterKeyFromBytes(bytes: Uint8Array): MasterKey {
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new RangeError(`a master key is ${MASTER_KEY_BYTES} bytes, got ${bytes.length}`);
  }
  // createSecretKey copies the bytes, so wiping the caller's buffer is safe.
  return { id: masterKeyId(bytes), key: createSecretKey(bytes) };
}

/**
 * Decodes a master key written as base64 (standard or url-safe, padded or not)
 * or hex. Returns undefined for anything that is not exactly 32 bytes in one of
 * those encodings; surrounding whitespace (a trailing newline) is ignored.
 */
export function decodeMasterKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const unpadded = value.replace(/=$/, '').replaceAll('+', '-').replaceAll('/', '_');
  const bytes = Buffer.from(unpadded, 'base64url');
  // Node's decoder ignores stray bits; a strict round trip rejects them.
  if (bytes.length !== MASTER_KEY_BYTES || bytes.toString('base64url') !== unpadded) {
    return undefined;
  }
  return bytes;
}

/** The text form written to key files: standard base64 and a newline. */
export function encodeMasterKey(bytes: Uint8Array): string {
  return `${Buffer.from(bytes).toString('base64')}\n`;
}

export function createMasterKeyRing(
  current: MasterKey,
  older: readonly MasterKey[] = [],
): MasterKeyRing {
  const byId = new Map<string, MasterKey>([[current.id, current]]);
  for (const key of older) if (!byId.has(key.id)) byId.set(key.id, key);
  const ids = [...byId.keys()];
  return {
    current,
    ids,
    get: (id) => byId.get(id),
  };
}

export const MASTER_KEY_ENV = 'VTB_MASTER_KEY';
/** Older master keys (comma-separated) still needed to open secrets not yet re-wrapped. */
export const MASTER_KEY_PREVIOUS_ENV = 'VTB_MASTER_KEY_PREVIOUS';
const GENERATE = 'openssl rand -base64 32';

export interface LoadMasterKeyOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute path of the key file (config `security.masterKeyFile`). */
  keyFile: string;
  /** Create the key file (mode 0600, directory 0700) when it is missing: `vtbroker init`, first start. */
  create?: boolean;
  randomBytes?: (size: number) => Uint8Array;
  /** Refuse key files open to group/others. Default: on, except on Windows (no POSIX modes). */
  checkPermissions?: boolean;
}

export interface LoadedMasterKey {
  key: MasterKey;
  /** Older keys after it (the file's later lines, or VTB_MASTER_KEY_PREVIOUS). */
  older: MasterKey[];
  source: 'env' | 'file';
  /** The key file read or created; undefined when the key came from the environment. */
  path: string | undefined;
  created: boolean;
}

/** VTB_MASTER_KEY wins over the key file. An empty VTB_MASTER_KEY is an error, not "unset". */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<LoadedMasterKey> {
  const fromEnv = options.env[MASTER_KEY_ENV];
  if (fromEnv !== undefined) {
    const previous = options.env[MASTER_KEY_PREVIOUS_ENV] ?? '';
    const older = previous
      .split(',')
      .filter((k) => k.trim() !== '')
      .map((k) => keyFromEnv(k, MASTER_KEY_PREVIOUS_ENV));
    return { key: keyFromEnv(fromEnv), older, source: 'env', path: undefined, created: false };
  }
  const check = options.checkPermissions ?? process.platform !== 'win32';
  const path = options.keyFile;
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await readKeyFile(path, check);
    if (existing) {
      const [key, ...older] = existing;
      if (key) return { key, older, source: 'file', path, created: false };
    }
    if (options.create !== true) break;
    const created = await createKeyFile(path, options.randomBytes ?? randomBytes);
    if (created) return { key: created, older: [], source: 'file', path, created: true };
    // Another process created it between our read and our link: read theirs.
  }
  throw new MasterKeyError(
    'missing',
    `No master key: ${MASTER_KEY_ENV} is not set and the key file ${path} does not exist.`,
    `Run \`vtbroker init\` to create the key file, or set ${MASTER_KEY_ENV} (generate one with: ${GENERATE}).`,
  );
}

function keyFromEnv(value: string, name: string = MASTER_KEY_ENV): MasterKey {
  const bytes = decodeMasterKey(value);
  if (bytes) return wipeAfter(bytes, masterKeyFromBytes);
  throw new MasterKeyError(
    'invalid_encoding',
    `${name} must be exactly 32 bytes written as base64 (44 characters) or hex ` +
      `(64 characters)${name === MASTER_KEY_PREVIOUS_ENV ? ', comma-separated' : ''}; the value set has ${value.trim().length} characters and is not such a key. ` +
      `Generate one with: ${GENERATE}`,
    `export ${name}="$(${GENERATE})"`,
  );
}

/** One key per line (blank lines and # comments ignored), the current one first. */
export function decodeMasterKeyLines(text: string): Buffer[] | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const keys = lines.map(decodeMasterKey);
  if (keys.length === 0 || keys.some((k) => k === undefined)) {
    for (const k of keys) k?.fill(0);
    return undefined;
  }
  return keys as Buffer[];
}

async function readKeyFile(
  path: string,
  checkPermissions: boolean,
): Promise<MasterKey[] | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw unreadable(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw unreadable(path, new Error('not a regular file'));
    if (checkPermissions && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw new MasterKeyError(
        'insecure_file',
        `The master key file ${path} is readable by group or others (mode ${mode}); refusing to use it.`,
        `chmod 600 ${path}`,
      );
    }
    const keys = decodeMasterKeyLines(await handle.readFile('utf8'));
    if (!keys) throw invalidFile(path);
    return keys.map((bytes) => wipeAfter(bytes, masterKeyFromBytes));
  } finally {
    await handle.close();
  }
}

/** Writes a temp file, then hard-links it into place: never a half-written or clobbered key. */
async function createKeyFile(
  path: string,
  random: (size: number) => Uint8Array,
): Promise<MasterKey | undefined> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const bytes = Buffer.from(random(MASTER_KEY_BYTES));
  const temp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(encodeMasterKey(bytes));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!(await linkExclusive(temp, path, bytes))) return undefined;
    return masterKeyFromBytes(bytes);
  } finally {
    bytes.fill(0);
    await rm(temp, { force: true });
  }
}

/** False when the target already exists. Falls back to an exclusive create without hard links. */
async function linkExclusive(from: string, to: string, bytes: Buffer): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
  }
  try {
    await writeFile(to, encodeMasterKey(bytes), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

function wipeAfter<T>(bytes: Buffer, use: (bytes: Buffer) => T): T {
  try {
    return use(bytes);
  } finally {
    bytes.fill(0);
  }
}

function invalidFile(path: string): MasterKeyError {
  return new MasterKeyError(
    'invalid_encoding',
    `The master key file ${path} must hold master keys of exactly 32 bytes written as base64 or hex, one per line.`,
    `Restore the file from your backup; a new key cannot open secrets sealed with the old one.`,
  );
}

function unreadable(path: string, cause: unknown): MasterKeyError {
  const reason = errorCode(cause) ?? (cause instanceof Error ? cause.message : 'unknown error');
  return new MasterKeyError(
    'unreadable_file',
    `The master key file ${path} cannot be read (${reason}).`,
    `Check that ${path} is a regular file readable by the broker's user (mode 0600).`,
  );
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
