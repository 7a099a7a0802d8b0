// Reads each webhook's signing secret, once, when the alerter is created: from
// the variable `secretEnv` names, or from `secretFile`, which must be a regular
// file closed to group and others (mode 0600), like the master key file.
// Problems are ConfigIssues that name the option and the fix; none of them ever
// quotes a secret, only its length.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { ConfigIssue } from '../config/config-error.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** Shorter secrets are refused: an HMAC is only as strong as its key. */
export const MIN_WEBHOOK_SECRET_CHARS = 16;
const GENERATE = 'openssl rand -hex 32';

export interface LoadWebhookSecretsOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Refuse secret files open to group/others. Default: on, except on Windows (no POSIX modes). */
  checkPermissions?: boolean;
}

export interface LoadedWebhookSecrets {
  /** By webhook, in order; undefined for a webhook without a secret (sent unsigned). */
  secrets: (string | undefined)[];
  issues: ConfigIssue[];
}

export function loadWebhookSecrets(
  webhooks: readonly WebhookConfig[],
  options: LoadWebhookSecretsOptions,
): LoadedWebhookSecrets {
  const check = options.checkPermissions ?? process.platform !== 'win32';
  const out: LoadedWebhookSecrets = { secrets: [], issues: [] };
  webhooks.forEach((webhook, index) => {
    const at = `alerts.webhooks[${index}]`;
    const read =
      webhook.secretEnv !== undefined
        ? fromEnv(webhook.secretEnv, `${at}.secretEnv`, options.env)
        : webhook.secretFile !== undefined
          ? fromFile(webhook.secretFile, `${at}.secretFile`, check)
          : { secret: undefined };
    if ('issue' in read) out.issues.push(read.issue);
    out.secrets.push('secret' in read ? read.secret : undefined);
  });
  return out;
}

type Read = { secret: string | undefined } | { issue: ConfigIssue };

function fromEnv(name: string, option: string, env: LoadWebhookSecretsOptions['env']): Read {
  const value = env[name]?.trim() ?? '';
  if (value === '')
    return failure(
      option,
      `${option} names ${name}, which is not set or empty: set it to the secret the receiver checks signatures with`,
      `export ${name}="$(${GENERATE})"`,
      'env',
    );
  return longEnough(value, option);
}

function fromFile(file: string, option: string, checkPermissions: boolean): Read {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return failure(
      option,
      `${option} is ${file}, which cannot be read (${code})`,
      `${GENERATE} > ${file} && chmod 600 ${file}`,
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return failure(
        option,
        `${option} is ${file}, which is not a regular file`,
        `${GENERATE} > ${file}`,
      );
    if (checkPermissions && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      return failure(
        option,
        `${option} is ${file}, which group or others may read (mode ${mode}); refusing to use it`,
        `chmod 600 ${file}`,
      );
    }
    return longEnough(readFileSync(fd, 'utf8').trim(), option);
  } finally {
    closeSync(fd);
  }
}

function longEnough(secret: string, option: string): Read {
  if (secret.length >= MIN_WEBHOOK_SECRET_CHARS) return { secret };
  return failure(
    option,
    `the secret from ${option} has ${secret.length} characters; a signing secret needs at least ${MIN_WEBHOOK_SECRET_CHARS}`,
    GENERATE,
  );
}

function failure(
  option: string,
  problem: string,
  command: string,
  source: ConfigIssue['source'] = 'file',
): Read {
  return { issue: { option, source, problem, example: `  example: ${command}` } };
}
