// `alerts.webhooks` in vtbroker.yaml: a list of receivers for operator alerts.
// Every problem is collected as a ConfigIssue naming the option path
// (`alerts.webhooks[0].url`), what is wrong, and an example. Secrets are never
// written here: `secretEnv` names a variable and `secretFile` a 0600 file, both
// read when the alerter is created (webhook-secrets.ts). A rejected URL is not
// echoed back: webhook URLs often carry a token.
import { closestOption } from '../config/closest-option.ts';
import type { ConfigIssue } from '../config/config-error.ts';
import { describeValue, integer, path, type Parser } from '../config/value-parsers.ts';

export interface WebhookConfig {
  /** Labels metrics and log lines in place of the URL. */
  name: string;
  url: string;
  /** Name of the environment variable holding the signing secret. */
  secretEnv?: string;
  /** Absolute path of a file (mode 0600) holding the signing secret. */
  secretFile?: string;
  /** Per attempt; default `WEBHOOK_DEFAULTS.timeoutMs`. */
  timeoutMs?: number;
  /** Attempts in all, the first included; default `WEBHOOK_DEFAULTS.maxAttempts`. */
  maxAttempts?: number;
}

export const WEBHOOK_DEFAULTS = { timeoutMs: 10_000, maxAttempts: 5 } as const;

export interface ParsedWebhooks {
  webhooks: WebhookConfig[];
  issues: ConfigIssue[];
  /** Worth a log line at start-up (an unsigned webhook, plain HTTP), not worth refusing to start. */
  warnings: string[];
}

const ROOT = 'alerts.webhooks';

const matching =
  (pattern: RegExp, expected: string): Parser<string> =>
  (raw) =>
    typeof raw === 'string' && pattern.test(raw.trim())
      ? { ok: true, value: raw.trim() }
      : { ok: false, expected };

/** http(s), no user or password (fetch refuses them), no fragment; a query is kept (some receivers want a token there). */
const webhookUrl: Parser<string> = (raw) => {
  const expected = 'an http:// or https:// URL without user, password or fragment';
  if (typeof raw !== 'string' || !URL.canParse(raw.trim())) return { ok: false, expected };
  const url = new URL(raw.trim());
  const plain = url.username === '' && url.password === '' && url.hash === '';
  return ['http:', 'https:'].includes(url.protocol) && plain
    ? { ok: true, value: url.href }
    : { ok: false, expected };
};

const FIELDS = {
  name: {
    parse: matching(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
      'a name of letters, digits, ".", "_" or "-", at most 63 characters',
    ),
    example: 'ops',
  },
  url: { parse: webhookUrl, example: 'https://alerts.example.com/vtbroker' },
  secretEnv: {
    parse: matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable'),
    example: 'VTB_ALERT_WEBHOOK_SECRET',
  },
  secretFile: { parse: path(), example: '/run/secrets/vtbroker-alert-webhook' },
  timeoutMs: { parse: integer(100, 300_000), example: String(WEBHOOK_DEFAULTS.timeoutMs) },
  maxAttempts: { parse: integer(1, 20), example: String(WEBHOOK_DEFAULTS.maxAttempts) },
} satisfies Record<keyof WebhookConfig, { parse: Parser<unknown>; example: string }>;
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/** `raw` is what YAML gave for `alerts.webhooks`; a relative `secretFile` resolves against `baseDir`. */
export function parseWebhooks(raw: unknown, context: { baseDir?: string } = {}): ParsedWebhooks {
  const out: ParsedWebhooks = { webhooks: [], issues: [], warnings: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    out.issues.push(issue(ROOT, `${ROOT} must be a list of webhooks, got ${describeValue(raw)}`));
    return out;
  }
  const names = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const at = `${ROOT}[${index}]`;
    const webhook = parseItem(item, at, context.baseDir ?? '.', out);
    if (webhook === undefined) return;
    if (names.has(webhook.name)) {
      const problem = `${at}.name must be unique, but "${webhook.name}" is already used (names label metrics and log lines)`;
      out.issues.push(issue(`${at}.name`, problem, 'name'));
    }
    names.add(webhook.name);
    out.webhooks.push(webhook);
    out.warnings.push(...webhookWarnings(webhook, at));
  });
  return out;
}

function parseItem(
  item: unknown,
  at: string,
  baseDir: string,
  out: ParsedWebhooks,
): WebhookConfig | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    const problem = `${at} must be a mapping with name and url, got ${describeValue(item)}`;
    out.issues.push(issue(at, problem));
    return undefined;
  }
  const given = item as Record<string, unknown>;
  const before = out.issues.length;
  for (const key of Object.keys(given))
    if (!Object.hasOwn(FIELDS, key)) out.issues.push(unknownKey(at, key));
  const values: Partial<Record<Field, unknown>> = {};
  for (const field of FIELD_NAMES) {
    const raw = given[field];
    if (raw === undefined || raw === null) {
      if (field === 'name' || field === 'url')
        out.issues.push(issue(`${at}.${field}`, `${at}.${field} is missing`, field));
      continue;
    }
    const parsed = FIELDS[field].parse(raw, { baseDir });
    if (parsed.ok) values[field] = parsed.value;
    else {
      // Never echo a URL (it may hold a token) or anything under a secret's name.
      const shown = field === 'name' || field === 'timeoutMs' || field === 'maxAttempts';
      const got = shown ? `, got ${describeValue(raw)}` : '';
      out.issues.push(
        issue(`${at}.${field}`, `${at}.${field} must be ${parsed.expected}${got}`, field),
      );
    }
  }
  if (values.secretEnv !== undefined && values.secretFile !== undefined)
    out.issues.push(issue(at, `${at}: set secretEnv or secretFile, not both`, 'secretEnv'));
  return out.issues.length > before ? undefined : (values as unknown as WebhookConfig);
}

function webhookWarnings(webhook: WebhookConfig, at: string): string[] {
  const warnings: string[] = [];
  if (webhook.secretEnv === undefined && webhook.secretFile === undefined)
    warnings.push(
      `${at} (${webhook.name}) has no secretEnv or secretFile: its alerts are sent unsigned, and a receiver cannot tell them from forged ones (docs/alerts.md, "Signature")`,
    );
  const url = new URL(webhook.url);
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    warnings.push(
      `${at} (${webhook.name}) is plain HTTP: alerts (key names, fingerprints) travel in clear; use https://`,
    );
  return warnings;
}

function unknownKey(at: string, key: string): ConfigIssue {
  // `secret: …` in the file: say where a secret belongs rather than "did you mean secretEnv?".
  if (
    /^(signing|webhook)?(secret|token|password|apikey|key)$/.test(
      key.toLowerCase().replaceAll(/[-_]/g, ''),
    )
  )
    return issue(
      `${at}.${key}`,
      `${at}.${key} is not an option, and a secret never goes in the file: put it in an environment variable named by secretEnv, or in a file (mode 0600) named by secretFile`,
      'secretEnv',
    );
  const guess = closestOption(
    `${at}.${key}`,
    FIELD_NAMES.map((field) => `${at}.${field}`),
  );
  const field = guess === undefined ? undefined : (guess.slice(at.length + 1) as Field);
  if (field !== undefined)
    return issue(`${at}.${key}`, `${at}.${key} is not an option; did you mean ${field}?`, field);
  const problem = `${at}.${key} is not an option; the options are ${FIELD_NAMES.join(', ')}`;
  return issue(`${at}.${key}`, problem);
}

function issue(option: string, problem: string, field?: Field): ConfigIssue {
  return { option, source: 'file', problem, example: renderWebhookExample(field) };
}

/** The `example:` block (config-error.ts's layout): a minimal webhook, plus `field` when given. */
function renderWebhookExample(field?: Field): string {
  const shown: Field[] = ['name', 'url'];
  if (field !== undefined && !shown.includes(field)) shown.push(field);
  const lines = shown.map((f, i) => `      ${i === 0 ? '- ' : '  '}${f}: ${FIELDS[f].example}`);
  return ['  example: alerts:', '    webhooks:', ...lines].join('\n');
}
