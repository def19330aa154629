/**
 * Reads a flow file (JSON or YAML) and checks it against schemas/flow.schema.json. Every problem is reported at
 * once, each naming the field in words and its line ("line 9: steps[2] (click): give one of …"), never a stack.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../../schemas/flow.schema.json';
import { UsageError } from '../errors';
import { placeholderErrors } from './values';

/** What a click, fill or select acts on: exactly one of role (+ name), text, selector, label, placeholder. */
export interface FlowTarget {
  role?: string;
  name?: string;
  text?: string;
  selector?: string;
  label?: string;
  placeholder?: string;
  exact?: boolean;
  /** CSS selector of the frame element, or a part of the frame's address. */
  frame?: string;
  timeoutMs?: number;
}

export interface FlowWaitFor {
  text?: string;
  selector?: string;
  url?: string;
  phoneStep?: true;
  frame?: string;
  timeoutMs?: number;
}

export type FlowStep =
  | { goto: string | { url: string; timeoutMs?: number } }
  | { click: FlowTarget }
  | { fill: FlowTarget & { value: string } }
  | { select: FlowTarget & { option: string } }
  | { press: string }
  | { waitFor: FlowWaitFor }
  | { audit: string | { name: string; waitMs?: number } }
  | { exercise: 'cancel' };

export type FlowStepKind = 'goto' | 'click' | 'fill' | 'select' | 'press' | 'waitFor' | 'audit' | 'exercise';
export const STEP_KINDS: readonly FlowStepKind[] = ['goto', 'click', 'fill', 'select', 'press', 'waitFor', 'audit', 'exercise'];

export interface Flow {
  name: string;
  description?: string;
  steps: FlowStep[];
  /** Where the flow was read from (file name), and the line of each step there, for messages. */
  source?: string;
  stepLines?: number[];
}

export const TARGET_KEYS = ['role', 'text', 'selector', 'label', 'placeholder'] as const;
const WAIT_KEYS = ['text', 'selector', 'url', 'phoneStep'] as const;

let validators: { flow: ValidateFunction; steps: Record<FlowStepKind, ValidateFunction> } | undefined;

function compiled() {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const id = (schema as { $id: string }).$id;
  const steps = Object.fromEntries(STEP_KINDS.map((k) => [k, ajv.compile({ $ref: `${id}#/$defs/${k}Step` })])) as Record<
    FlowStepKind,
    ValidateFunction
  >;
  validators = { flow: ajv.getSchema(id)!, steps };
  return validators;
}

type Segment = string | number;

/** "steps[2] (click).role" for ['steps', 2, 'click', 'role']. */
function where(segments: Segment[], value: unknown): string {
  let out = '';
  let node: unknown = value;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const parentIsStep = i === 2 && segments[0] === 'steps';
    if (typeof s === 'number') out += `[${s}]`;
    else if (parentIsStep && STEP_KINDS.includes(s as FlowStepKind)) out += ` (${s})`;
    else out += out ? `.${s}` : s;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s as string] : undefined;
  }
  return out || 'the flow';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  return `${typeof v}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function valueAt(root: unknown, segments: Segment[]): unknown {
  let node = root;
  for (const s of segments) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined;
  return node;
}

function pointer(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

interface Problem {
  segments: Segment[];
  /** A key of the object at `segments` the message is about (its line is the key's). */
  key?: string;
  message: string;
}

/** Ajv's errors in words; a failed `oneOf` keeps only what explains it. */
function describe(errors: ErrorObject[], root: unknown, base: Segment[]): Problem[] {
  const problems: Problem[] = [];
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    const segments = [...base, ...pointer(e.instancePath)];
    const value = valueAt(root, segments);
    if (e.keyword === 'oneOf') {
      const types = errors.filter((x) => x.instancePath === e.instancePath && x.keyword === 'type').map((x) => String(x.params.type));
      // A value of a type one form accepts is explained by that form's own errors (missing or unknown fields…).
      const inside = errors.some(
        (x) =>
          x.keyword !== 'type' &&
          x.keyword !== 'oneOf' &&
          (x.instancePath === e.instancePath || x.instancePath.startsWith(`${e.instancePath}/`)),
      );
      if (inside) continue;
      if (types.length)
        problems.push({
          segments,
          message: `must be ${[...new Set(types)].map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${typeName(value)}`,
        });
      continue;
    }
    if (oneOfPaths.has(e.instancePath) && (e.keyword === 'type' || e.keyword === 'required' || e.keyword === 'additionalProperties')) {
      // Branch errors of a oneOf at this very place: the oneOf message covers them, unless the value is an object.
      if (!(value && typeof value === 'object') || e.keyword === 'type') continue;
    }
    switch (e.keyword) {
      case 'required':
        problems.push({ segments, message: `missing "${e.params.missingProperty}"` });
        break;
      case 'additionalProperties':
        problems.push({ segments, key: e.params.additionalProperty, message: `unknown field "${e.params.additionalProperty}"` });
        break;
      case 'unevaluatedProperties':
        problems.push({ segments, key: e.params.unevaluatedProperty, message: `unknown field "${e.params.unevaluatedProperty}"` });
        break;
      case 'type':
        problems.push({ segments, message: `must be ${TYPE_WORDS[e.params.type] ?? e.params.type}, not ${typeName(value)}` });
        break;
      case 'const':
        problems.push({ segments, message: `must be ${JSON.stringify(e.params.allowedValue)}, not ${JSON.stringify(value)}` });
        break;
      case 'enum':
        problems.push({
          segments,
          message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        });
        break;
      case 'minLength':
        problems.push({ segments, message: 'must not be empty' });
        break;
      case 'minItems':
        problems.push({
          segments,
          message: segments.join() === 'steps' ? 'needs at least one step' : `needs at least ${e.params.limit} item(s)`,
        });
        break;
      case 'minimum':
      case 'maximum':
        problems.push({
          segments,
          message: `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${e.params.limit}, not ${JSON.stringify(value)}`,
        });
        break;
      case 'allOf':
        break;
      default:
        problems.push({ segments, message: e.message ?? e.keyword });
    }
  }
  return problems;
}

/** Checks the schema cannot say simply: one way to find a target, one condition to wait for, known placeholders. */
function stepRules(step: Record<string, unknown>, kind: FlowStepKind, at: Segment[]): Problem[] {
  const problems: Problem[] = [];
  const body = step[kind];
  if ((kind === 'click' || kind === 'fill' || kind === 'select') && body && typeof body === 'object') {
    const t = body as Record<string, unknown>;
    const given = TARGET_KEYS.filter((k) => t[k] !== undefined);
    if (given.length === 0 && t.name === undefined)
      problems.push({ segments: [...at, kind], message: 'give one of role+name, text, selector, label or placeholder' });
    else if (given.length > 1)
      problems.push({
        segments: [...at, kind],
        message: `give only one of role+name, text, selector, label or placeholder (found ${given.join(' and ')})`,
      });
    if (t.name !== undefined && t.role === undefined)
      problems.push({ segments: [...at, kind], key: 'name', message: '"name" needs "role" (e.g. role: button)' });
  }
  if (kind === 'waitFor' && body && typeof body === 'object') {
    const given = WAIT_KEYS.filter((k) => (body as Record<string, unknown>)[k] !== undefined);
    if (given.length !== 1)
      problems.push({
        segments: [...at, kind],
        message: given.length
          ? `give only one of text, selector, url or phoneStep (found ${given.join(' and ')})`
          : 'give one of text, selector, url or phoneStep',
      });
  }
  // Placeholders in every text of the step.
  const walk = (v: unknown, segs: Segment[]) => {
    if (typeof v === 'string') for (const m of placeholderErrors(v)) problems.push({ segments: segs, message: m });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...segs, k]);
  };
  walk(body, [...at, kind]);
  return problems;
}

function validate(value: unknown): Problem[] {
  const { flow, steps } = compiled();
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return [{ segments: [], message: `a flow is an object with "name" and "steps", not ${typeName(value)}` }];
  const problems: Problem[] = [];
  if (!flow(value))
    problems.push(
      ...describe(
        (flow.errors ?? []).filter((e) => !/^\/steps\/\d+/.test(e.instancePath)),
        value,
        [],
      ),
    );
  const list = (value as { steps?: unknown }).steps;
  if (!Array.isArray(list)) return problems;
  list.forEach((step, i) => {
    const at: Segment[] = ['steps', i];
    if (!step || typeof step !== 'object' || Array.isArray(step)) {
      problems.push({ segments: at, message: `must be an object with one step kind (${STEP_KINDS.join(', ')}), not ${typeName(step)}` });
      return;
    }
    const keys = Object.keys(step);
    const kinds = keys.filter((k): k is FlowStepKind => STEP_KINDS.includes(k as FlowStepKind));
    const unknown = keys.filter((k) => !STEP_KINDS.includes(k as FlowStepKind));
    if (kinds.length !== 1) {
      for (const k of unknown)
        problems.push({ segments: at, key: k, message: `unknown step kind "${k}" (known: ${STEP_KINDS.join(', ')})` });
      if (kinds.length > 1) problems.push({ segments: at, message: `one step kind per step, found ${kinds.join(' and ')}` });
      if (!keys.length) problems.push({ segments: at, message: `empty step: give one of ${STEP_KINDS.join(', ')}` });
      return;
    }
    const validateStep = steps[kinds[0]];
    if (!validateStep(step)) problems.push(...describe(validateStep.errors ?? [], value, at));
    problems.push(...stepRules(step as Record<string, unknown>, kinds[0], at));
  });
  return problems;
}

/** The line (1-based) of the node at `segments` (or of its key `key`) in the document. */
function lineOf(doc: Document, lines: LineCounter, segments: Segment[], key?: string): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
  for (const s of [...segments, ...(key !== undefined ? [key] : [])]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === s);
      if (!pair) break;
      offset = (pair.key as { range?: number[] })?.range?.[0] ?? offset;
      node = pair.value;
      if (s !== key) offset = (node as { range?: number[] } | null)?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof s === 'number') {
      node = node.items[s];
      offset = (node as { range?: number[] } | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** Reads and checks a flow; throws UsageError listing every problem with its line. */
export function parseFlow(text: string, sourceName: string): Flow {
  const lines = new LineCounter();
  // YAML 1.2 reads JSON too; duplicate keys are an error in both.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const messages = doc.errors.map((e) => {
      const line = lines.linePos(e.pos[0]).line;
      return `  line ${line}: ${e.message.split('\n')[0]}`;
    });
    throw new UsageError(`The flow file ${sourceName} cannot be read:\n${messages.join('\n')}`);
  }
  const value = doc.toJS() as unknown;
  const problems = validate(value);
  if (problems.length) {
    const seen = new Set<string>();
    const messages = problems
      .map((p) => {
        const line = lineOf(doc, lines, p.segments, p.key);
        return { line: line ?? 0, text: `  ${line ? `line ${line}: ` : ''}${where(p.segments, value)}: ${p.message}` };
      })
      .filter((m) => !seen.has(m.text) && seen.add(m.text))
      .sort((a, b) => a.line - b.line)
      .map((m) => m.text);
    throw new UsageError(`The flow file ${sourceName} has ${messages.length} problem(s):\n${messages.join('\n')}`);
  }
  const flow = value as Flow;
  return {
    ...flow,
    source: sourceName,
    stepLines: flow.steps.map((_, i) => lineOf(doc, lines, ['steps', i]) ?? 0),
  };
}

export async function loadFlowFile(file: string): Promise<Flow> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the flow file ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseFlow(text, path.basename(file));
}
