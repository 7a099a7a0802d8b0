// `vtbroker scan`'s options, checked before anything is read: a mistake is a
// UsageError with exit code 2 (1 means "findings"), naming the fix.
import { parseArgs } from 'node:util';
import { bytes, httpUrl } from '../../config/value-parsers.ts';
import type { FailOn } from '../../scan/finding.ts';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_READ_CONCURRENCY } from '../../scan/scanner.ts';
import { UsageError } from '../usage-error.ts';

export const HELP = `Usage: vtbroker scan [PATH…] [options]

Finds legacy VirusTotal API v2 calls and hard-coded VT keys, broker tokens and
agent tokens in code and configuration (docs/scan.md). PATH defaults to ".".

Output:
  --format text|json|sarif   report format (default text)
  --output <file>            write the report to a file instead of stdout
  --fail-on error|warning|note|none
                             exit 1 when a finding is at least this severe (default warning)
  --docs-url <url>           where docs/scan.md is published (SARIF helpUri)
Walk:
  --no-ignore                scan files that .gitignore / .git/info/exclude ignore
  --follow                   follow symbolic links (each real directory is walked once)
  --max-file-size <size>     skip larger files (default 2MiB; e.g. 512KiB, 10MiB)
  --jobs <n>                 files read at once (default ${DEFAULT_READ_CONCURRENCY})
Verify (sends each distinct key found to VirusTotal, once, as its own x-apikey):
  --verify                   tell alive, dead (401/403), throttled (429) and unknown keys apart
  --vt-url <url>             VirusTotal's origin (default https://www.virustotal.com)
Fix (mechanical rewrites only; a unified diff is shown first):
  --fix                      propose rewrites: keys → environment variables, v2 URLs → v3 or the broker
  --write                    apply them (atomically); without it, ask when stdin is a terminal
  --broker-url <url>         move v2 URLs to the broker (it answers v2 in v2's shape)

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error.
`;

export type ScanFormat = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  paths: string[];
  format: ScanFormat;
  output: string | undefined;
  failOn: FailOn;
  docsUrl: string | undefined;
  useIgnore: boolean;
  followSymlinks: boolean;
  maxFileBytes: number;
  jobs: number;
  verify: boolean;
  vtUrl: string;
  fix: boolean;
  write: boolean;
  brokerUrl: string | undefined;
  help: boolean;
}

const usage = (message: string, hint: string): UsageError => new UsageError(message, hint, 2);

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(
    `${flag} must be ${allowed.join(', ')}, got "${value}"`,
    `${flag} ${allowed[0] ?? ''}`,
  );
}

function url(flag: string, value: string, example: string): string {
  const parsed = httpUrl()(value, { baseDir: '.' });
  if (!parsed.ok)
    throw usage(`${flag} must be ${parsed.expected}, got "${value}"`, `${flag} ${example}`);
  return parsed.value;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export function parseScanArgs(argv: string[]): ScanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'warning' },
        'docs-url': { type: 'string' },
        'no-ignore': { type: 'boolean', default: false },
        follow: { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string' },
        verify: { type: 'boolean', default: false },
        'vt-url': { type: 'string', default: 'https://www.virustotal.com' },
        fix: { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
        'broker-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error), 'vtbroker scan --help');
  }
  const { values, positionals } = parsed;
  const size = values['max-file-size'];
  const maxFileBytes =
    size === undefined
      ? { ok: true as const, value: DEFAULT_MAX_FILE_BYTES }
      : bytes(1)(size, { baseDir: '.' });
  if (!maxFileBytes.ok)
    throw usage(
      `--max-file-size must be ${maxFileBytes.expected}, got "${size ?? ''}"`,
      '--max-file-size 4MiB',
    );
  const jobs = values.jobs === undefined ? DEFAULT_READ_CONCURRENCY : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1024)
    throw usage(
      `--jobs must be a whole number from 1 to 1024, got "${values.jobs ?? ''}"`,
      '--jobs 16',
    );
  const vtUrl = url('--vt-url', values['vt-url'], 'https://www.virustotal.com');
  const vt = new URL(vtUrl);
  if (values.verify && vt.protocol === 'http:' && !LOOPBACK.test(vt.hostname))
    throw usage(
      `--vt-url ${vtUrl} is plain http: --verify would send every key found across the network in clear`,
      'use https://, or http:// only on this machine (127.0.0.1, localhost) for the emulator',
    );
  if (values.write && !values.fix)
    throw usage('--write applies the rewrites of --fix', 'vtbroker scan --fix --write');
  if (values['broker-url'] !== undefined && !values.fix)
    throw usage(
      '--broker-url is used by --fix',
      'vtbroker scan --fix --broker-url https://vtbroker.internal',
    );
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: oneOf('--format', values.format, ['text', 'json', 'sarif'] as const),
    output: values.output,
    failOn: oneOf('--fail-on', values['fail-on'], ['warning', 'error', 'note', 'none'] as const),
    docsUrl:
      values['docs-url'] === undefined
        ? undefined
        : url('--docs-url', values['docs-url'], 'https://git.example.org/vtbroker/docs/scan.md'),
    useIgnore: !values['no-ignore'],
    followSymlinks: values.follow,
    maxFileBytes: maxFileBytes.value,
    jobs,
    verify: values.verify,
    vtUrl,
    fix: values.fix,
    write: values.write,
    brokerUrl:
      values['broker-url'] === undefined
        ? undefined
        : url('--broker-url', values['broker-url'], 'https://vtbroker.internal'),
    help: values.help,
  };
}
