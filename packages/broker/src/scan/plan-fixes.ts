// `--fix`: the mechanical rewrites of one file's text. A key or token literal
// becomes an environment variable read (env-edit.ts); a v2 URL moves to the
// broker (`--broker-url`: same v2 call, same answer shape, only the origin
// changes) or, on a curl line whose key is already a variable, to the v3 URL
// with the key in an `x-apikey` header. Rewrites are planned on the text,
// applied, and the text scanned again (at most 3 rounds), so a curl line with a
// literal key gets both the key and the URL fixed. What is left is reported with
// its manual fix.
import { envEdit, type EnvEdit } from './env-edit.ts';
import type { Finding } from './finding.ts';
import { keyContext, keyNameKind } from './key-context.ts';
import { scanText } from './scan-text.ts';
import { createTextContext, type TextContext } from './text-context.ts';
import { splitV2Url } from './detect-v2-urls.ts';
import { v2Endpoint } from './v2-mapping.ts';

export interface FixOptions {
  /** The broker's origin: v2 URLs move there, keys in them become broker tokens. */
  brokerUrl?: string;
}

export interface FileFix {
  before: string;
  after: string;
  /** Kinds of rewrite made, for the diff header (`v3` warns that answers change shape). */
  rewrites: Set<'secret' | 'v3' | 'broker'>;
  /** Findings still in the text after the rewrites. */
  remaining: Finding[];
}

interface Planned extends EnvEdit {
  kind: 'secret' | 'v3' | 'broker';
}

const MAX_ROUNDS = 3;

function secretEdit(ctx: TextContext, f: Finding, options: FixOptions): Planned | undefined {
  const lineStart = f.offset - (f.column - 1);
  const before = ctx.lineBefore(f.offset);
  let name = f.ruleId === 'vtb-token' ? 'VTB_API_KEY' : 'VTB_ADMIN_TOKEN';
  if (f.ruleId === 'vt-agent-token') return undefined;
  if (f.ruleId === 'vt-api-key') {
    const context = keyContext(before, ctx.mentionsVirusTotal);
    if (context === undefined || context.fallback) return undefined;
    const assigned = context.kind === 'assignment' ? context.name : undefined;
    if (
      assigned !== undefined &&
      /^[A-Z][A-Z0-9_]*$/.test(assigned) &&
      keyNameKind(assigned) === 'vt'
    )
      name = assigned;
    else name = 'VT_API_KEY';
    // Setting the variable itself in a script: the fix is to delete the line, not to rewrite it.
    if ((ctx.language === 'shell' || ctx.language === 'powershell') && assigned === name)
      return undefined;
    if (options.brokerUrl !== undefined && /vtapi\/v2\/[^\s"']*[?&]apikey=$/i.test(before))
      name = 'VTB_API_KEY';
  }
  const edit = envEdit(ctx.language, ctx.text, f.offset, f.offset + f.length, lineStart, name);
  return edit && { ...edit, kind: 'secret' };
}

function urlEdits(ctx: TextContext, f: Finding, options: FixOptions): Planned[] {
  const url = ctx.text.slice(f.offset, f.offset + f.length);
  const origin = /^https?:\/\/[^/]+/.exec(url)?.[0];
  const { endpoint, query } = splitV2Url(url);
  const known = v2Endpoint(endpoint);
  if (origin === undefined || known === undefined) return [];
  if (options.brokerUrl !== undefined) {
    if (known.broker !== true || origin === options.brokerUrl) return [];
    return [
      { start: f.offset, end: f.offset + origin.length, text: options.brokerUrl, kind: 'broker' },
    ];
  }
  const line = ctx.lineAt(f.offset);
  const curl = /\bcurl\b/.exec(line);
  const params = new URLSearchParams(query);
  const key = params.get('apikey');
  if (ctx.language !== 'shell' || !curl || known.rewrite === undefined) return [];
  if (key === null || !/^\$(?:\{\w+\}|\w+)$/.test(key)) return [];
  const id = known.rewrite.idParam === undefined ? '' : params.get(known.rewrite.idParam);
  if (id === null || (id === '' && known.rewrite.idParam !== undefined) || id.includes(','))
    return [];
  const lineStart = f.offset - (f.column - 1);
  const afterCurl = lineStart + curl.index + 'curl'.length;
  return [
    { start: afterCurl, end: afterCurl, text: ` -H "x-apikey: ${key}"`, kind: 'v3' },
    {
      start: f.offset,
      end: f.offset + f.length,
      text: origin + known.rewrite.path(id),
      kind: 'v3',
    },
  ];
}

const IMPORT_OS = /^(?:import\s+(?:[\w.]+\s*,\s*)*os\b|from\s+os\s+import\b)/m;

function addPythonImport(text: string): string {
  if (IMPORT_OS.test(text)) return text;
  const lines = text.split('\n');
  let at = lines.findIndex((l) => /^(?:import|from)\s/.test(l) && !l.startsWith('from __future__'));
  if (at === -1) {
    at = 0;
    while (at < lines.length && /^(?:#|from __future__|\s*$)/.test(lines[at] ?? '')) at++;
  }
  lines.splice(at, 0, 'import os');
  return lines.join('\n');
}

/** Applies non-overlapping edits (later ones that overlap wait for the next round). */
function apply(text: string, planned: Planned[]): { text: string; applied: Planned[] } {
  const sorted = [...planned].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: Planned[] = [];
  let end = -1;
  for (const edit of sorted) {
    if (edit.start < end) continue;
    applied.push(edit);
    end = Math.max(end, edit.end);
  }
  let out = text;
  for (const edit of [...applied].reverse())
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  if (applied.some((e) => e.needsImport === 'python-os')) out = addPythonImport(out);
  return { text: out, applied };
}

export function planFixes(text: string, file: string, options: FixOptions = {}): FileFix {
  const rewrites = new Set<'secret' | 'v3' | 'broker'>();
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ctx = createTextContext(current, file);
    const planned = scanText(current, file).flatMap((f) => {
      if (f.ruleId === 'v2-endpoint') return urlEdits(ctx, f, options);
      if (f.ruleId === 'v2-library') return [];
      return secretEdit(ctx, f, options) ?? [];
    });
    if (planned.length === 0) break;
    const { text: next, applied } = apply(current, planned);
    for (const edit of applied) rewrites.add(edit.kind);
    current = next;
  }
  const remaining = scanText(current, file).filter(
    (f) =>
      !(
        options.brokerUrl !== undefined &&
        f.ruleId === 'v2-endpoint' &&
        current.startsWith(options.brokerUrl, f.offset)
      ),
  );
  return { before: text, after: current, rewrites, remaining };
}
