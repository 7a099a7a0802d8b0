// Rule vt-api-key: a 64-hex value is a VirusTotal key when key context comes
// right before it (key-context.ts); a SHA-256 in an IOC list, a lock file or a
// report has none and is never reported. Example values are skipped
// (placeholder.ts).
import { basename } from 'node:path';
import type { Finding } from './finding.ts';
import type { FileLanguage } from './file-language.ts';
import { keyContext, type KeyContext } from './key-context.ts';
import { isPlaceholderSecret } from './placeholder.ts';
import { secretRef } from './secret-display.ts';
import type { TextContext } from './text-context.ts';

const ENV_READ: Partial<Record<FileLanguage, string>> = {
  python: 'os.environ["VT_API_KEY"]',
  javascript: 'process.env.VT_API_KEY',
  go: 'os.Getenv("VT_API_KEY")',
  powershell: '$env:VT_API_KEY',
  shell: '"${VT_API_KEY}"',
  compose: '${VT_API_KEY}',
  'github-workflow': '${{ secrets.VT_API_KEY }}',
};

const ROTATE =
  'then rotate the key (vtbroker key rotate, or regenerate it in VirusTotal): it stays in the history.';

function fixFor(ctx: TextContext, context: KeyContext, before: string): string {
  const name = basename(ctx.file);
  if (/^\.vt\.(?:toml|json|ya?ml)$/.test(name))
    return `vt-cli reads VTCLI_APIKEY: remove apikey from ${name} and set the variable (or give vt-cli a broker token and --host); ${ROTATE}`;
  if (ctx.language === 'env')
    return `Keep ${name} out of version control (add it to .gitignore) or load the key from a secret store; ${ROTATE}`;
  if (ctx.language === 'markdown')
    return `Write a placeholder such as <your VT key> instead; ${ROTATE}`;
  if (
    context.kind === 'assignment' &&
    (ctx.language === 'shell' ||
      (ctx.language === 'powershell' && /\$env:\w+\s*=\s*["']?$/i.test(before)))
  )
    return `Do not set ${context.name ?? 'the key'} in the script: set it in the environment that runs it (a CI secret, a secret store); ${ROTATE}`;
  if (context.fallback)
    return `Remove the built-in default: fail when ${context.name ?? 'the variable'} is not set; ${ROTATE}`;
  const read = ENV_READ[ctx.language];
  return read === undefined
    ? `Read the key from the environment or a secret store instead (or use a broker token); ${ROTATE}`
    : `Read it from the environment: ${read} (or use a broker token); ${ROTATE}`;
}

export function detectVtKey(ctx: TextContext, offset: number, value: string): Finding | undefined {
  const before = ctx.lineBefore(offset);
  const context = keyContext(before, ctx.mentionsVirusTotal);
  if (context === undefined || isPlaceholderSecret(value)) return undefined;
  const secret = secretRef('vt-key', value);
  const inUrl =
    context.kind === 'parameter' && /[?&]apikey=$/i.test(before)
      ? ': the key travels in the URL, where proxies, web servers and shell history log it'
      : '';
  return ctx.finding({
    ruleId: 'vt-api-key',
    offset,
    length: value.length,
    message: `VirusTotal API key in ${context.label}: ${secret.redacted} (${secret.fingerprint})${inUrl}`,
    fix: fixFor(ctx, context, before),
    secret,
  });
}
