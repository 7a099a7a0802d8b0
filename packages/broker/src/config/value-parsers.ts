// Parsers for option values. Each accepts what YAML gives (numbers, booleans,
// null) and what the environment gives (strings), and on failure says what was
// expected in words the error message can use: "must be <expected>, got …".
import { resolve } from 'node:path';

export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

export interface ParseContext {
  /** Relative paths resolve against this: the YAML file's directory, or the working directory. */
  baseDir: string;
}

export type Parser<T> = (raw: unknown, context: ParseContext) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(expected: string): Parsed<T> => ({ ok: false, expected });

function asInteger(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) {
    const value = Number(raw);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  return undefined;
}

export function integer(min: number, max?: number): Parser<number> {
  const expected =
    max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  return (raw) => {
    const value = asInteger(raw);
    if (value === undefined || value < min || (max !== undefined && value > max)) {
      return fail(expected);
    }
    return ok(value);
  };
}

/** A window limit: a count, or null / "unlimited" for no limit. */
export function limit(): Parser<number | null> {
  const count = integer(0);
  return (raw, context) => {
    if (raw === null || raw === 'unlimited') return ok(null);
    const parsed = count(raw, context);
    return parsed.ok ? parsed : fail('an integer of at least 0, or null for unlimited');
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) =>
    typeof raw === 'string' && (values as readonly string[]).includes(raw)
      ? ok(raw as T)
      : fail(`one of ${values.join(', ')}`);
}

/** A VT API v3 path such as `/files/<id>`: starts with one slash, no scheme, query or `..`. */
export function apiPath(): Parser<string> {
  return (raw) =>
    typeof raw === 'string' && /^\/[A-Za-z0-9_\-./]+$/.test(raw) && !raw.includes('..')
      ? ok(raw)
      : fail('a VirusTotal API v3 path starting with / (e.g. /files/<sha256>), without a query');
}

export function text(): Parser<string> {
  return (raw) =>
    typeof raw === 'string' && raw.trim() !== '' ? ok(raw.trim()) : fail('a non-empty string');
}

export function boolean(): Parser<boolean> {
  const words: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
  return (raw) => {
    if (typeof raw === 'boolean') return ok(raw);
    const value = typeof raw === 'string' ? words[raw.trim().toLowerCase()] : undefined;
    return value === undefined ? fail('true or false') : ok(value);
  };
}

/** A file path; relative paths resolve against the YAML file's directory (or the working directory). */
export function path(): Parser<string> {
  return (raw, context) =>
    typeof raw === 'string' && raw.trim() !== ''
      ? ok(resolve(context.baseDir, raw.trim()))
      : fail('a file path');
}

/** The parser's values, or null (`key: ~`, `key:` with nothing): "not set". */
export function optional<T>(parser: Parser<T>): Parser<T | null> {
  return (raw, context) => {
    if (raw === null) return ok(null);
    const parsed = parser(raw, context);
    return parsed.ok ? parsed : fail(`${parsed.expected}, or null`);
  };
}

/** An absolute http(s) URL without credentials, query or fragment; the trailing slash is dropped. */
export function httpUrl(): Parser<string> {
  const expected = 'an http:// or https:// URL without user, query or fragment';
  return (raw) => {
    if (typeof raw !== 'string' || !URL.canParse(raw.trim())) return fail(expected);
    const url = new URL(raw.trim());
    const plain =
      url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    if (!['http:', 'https:'].includes(url.protocol) || !plain) return fail(expected);
    return ok(`${url.origin}${url.pathname}`.replace(/\/+$/, ''));
  };
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Bytes: an integer, or a number with a unit (64MiB, 512 KiB, 1GB). */
export function bytes(min = 1): Parser<number> {
  const expected = `a size in bytes of at least ${min}: an integer, or with a unit (64MiB, 512KiB, 1GiB)`;
  return (raw) => {
    const plain = asInteger(raw);
    const match = typeof raw === 'string' ? /^\s*(\d+)\s*([a-zA-Z]+)\s*$/.exec(raw) : null;
    const unit = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
    const value = plain ?? (match && unit !== undefined ? Number(match[1]) * unit : undefined);
    return value === undefined || value < min || !Number.isSafeInteger(value)
      ? fail(expected)
      : ok(value);
  };
}

/** How a rejected value is shown: short, quoted when a string, never a whole mapping. */
export function describeValue(raw: unknown): string {
  if (raw === null || raw === undefined) return 'nothing (null)';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'object') return 'a mapping';
  if (typeof raw === 'string') {
    return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
  }
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : typeof raw;
}
