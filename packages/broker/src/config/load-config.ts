// loadConfig: vtbroker.yaml plus VTB_* variables (the environment wins), checked
// at start-up. Every problem is collected and thrown together as a ConfigError.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BrokerConfig } from './broker-config.ts';
import { closestOption } from './closest-option.ts';
import {
  ConfigError,
  renderExample,
  renderExampleLines,
  type ConfigIssue,
} from './config-error.ts';
import { ENV_ONLY, OPTION_LIST, OPTIONS, type OptionSpec } from './config-options.ts';
import { assembleConfig } from './default-config.ts';
import { describeValue } from './value-parsers.ts';
import { at, readYamlOptions, type YamlSource } from './yaml-source.ts';
import { parseSections, SECTIONS } from './config-sections.ts';

export type Env = Readonly<Record<string, string | undefined>>;
export type OptionSource = 'default' | 'file' | 'env';

export interface LoadConfigOptions {
  /** `--config`; relative to `cwd`. Otherwise VTB_CONFIG, otherwise `<cwd>/vtbroker.yaml` if present. */
  file?: string;
  env: Env;
  cwd: string;
}

export interface LoadedConfig {
  config: BrokerConfig;
  /** The YAML file read, if any. */
  file: string | undefined;
  /** Where each option's value came from, by YAML path. */
  sources: Readonly<Record<string, OptionSource>>;
  /** Worth a log line at start-up, not worth refusing to start. */
  warnings: string[];
}

export const DEFAULT_CONFIG_FILE = 'vtbroker.yaml';

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const file = await locateFile(options, issues);
  const yaml = file === undefined ? undefined : await readYaml(file, issues);
  if (yaml) {
    issues.push(...yaml.issues);
    warnings.push(...yaml.warnings);
  }
  const values = new Map<OptionSpec<unknown>, unknown>();
  const sources: Record<string, OptionSource> = {};
  for (const spec of OPTION_LIST) {
    const resolved = resolveOption(spec, {
      env: options.env,
      cwd: options.cwd,
      yamlFile: file,
      yaml,
      issues,
      warnings,
    });
    values.set(spec, resolved.value);
    sources[spec.path] = resolved.source;
  }
  const sections = parseSections(yaml, file, { issues, warnings });
  const assembled = assembleConfig(<T>(spec: OptionSpec<T>) => values.get(spec) as T);
  const config: BrokerConfig = {
    ...assembled,
    alerts: sections.alerts,
    secretStores: sections.secretStores,
    rotation: { ...assembled.rotation, sinks: sections.rotationSinks },
  };
  await checkTls(values, issues);
  warnings.push(...configWarnings(config, sources), ...unknownEnvWarnings(options.env));
  if (issues.length > 0) throw new ConfigError(issues, file, warnings);
  return { config, file, sources, warnings };
}

async function locateFile(
  options: LoadConfigOptions,
  issues: ConfigIssue[],
): Promise<string | undefined> {
  const fromEnv = options.env['VTB_CONFIG']?.trim();
  const [given, origin] =
    options.file !== undefined
      ? [options.file, '--config']
      : fromEnv
        ? [fromEnv, 'VTB_CONFIG']
        : [];
  if (given === undefined) {
    const fallback = join(options.cwd, DEFAULT_CONFIG_FILE);
    return (await readable(fallback)) ? fallback : undefined;
  }
  const file = resolve(options.cwd, given);
  if (await readable(file)) return file;
  issues.push({
    option: origin ?? 'config',
    source: origin === 'VTB_CONFIG' ? 'env' : 'default',
    problem: `the configuration file ${file} (from ${origin ?? 'config'}) does not exist or cannot be read`,
  });
  return undefined;
}

async function readYaml(file: string, issues: ConfigIssue[]): Promise<YamlSource | undefined> {
  try {
    return readYamlOptions(await readFile(file, 'utf8'), file, OPTION_LIST, SECTIONS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    issues.push({ option: file, source: 'file', problem: `cannot read ${file}: ${reason}` });
    return undefined;
  }
}

interface ResolveContext {
  env: Env;
  cwd: string;
  yamlFile: string | undefined;
  yaml: YamlSource | undefined;
  issues: ConfigIssue[];
  warnings: string[];
}

function resolveOption(
  spec: OptionSpec<unknown>,
  ctx: ResolveContext,
): { value: unknown; source: OptionSource } {
  const fromEnv = spec.env === undefined ? undefined : ctx.env[spec.env];
  if (spec.env !== undefined && fromEnv?.trim() === '') {
    ctx.warnings.push(
      `${spec.env} is set but empty: ignored (${spec.path} comes from the file or its default)`,
    );
  }
  const fromFile = ctx.yaml?.values.get(spec.path);
  const source: OptionSource = fromEnv?.trim() ? 'env' : fromFile ? 'file' : 'default';
  if (source === 'default') {
    const parsed = spec.default === null ? null : spec.parse(spec.default, { baseDir: ctx.cwd });
    return { value: parsed?.ok ? parsed.value : spec.default, source };
  }
  const raw = source === 'env' ? fromEnv : fromFile?.raw;
  const baseDir = source === 'file' && ctx.yamlFile !== undefined ? dirname(ctx.yamlFile) : ctx.cwd;
  const parsed = spec.parse(raw, { baseDir });
  if (parsed.ok) return { value: parsed.value, source };
  const where =
    source === 'env'
      ? ` (from ${spec.env ?? 'the environment'})`
      : at(fileName(ctx.yamlFile), fromFile?.line);
  ctx.issues.push({
    option: spec.path,
    ...(spec.env === undefined ? {} : { env: spec.env }),
    source,
    problem: `${spec.path} must be ${parsed.expected}, got ${describeValue(raw)}${where}`,
    example: renderExample(spec.path, spec.example, spec.env),
  });
  return { value: spec.default, source };
}

/** server.tls.cert and server.tls.key: both or neither, and readable. */
async function checkTls(
  values: Map<OptionSpec<unknown>, unknown>,
  issues: ConfigIssue[],
): Promise<void> {
  const cert = values.get(OPTIONS.tlsCert) as string | null;
  const key = values.get(OPTIONS.tlsKey) as string | null;
  const example = renderExampleLines('server.tls', [
    ['cert', OPTIONS.tlsCert.example],
    ['key', OPTIONS.tlsKey.example],
  ]);
  if ((cert === null) !== (key === null)) {
    const missing = cert === null ? 'server.tls.cert' : 'server.tls.key';
    issues.push({
      option: 'server.tls',
      source: 'file',
      problem: `server.tls.cert and server.tls.key must be set together, or neither; ${missing} is missing`,
      example,
    });
    return;
  }
  for (const [option, file] of [
    ['server.tls.cert', cert],
    ['server.tls.key', key],
  ] as const) {
    if (file !== null && !(await readable(file))) {
      issues.push({
        option,
        source: 'file',
        problem: `${option} must be a readable file, got ${JSON.stringify(file)} (missing or unreadable)`,
        example,
      });
    }
  }
}

function configWarnings(config: BrokerConfig, sources: Record<string, OptionSource>): string[] {
  const warnings: string[] = [];
  const { host } = config.server;
  if ((host === '0.0.0.0' || host === '::') && sources['server.publicUrl'] === 'default') {
    warnings.push(
      `server.host is ${host} but server.publicUrl is not set: links in answers will point at ${config.server.publicUrl}; set server.publicUrl (VTB_PUBLIC_URL)`,
    );
  }
  const upstream = new URL(config.upstream.baseUrl);
  if (
    upstream.protocol === 'http:' &&
    !['localhost', '127.0.0.1', '[::1]'].includes(upstream.hostname)
  ) {
    warnings.push(
      `upstream.baseUrl ${config.upstream.baseUrl} is plain HTTP: fine for the emulator, never for VirusTotal (keys would travel in clear)`,
    );
  }
  if (config.storage.driver === 'memory') {
    warnings.push(
      'storage.driver is memory: consumers, tokens and sealed keys are lost when the broker stops',
    );
  }
  if (config.security.allowPublicKeyPool) {
    warnings.push(
      "security.allowPublicKeyPool is true: VT's terms forbid pooling public-tier accounts to get round their limits",
    );
  }
  return warnings;
}

/** A typo in a variable name would otherwise be silently ignored. */
function unknownEnvWarnings(env: Env): string[] {
  const known = [
    ...OPTION_LIST.flatMap((spec) => (spec.env === undefined ? [] : [spec.env])),
    ...ENV_ONLY.map((row) => row.env),
  ];
  return Object.keys(env)
    .filter(
      (name) => name.startsWith('VTB_') && !name.startsWith('VTB_TEST_') && !known.includes(name),
    )
    .map((name) => {
      const suggestion = closestOption(name, known);
      return `${name} is not a vtbroker variable${suggestion === undefined ? '' : `; did you mean ${suggestion}?`} (ignored)`;
    });
}

function fileName(file: string | undefined): string {
  return file === undefined ? 'vtbroker.yaml' : (file.split(/[\\/]/).at(-1) ?? file);
}

async function readable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
