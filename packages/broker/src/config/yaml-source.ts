// Reads vtbroker.yaml into raw option values with their line numbers. Unknown
// keys, keys in the wrong place and syntax errors become issues; values are
// checked later, with the environment's, by load-config.ts.
import { basename } from 'node:path';
import { isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { closestOption } from './closest-option.ts';
import { renderExample, type ConfigIssue } from './config-error.ts';
import type { OptionSpec } from './config-options.ts';
import { describeValue } from './value-parsers.ts';

export interface YamlValue {
  raw: unknown;
  /** 1-based line in the file. */
  line: number | undefined;
}

export interface YamlSource {
  values: Map<string, YamlValue>;
  issues: ConfigIssue[];
  warnings: string[];
}

/** Keys that suggest someone is about to put a secret in the file. */
const SECRET_LIKE = /(api_?key|apikey|master_?key$|secret|password|token$)/i;

interface Walk {
  doc: Document;
  lines: LineCounter;
  file: string;
  specs: ReadonlyMap<string, OptionSpec<unknown>>;
  /** Paths whose value is a whole structure (a list), checked by their own parser. */
  sections: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  out: YamlSource;
}

export function readYamlOptions(
  text: string,
  file: string,
  specs: readonly OptionSpec<unknown>[],
  sections: readonly string[] = [],
): YamlSource {
  const out: YamlSource = { values: new Map(), issues: [], warnings: [] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const name = basename(file);
  out.issues.push(...syntaxIssues(doc, lines, name));
  for (const warning of doc.warnings) out.warnings.push(`${name}: ${warning.message}`);
  if (doc.errors.length > 0 || doc.contents === null) return out;
  const groups = new Set([...specs.map((spec) => spec.path), ...sections].flatMap(prefixes));
  const walk: Walk = {
    doc,
    lines,
    file: name,
    specs: new Map(specs.map((s) => [s.path, s])),
    sections: new Set(sections),
    groups,
    out,
  };
  if (!isMap(doc.contents)) {
    out.issues.push({
      option: name,
      source: 'file',
      problem: `${name} must be a mapping of options (server:, storage:, cache:, …), got ${describeValue(doc.contents.toJS(doc))}`,
    });
    return out;
  }
  walkMap(walk, doc.contents, '');
  return out;
}

/** Positions by hand: pretty errors would quote the source line, which may hold a secret. */
function syntaxIssues(doc: Document, lines: LineCounter, name: string): ConfigIssue[] {
  return doc.errors.map((error) => {
    const { line, col } = lines.linePos(error.pos[0]);
    return {
      option: name,
      source: 'file',
      problem: `${name} is not valid YAML: ${error.message} (${name} line ${line}, column ${col})`,
    };
  });
}

function walkMap(walk: Walk, map: unknown, prefix: string): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '(complex key)';
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const node = isAlias(pair.value) ? pair.value.resolve(walk.doc) : pair.value;
    const line = lineOf(walk, pair.key ?? node);
    const spec = walk.specs.get(path);
    const raw: unknown = isScalar(node) ? node.value : isNode(node) ? node.toJS(walk.doc) : null;
    if (spec || walk.sections.has(path)) {
      walk.out.values.set(path, { raw, line });
    } else if (walk.groups.has(path)) {
      if (raw === null || isMap(node)) walkMap(walk, node, path);
      else walk.out.issues.push(notAGroup(walk, path, raw, line));
    } else {
      walk.out.issues.push(unknownKey(walk, path, line));
    }
  }
}

function unknownKey(walk: Walk, path: string, line: number | undefined): ConfigIssue {
  const where = at(walk.file, line);
  if (SECRET_LIKE.test(path.split('.').at(-1) ?? '')) {
    const keyFile = walk.specs.get('security.masterKeyFile');
    return {
      option: path,
      source: 'file',
      problem:
        `unknown option ${path}${where}: secrets never belong in vtbroker.yaml. The master key comes ` +
        `from VTB_MASTER_KEY or the file named by security.masterKeyFile; VT API keys are added ` +
        `to the broker, which stores them encrypted. Remove the line (and rotate the secret if the file was shared).`,
      ...(keyFile ? { example: renderExample(keyFile.path, keyFile.example, keyFile.env) } : {}),
    };
  }
  const known = [...walk.specs.keys(), ...walk.sections, ...walk.groups];
  const suggestion = closestOption(path, known);
  const spec =
    suggestion === undefined
      ? undefined
      : (walk.specs.get(suggestion) ?? firstLeaf(walk, suggestion));
  const hint =
    suggestion === undefined
      ? 'the options are server.*, storage.*, cache.*, upstream.*, limits.*, security.*, rotation.*, alerts.*, secretStores, logging.*, admin.* (see the README)'
      : `did you mean ${suggestion}?`;
  return {
    option: path,
    source: 'file',
    problem: `unknown option ${path}${where}; ${hint}`,
    ...(spec ? { example: renderExample(spec.path, spec.example, spec.env) } : {}),
  };
}

function notAGroup(walk: Walk, path: string, raw: unknown, line: number | undefined): ConfigIssue {
  const spec = firstLeaf(walk, path);
  return {
    option: path,
    source: 'file',
    problem: `${path} must be a mapping of options, got ${describeValue(raw)}${at(walk.file, line)}`,
    ...(spec ? { example: renderExample(spec.path, spec.example, spec.env) } : {}),
  };
}

function firstLeaf(walk: Walk, group: string): OptionSpec<unknown> | undefined {
  return [...walk.specs.values()].find((spec) => spec.path.startsWith(`${group}.`));
}

function prefixes(path: string): string[] {
  const segments = path.split('.');
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('.'));
}

function lineOf(walk: Walk, node: unknown): number | undefined {
  const range = isNode(node) ? node.range : undefined;
  return range ? walk.lines.linePos(range[0]).line : undefined;
}

export function at(file: string, line: number | undefined): string {
  return line === undefined ? ` (${file})` : ` (${file} line ${line})`;
}
