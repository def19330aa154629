/**
 * The run configuration `wysiwys.config.json` (schemas/config.schema.json): found in the working directory or given
 * with --config, validated with one message per bad field (naming the field and its line), and merged with the
 * command line, whose flags win. The result is the plan of one run: which points to audit and the policy that
 * turns their verdicts into an exit code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isMap, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { CliOptions } from './args';
import { normaliseUrl } from './args';
import { UsageError } from './errors';
import type { FailOn, OutputFormat, RunPolicy } from './run';

export const CONFIG_FILE = 'wysiwys.config.json';

/** The JSON Schema of the file, shipped in the repository for editors (`"$schema": "…/schemas/config.schema.json"`). */
export const CONFIG_SCHEMA_FILE = path.resolve(import.meta.dirname, '../../schemas/config.schema.json');
const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as { properties: Record<string, unknown> };

export interface ConfigViewport {
  name?: string;
  width: number;
  height: number;
}

/** The file's shape (see the schema for what each field means). */
export interface RunConfig {
  urls?: string[];
  flows?: string[];
  baseUrl?: string;
  viewports?: ConfigViewport[];
  languages?: string[];
  languageParam?: string;
  waitMs?: number;
  observe?: { quietMs?: number; maxMs?: number };
  requiredChecks?: string[];
  failOn?: FailOn;
  formats?: OutputFormat[];
  outputDir?: string;
}

/** One run, config and flags merged: what to audit, how, and where the reports go. */
export interface RunSettings {
  urls: string[];
  /** Absolute paths of flow files. */
  flows: string[];
  baseUrl?: string;
  viewports: ConfigViewport[];
  /** `[undefined]` when no language is asked for: each point runs once, in the page's own language. */
  languages: (string | undefined)[];
  languageParam: string;
  waitMs?: number;
  quietMs?: number;
  maxMs?: number;
  exercise?: 'cancel';
  policy: RunPolicy;
  formats: OutputFormat[];
  /** Absolute; without it the first format goes to stdout. */
  outputDir?: string;
  quiet: boolean;
  /** The config file read, if any. */
  configFile?: string;
}

export const DEFAULT_VIEWPORT: ConfigViewport = { name: 'desktop', width: 1280, height: 900 };

let validator: ReturnType<Ajv2020['compile']> | undefined;

function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  return validator(value) ? [] : (validator.errors ?? []);
}

/** `/viewports/1/width` → `viewports[1].width`. */
function fieldName(segments: (string | number)[]): string {
  return segments.reduce<string>((name, s) => (typeof s === 'number' ? `${name}[${s}]` : name ? `${name}.${s}` : s), '');
}

function segmentsOf(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  array: 'a list ([…])',
  object: 'an object ({…})',
  boolean: 'true or false',
};

/** What is wrong with the field, in words, from one ajv error. */
function problemOf(error: ErrorObject, field: string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(schema.properties).filter((k) => k !== '$schema');
      const where = field ? `${field}: ` : '';
      const allowed = field.startsWith('viewports') ? 'name, width, height' : field === 'observe' ? 'quietMs, maxMs' : known.join(', ');
      return `${where}unknown field "${p.additionalProperty}" (allowed: ${allowed})`;
    }
    case 'required':
      return `${field ? `${field}: ` : ''}"${p.missingProperty}" is missing`;
    case 'type':
      return `${field} must be ${TYPE_WORDS[String(p.type)] ?? p.type}`;
    case 'enum':
      return `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minimum':
      return `${field} must be at least ${p.limit}`;
    case 'maximum':
      return `${field} must be at most ${p.limit}`;
    case 'minItems':
      return `${field} must list at least ${p.limit} item(s)`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'pattern':
      return field.startsWith('languages')
        ? `${field} must be a language code such as "en", "lt" or "pt-BR"`
        : `${field} must be a query parameter name (letters, digits, _ . -)`;
    default:
      return `${field || 'the config'} ${error.message ?? 'is not valid'}`;
  }
}

/** The 1-based line of the value (or, for an unknown field, of its key) in the file. */
function lineOf(text: string, segments: (string | number)[], key?: string): number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  let node = (segments.length ? doc.getIn(segments, true) : doc.contents) as YamlNode | undefined;
  if (key && isMap(node)) node = node.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.key as YamlNode;
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** Every problem of a parsed config, one message per field: "line 7: viewports[1].width must be at least 200". */
export function configProblems(value: unknown, text = JSON.stringify(value, null, 2)): string[] {
  const seen = new Set<string>();
  const out: { line?: number; text: string }[] = [];
  for (const error of validate(value)) {
    const segments = segmentsOf(error.instancePath);
    const extra =
      error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : '';
    const id = `${error.instancePath}\u0000${extra}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const line = lineOf(text, segments, extra || undefined);
    const message = problemOf(error, fieldName(segments));
    out.push({ line, text: line ? `line ${line}: ${message}` : message });
  }
  // In the order of the file, as a person reads it.
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => p.text);
}

/** Reads and validates a config file; a bad one throws a UsageError listing every bad field. */
export function loadConfig(file: string): RunConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = syntaxErrorOffset(text);
    const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
    throw new UsageError(`${file}${line ? ` line ${line}` : ''}: not valid JSON (${error instanceof Error ? error.message : error})`);
  }
  const problems = configProblems(value, text);
  if (problems.length) throw new UsageError(`${file} is not a valid config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return value as RunConfig;
}

/**
 * Where JSON text first goes wrong: the shortest prefix that fails for another reason than ending early (the
 * engine's message does not always give a position). A prefix either ends early or already holds the error, so
 * the boundary is found by bisection.
 */
function syntaxErrorOffset(text: string): number | undefined {
  const wrongAt = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = String((error as Error).message);
      if (/Unexpected end/i.test(message)) return false;
      const position = /position (\d+)/.exec(message);
      return position ? Number(position[1]) < length : true;
    }
  };
  if (!wrongAt(text.length)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (wrongAt(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, hi - 1);
}

/** `${env.NAME}` replaced with the variable; an unset one is a config error naming the field. */
export function withEnv(value: string, field: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') throw new UsageError(`${field} uses \${env.${name}}, but the environment variable ${name} is not set`);
    return v;
  });
}

/** A config URL: `${env.X}` filled, a path resolved against baseUrl, then checked like a command-line URL. */
function configUrl(raw: string, field: string, baseUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = withEnv(raw, field, env);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return checkedUrl(value, field);
  if (!baseUrl) throw new UsageError(`${field} "${value}" is relative: give baseUrl (or a full http(s) URL)`);
  return checkedUrl(new URL(value, baseUrl.endsWith('/') || value.startsWith('/') ? baseUrl : `${baseUrl}/`).toString(), field);
}

function checkedUrl(url: string, field: string): string {
  try {
    // `{lang}` is filled per language later; keep it through URL parsing.
    return normaliseUrl(url.replaceAll('{lang}', 'LANG_PLACEHOLDER')).replaceAll('LANG_PLACEHOLDER', '{lang}');
  } catch (error) {
    throw new UsageError(`${field}: ${error instanceof Error ? error.message : error}`);
  }
}

/** The config to use: --config, or wysiwys.config.json in the working directory if there is one. */
export function findConfig(options: Pick<CliOptions, 'config'>, cwd: string): string | undefined {
  if (options.config) return path.resolve(cwd, options.config);
  const here = path.join(cwd, CONFIG_FILE);
  return existsSync(here) ? here : undefined;
}

/** Config and flags merged (flags win). Throws a UsageError when there is nothing to audit or a value is wrong. */
export function resolveRun(options: CliOptions, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): RunSettings {
  const configFile = findConfig(options, cwd);
  const config: RunConfig = configFile ? loadConfig(configFile) : {};
  const configDir = configFile ? path.dirname(configFile) : cwd;
  const baseUrl = config.baseUrl === undefined ? undefined : checkedUrl(withEnv(config.baseUrl, 'baseUrl', env), 'baseUrl');
  // URLs or flows on the command line replace the config's: the person asked for these.
  const fromFlags = options.urls.length > 0 || options.flows.length > 0;
  const urls = fromFlags ? options.urls : (config.urls ?? []).map((u, i) => configUrl(u, `urls[${i}]`, baseUrl, env));
  const flows = fromFlags ? options.flows.map((f) => path.resolve(cwd, f)) : (config.flows ?? []).map((f) => path.resolve(configDir, f));
  if (!urls.length && !flows.length) {
    throw new UsageError(
      configFile
        ? `${configFile} lists no urls or flows, and none were given on the command line.`
        : `Give at least one URL or --flow <file>, or a config file (${CONFIG_FILE} in this directory, or --config <file>).`,
    );
  }
  const formats: OutputFormat[] = options.formats.length
    ? [...new Set(options.formats)]
    : options.json
      ? ['json']
      : (config.formats ?? ['table']);
  const outputDir = options.outputDir
    ? path.resolve(cwd, options.outputDir)
    : config.outputDir
      ? path.resolve(configDir, config.outputDir)
      : undefined;
  const languages = options.languages.length ? options.languages : (config.languages ?? []);
  const requiredChecks = options.require.length ? options.require : config.requiredChecks;
  return {
    urls,
    flows,
    baseUrl,
    viewports: options.viewport ? [options.viewport] : (config.viewports ?? [DEFAULT_VIEWPORT]),
    languages: languages.length ? [...new Set(languages)] : [undefined],
    languageParam: config.languageParam ?? 'lang',
    waitMs: options.waitMs ?? config.waitMs,
    quietMs: config.observe?.quietMs,
    maxMs: config.observe?.maxMs,
    exercise: options.exercise,
    policy: { failOn: options.failOn ?? config.failOn ?? 'fail', ...(requiredChecks?.length ? { requiredChecks } : {}) },
    formats,
    outputDir,
    quiet: options.quiet,
    configFile,
  };
}
