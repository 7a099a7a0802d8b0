// The options of each secret store kind, as data (STYLE.md, "Policy is data"): key,
// whether required, default, an example value for error messages, and the parser.
// secret-store-config.ts walks these tables; docs/secret-stores.md describes them.
import { httpUrl, path, text, type Parsed, type Parser } from '../config/value-parsers.ts';
import type { SecretStoreKind } from './secret-store.ts';

export interface StoreOptionSpec {
  key: string;
  required: boolean;
  default?: string;
  example: string;
  parse: Parser<string>;
  /** Never echo the value in an error: it may be a credential pasted in the wrong place. */
  sensitive?: boolean;
}

const ok = (value: string): Parsed<string> => ({ ok: true, value });
const fail = (expected: string): Parsed<string> => ({ ok: false, expected });

function matching(pattern: RegExp, expected: string, normalise = (s: string) => s): Parser<string> {
  return (raw) => {
    if (typeof raw !== 'string') return fail(expected);
    const value = normalise(raw.trim());
    return pattern.test(value) ? ok(value) : fail(expected);
  };
}

export const STORE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = matching(ENV_NAME, 'an environment variable name such as VAULT_TOKEN');
/** Vault mount and secret paths: segments without `..`, no leading or trailing slash. */
const vaultPath = matching(
  /^(?!.*(?:^|\/)\.\.?(?:\/|$))[^/\s?#]+(?:\/[^/\s?#]+)*$/,
  'a path of segments separated by /, without spaces, ? or #',
  (s) => s.replace(/^\/+|\/+$/g, ''),
);
const region = matching(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'an AWS region such as us-east-1');

export const STORE_OPTIONS: Record<SecretStoreKind, readonly StoreOptionSpec[]> = {
  local: [
    { key: 'path', required: true, example: '/var/lib/vtbroker/staged-key.json', parse: path() },
  ],
  'env-file': [
    { key: 'path', required: true, example: '/etc/scanner/scanner.env', parse: path() },
    {
      key: 'variable',
      required: false,
      default: 'VT_API_KEY',
      example: 'VT_API_KEY',
      parse: envName,
      sensitive: true,
    },
  ],
  vault: [
    { key: 'address', required: true, example: 'https://vault.internal:8200', parse: httpUrl() },
    { key: 'mount', required: false, default: 'secret', example: 'secret', parse: vaultPath },
    { key: 'path', required: true, example: 'vtbroker/virustotal', parse: vaultPath },
    { key: 'field', required: false, default: 'apikey', example: 'apikey', parse: text() },
    { key: 'tokenEnv', required: false, example: 'VAULT_TOKEN', parse: envName, sensitive: true },
    { key: 'tokenFile', required: false, example: '/run/vault/token', parse: path() },
    { key: 'namespace', required: false, example: 'soc', parse: vaultPath },
  ],
  'aws-secrets-manager': [
    { key: 'region', required: true, example: 'us-east-1', parse: region },
    {
      key: 'secretId',
      required: true,
      example: 'vtbroker/virustotal',
      parse: matching(/^\S{1,2048}$/, 'a secret name or ARN without spaces'),
    },
    { key: 'field', required: false, example: 'apikey', parse: text() },
    {
      key: 'endpoint',
      required: false,
      example: 'https://vpce-0abc.secretsmanager.us-east-1.vpce.amazonaws.com',
      parse: httpUrl(),
    },
  ],
};

export const STORE_KINDS = Object.keys(STORE_OPTIONS) as SecretStoreKind[];

/** Keys that would put a credential in the config file, and where it belongs instead. */
export const CREDENTIAL_KEYS: Record<string, string> = {
  token: 'put the Vault token in VAULT_TOKEN (or the variable named by tokenEnv) or in tokenFile',
  vaultToken:
    'put the Vault token in VAULT_TOKEN (or the variable named by tokenEnv) or in tokenFile',
  accessKeyId: 'set AWS_ACCESS_KEY_ID in the environment',
  secretAccessKey: 'set AWS_SECRET_ACCESS_KEY in the environment',
  sessionToken: 'set AWS_SESSION_TOKEN in the environment',
  value: 'the key itself never goes in the config; the store holds it',
  apikey: 'the key itself never goes in the config; the store holds it',
};
