/**
 * Timeline fixtures: the network and time rules (polling, flow, error-handling, token-exposure, environment) judge
 * what a tab did over time, so their cases are recorded timelines rather than HTML. Each rule directory may hold
 * test/rules/<id>/<id>.timeline.json (and more sets, <id>.<set>.timeline.json), an object mapping case id → case:
 *
 *   "fail-keeps-polling-after-success": {
 *     "why": "what the case stands for and where it comes from (pattern, demo scenario, test it was ported from)",
 *     "now": 23000,                       // ms after T0 (2027-01-15T08:00:00.000Z) when the rule judges
 *     "frame": { "url": "https://shop.example.lt/sign", "lang": "en", "exposure": { "hosts": ["gateway.dokobit.com"] } },
 *     "steps": [
 *       { "navigation": { "at": -500, "url": "https://shop.example.lt/sign", "transition": "link" } },
 *       { "state": { "at": 0, "step": "waiting", "text": "Verification code" } },
 *       { "poll": { "url": "https://shop.example.lt/api/signing/3f1c9a0d11/status.json", "every": 3000, "from": 1000, "to": 22000 } },
 *       { "state": { "at": 8200, "step": "terminal", "text": "Document signed", "outcome": "signed" } }
 *     ],
 *     "evidence": { "afterEnd": 4 }       // optional: a subset some finding's evidence must hold
 *   }
 *
 * The case id's first word says the status the rule must reach: pass-, fail-, review-, na- (not-applicable), as in
 * the HTML fixtures (test/support/fixtures.ts). Every time is in ms relative to T0. Each step is an object with one
 * key naming a TimelineRecorder call (src/audit/network/timeline.ts), replayed through the real recorder:
 *
 *   navigation  { at, url, frameId=0, transition?, qualifiers?, status?, error? }              → navigation()
 *   state       { at, step: waiting|terminal|none, url?, text?, outcome?, errors?, busy?, offers? } → state()
 *               (url defaults to the last top-frame navigation at or before `at`, else the page URL)
 *   request     { start, url, method=GET, type=xmlhttprequest, frameId=0, id?, contentType?,
 *                 redirects?: [{ at, status?, to }], end?, status?, error? }
 *               → requestStarted(), responseStarted() for contentType, requestRedirected() per redirect (the same
 *                 request id continues to `to`), requestEnded() at `end` with status / error. `kind` is derived
 *                 from `type` as src/background/network.ts does; `type` is one the background records.
 *   poll        { url, every, from, to, took=80, method=GET, type=xmlhttprequest, frameId=0, status=200, error? }
 *               → one request every `every` ms from `from` to `to` (inclusive), each ending `took` ms after its start
 *                 (a `took` above `every` makes them overlap)
 *   action      { at, action, target?, result? }                                            → action()
 *   exposure    { at, url?, hits: [{ where, name, masked, kind }] }                          → exposure()
 *
 * The recorder gets the calls in time order (ties in the order written), as the background would. The page is one
 * top frame holding a single <html> node, with `frame` fields laid over it: url, lang, title, frameId, exposure
 * (missing secrets / hosts / testIdentities are empty lists). The page URL is the frame URL
 * (default https://shop.example.lt/sign). Unknown keys, missing fields and wrong types are errors naming the file and
 * the case, so a typo cannot silently drop a step.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  TimelineRecorder,
  rules,
  type FrameSnapshot,
  type NavigationEvent,
  type PageSnapshot,
  type PageState,
  type Rule,
} from '../../src/audit/index';
import { RULES_DIR, STATUS_BY_PREFIX } from './fixtures';
import { emptyFrame } from './snapshots';

/** Fixed T0 so evidence times are stable: 2027-01-15T08:00:00.000Z. */
export const T0 = 1_800_000_000_000;
export const DEFAULT_URL = 'https://shop.example.lt/sign';
const SUFFIX = '.timeline.json';

/** Resource types src/background/network.ts keeps (images, fonts and styles are never recorded). */
const RECORDED_TYPES = ['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other', 'ping', 'script'];

export interface TimelineFixtureFile {
  ruleId: string;
  /** "<id>" or "<id>.<set>". */
  set: string;
  /** Path relative to the working directory (the repository root when tests run), for messages. */
  file: string;
  cases: Record<string, unknown>;
}

export interface TimelineCase {
  id: string;
  file: string;
  why: string;
  /** The status the case id promises. */
  expected: string;
  evidence?: Record<string, unknown>;
  page: PageSnapshot;
}

export class TimelineFixtureError extends Error {}

/** Every test/rules/<dir>/<file>.timeline.json (or under WYSIWYS_FIXTURES, as for the HTML fixtures), parsed (a file that is not a JSON object is an error naming it). */
export function timelineFixtureFiles(dir = RULES_DIR): TimelineFixtureFile[] {
  const out: TimelineFixtureFile[] = [];
  for (const ruleId of readdirSync(dir).sort()) {
    const ruleDir = path.join(dir, ruleId);
    if (!statSync(ruleDir).isDirectory()) continue;
    for (const name of readdirSync(ruleDir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()) {
      const file = path.relative(process.cwd(), path.join(ruleDir, name));
      out.push({
        ruleId,
        set: name.slice(0, -SUFFIX.length),
        file,
        cases: parseFile(file, readFileSync(path.join(ruleDir, name), 'utf8')),
      });
    }
  }
  return out;
}

export function parseFile(file: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TimelineFixtureError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new TimelineFixtureError(`${file}: must be an object mapping case ids to cases`);
  return data;
}

/** The set must be named after its directory: <id>.timeline.json or <id>.<set>.timeline.json. */
export function checkSetName(f: Pick<TimelineFixtureFile, 'ruleId' | 'set' | 'file'>): void {
  if (f.set !== f.ruleId && !f.set.startsWith(`${f.ruleId}.`)) {
    throw new TimelineFixtureError(
      `${f.file}: a timeline fixture in ${f.ruleId}/ must be named ${f.ruleId}${SUFFIX} or ${f.ruleId}.<set>${SUFFIX}`,
    );
  }
}

/** The rule a fixture directory is named after, or an error naming the file. */
export function ruleFor(f: Pick<TimelineFixtureFile, 'ruleId' | 'file'>, registry: readonly Rule[] = rules): Rule {
  const rule = registry.find((r) => r.meta.id === f.ruleId);
  if (!rule)
    throw new TimelineFixtureError(`${f.file}: no rule has the id "${f.ruleId}" (known: ${registry.map((r) => r.meta.id).join(', ')})`);
  return rule;
}

/** The status a case id promises, or an error naming the file and case. */
export function statusOfCaseId(file: string, id: string): string {
  const status = STATUS_BY_PREFIX[id.split('-')[0]];
  if (!status || !/^[a-z]+-./.test(id)) {
    throw new TimelineFixtureError(
      `${file}, case "${id}": the id must start with one of ${Object.keys(STATUS_BY_PREFIX)
        .map((p) => `${p}-`)
        .join(', ')}`,
    );
  }
  return status;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type FieldType = 'number' | 'string' | 'boolean' | 'string[]' | 'object' | 'array' | readonly string[];
type SecretHit = Parameters<TimelineRecorder['exposure']>[0][number];
type Spec = Record<string, { type: FieldType; required?: boolean }>;

const req = (type: FieldType) => ({ type, required: true });
const opt = (type: FieldType) => ({ type });

const STEP_SPECS: Record<string, Spec> = {
  navigation: {
    at: req('number'),
    url: req('string'),
    frameId: opt('number'),
    transition: opt('string'),
    qualifiers: opt('string[]'),
    status: opt('number'),
    error: opt('string'),
  },
  state: {
    at: req('number'),
    step: req(['waiting', 'terminal', 'none']),
    url: opt('string'),
    text: opt('string'),
    outcome: opt(['signed', 'refused', 'expired', 'cancelled', 'error', 'ended']),
    errors: opt('string[]'),
    busy: opt('boolean'),
    offers: opt('boolean'),
  },
  request: {
    start: req('number'),
    url: req('string'),
    method: opt('string'),
    type: opt(RECORDED_TYPES),
    frameId: opt('number'),
    id: opt('string'),
    contentType: opt('string'),
    redirects: opt('array'),
    end: opt('number'),
    status: opt('number'),
    error: opt('string'),
  },
  poll: {
    url: req('string'),
    every: req('number'),
    from: req('number'),
    to: req('number'),
    took: opt('number'),
    method: opt('string'),
    type: opt(RECORDED_TYPES),
    frameId: opt('number'),
    status: opt('number'),
    error: opt('string'),
  },
  action: { at: req('number'), action: req('string'), target: opt('string'), result: opt('string') },
  exposure: { at: req('number'), url: opt('string'), hits: req('array') },
};
const REDIRECT_SPEC: Spec = { at: req('number'), status: opt('number'), to: req('string') };
const HIT_SPEC: Spec = {
  where: req(['inline-script', 'attribute', 'url', 'localStorage', 'sessionStorage', 'cookie', 'text']),
  name: req('string'),
  masked: req('string'),
  kind: req(['api-token', 'signer-url', 'session-token']),
};
const CASE_SPEC: Spec = { why: req('string'), now: req('number'), steps: req('array'), evidence: opt('object'), frame: opt('object') };
const FRAME_SPEC: Spec = { url: opt('string'), lang: opt('string'), title: opt('string'), frameId: opt('number'), exposure: opt('object') };
const EXPOSURE_SPEC: Spec = {
  secrets: opt('array'),
  hosts: opt('string[]'),
  testIdentities: opt('array'),
  declaredEnvironment: opt('string'),
  truncated: opt('object'),
};
const TEST_IDENTITY_SPEC: Spec = { value: req('string'), field: req('string') };

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  'string[]': 'a list of strings',
  object: 'an object',
  array: 'a list',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function typeOk(v: unknown, type: FieldType): boolean {
  if (Array.isArray(type)) return typeof v === 'string' && type.includes(v);
  switch (type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
  }
  return false;
}

/** Checks an object against a spec; `where` names it in the message ("step 3 (poll)"). */
function check<T = Record<string, unknown>>(where: string, v: unknown, spec: Spec): T {
  if (!isObject(v)) throw new Error(`${where} must be an object`);
  for (const key of Object.keys(v))
    if (!(key in spec)) throw new Error(`${where}: unknown field "${key}" (known: ${Object.keys(spec).join(', ')})`);
  for (const [key, { type, required }] of Object.entries(spec)) {
    if (v[key] === undefined) {
      if (required) throw new Error(`${where}: missing "${key}"`);
      continue;
    }
    if (!typeOk(v[key], type))
      throw new Error(
        `${where}: "${key}" must be ${Array.isArray(type) ? `one of ${type.join(', ')}` : TYPE_NAMES[type as string]}, not ${JSON.stringify(v[key])}`,
      );
  }
  return v as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Building

/** One recorder call at a time; replayed sorted by time, ties in the order the steps wrote them. */
interface Call {
  at: number;
  seq: number;
  run: (rec: TimelineRecorder) => void;
}

/** As src/background/network.ts derives it from the webRequest type. */
function kindOf(type: string): 'websocket' | 'navigation' | 'request' {
  return type === 'websocket' ? 'websocket' : type === 'main_frame' || type === 'sub_frame' ? 'navigation' : 'request';
}

/** The start of one request of a `request` or `poll` step (its method, URL, type and frame; GET of an XHR in the top frame unless said). */
function started(s: Record<string, unknown>, id: string, start: number): Omit<Call, 'seq'> {
  const type = (s.type as string | undefined) ?? 'xmlhttprequest';
  const request = {
    id,
    kind: kindOf(type),
    method: (s.method as string | undefined) ?? 'GET',
    url: s.url as string,
    type,
    frameId: (s.frameId as number | undefined) ?? 0,
    start,
  };
  return { at: start, run: (rec) => rec.requestStarted(request) };
}

function stepCalls(
  where: string,
  kind: string,
  s: Record<string, unknown>,
  index: number,
  ids: Set<string>,
  topNavs: { at: number; url: string }[],
  pageUrl: string,
): Omit<Call, 'seq'>[] {
  // The page is sampled on whatever the tab shows: the last top-frame navigation before that moment, or the page.
  const shownAt = (when: number) => topNavs.filter((n) => n.at <= when).pop()?.url ?? pageUrl;
  const at = (ms: number) => T0 + ms;
  const claim = (id: string) => {
    if (ids.has(id)) throw new Error(`${where}: request id "${id}" is used twice`);
    ids.add(id);
    return id;
  };
  switch (kind) {
    case 'navigation': {
      const n: NavigationEvent = { at: at(s.at as number), frameId: (s.frameId as number | undefined) ?? 0, url: s.url as string };
      for (const k of ['transition', 'qualifiers', 'status', 'error'] as const) if (s[k] !== undefined) Object.assign(n, { [k]: s[k] });
      if (n.frameId === 0 && !n.error) topNavs.push({ at: n.at, url: n.url });
      return [{ at: n.at, run: (rec) => rec.navigation(n) }];
    }
    case 'state': {
      const when = at(s.at as number);
      const { at: _at, url, ...rest } = s;
      return [
        {
          at: when,
          run: (rec) => {
            rec.state({ ...(rest as Omit<PageState, 'at' | 'url'>), at: when, url: (url as string | undefined) ?? shownAt(when) });
          },
        },
      ];
    }
    case 'request': {
      const id = claim((s.id as string | undefined) ?? `s${index}`);
      const _type = (s.type as string | undefined) ?? 'xmlhttprequest';
      const start = at(s.start as number);
      const calls: Omit<Call, 'seq'>[] = [started(s, id, start)];
      if (s.contentType !== undefined) calls.push({ at: start, run: (rec) => rec.responseStarted(id, s.contentType as string) });
      let last = start;
      for (const [k, r] of ((s.redirects as unknown[] | undefined) ?? []).entries()) {
        const hop = check(`${where} redirect ${k + 1}`, r, REDIRECT_SPEC);
        const when = at(hop.at as number);
        if (when < last) throw new Error(`${where} redirect ${k + 1}: "at" is before the hop it ends`);
        last = when;
        calls.push({ at: when, run: (rec) => rec.requestRedirected(id, when, hop.status as number | undefined, hop.to as string) });
      }
      if (s.end !== undefined) {
        const end = at(s.end as number);
        if (end < last) throw new Error(`${where}: "end" is before the request (or its last redirect) started`);
        calls.push({
          at: end,
          run: (rec) => rec.requestEnded(id, end, { status: s.status as number | undefined, error: s.error as string | undefined }),
        });
      } else if (s.status !== undefined || s.error !== undefined) {
        throw new Error(`${where}: "status" / "error" need an "end" (when the answer came)`);
      }
      return calls;
    }
    case 'poll': {
      const every = s.every as number;
      const from = s.from as number;
      const to = s.to as number;
      const took = (s.took as number | undefined) ?? 80;
      if (every <= 0) throw new Error(`${where}: "every" must be above 0`);
      if (to < from) throw new Error(`${where}: "to" is before "from"`);
      if (took < 0) throw new Error(`${where}: "took" must not be negative`);
      const _type = (s.type as string | undefined) ?? 'xmlhttprequest';
      const calls: Omit<Call, 'seq'>[] = [];
      for (let t = from, k = 0; t <= to; t += every, k++) {
        const id = claim(`s${index}-${k}`);
        const start = at(t);
        calls.push(started(s, id, start));
        calls.push({
          at: start + took,
          run: (rec) =>
            rec.requestEnded(
              id,
              start + took,
              s.error !== undefined ? { error: s.error as string } : { status: (s.status as number | undefined) ?? 200 },
            ),
        });
      }
      return calls;
    }
    case 'action': {
      const a = {
        at: at(s.at as number),
        action: s.action as string,
        target: s.target as string | undefined,
        result: s.result as string | undefined,
      };
      return [{ at: a.at, run: (rec) => rec.action(a) }];
    }
    case 'exposure': {
      const hits = (s.hits as unknown[]).map((h, k) => check<SecretHit>(`${where} hit ${k + 1}`, h, HIT_SPEC));
      const when = at(s.at as number);
      return [{ at: when, run: (rec) => rec.exposure(hits, (s.url as string | undefined) ?? shownAt(when), when) }];
    }
  }
  throw new Error(`${where}: unknown step`);
}

function frameOf(raw: Record<string, unknown> | undefined, now: number): FrameSnapshot {
  const over = raw ? check('"frame"', raw, FRAME_SPEC) : {};
  const frame: FrameSnapshot = emptyFrame(DEFAULT_URL, { gatheredAt: now });
  for (const k of ['url', 'lang', 'title', 'frameId'] as const) if (over[k] !== undefined) Object.assign(frame, { [k]: over[k] });
  if (over.exposure) {
    const e = check('"frame.exposure"', over.exposure, EXPOSURE_SPEC);
    const secrets = ((e.secrets as unknown[] | undefined) ?? []).map((h, k) =>
      check<SecretHit>(`"frame.exposure" secret ${k + 1}`, h, HIT_SPEC),
    );
    const testIdentities = ((e.testIdentities as unknown[] | undefined) ?? []).map((t, k) =>
      check<{ value: string; field: string }>(`"frame.exposure" test identity ${k + 1}`, t, TEST_IDENTITY_SPEC),
    );
    frame.exposure = { ...e, secrets, hosts: (e.hosts as string[] | undefined) ?? [], testIdentities };
  }
  return frame;
}

/**
 * One case as the page the rule judges: the recorded timeline, one top frame and the time of judgement. Throws a
 * TimelineFixtureError naming the file and the case for anything malformed.
 */
export function buildCase(file: string, id: string, raw: unknown): TimelineCase {
  try {
    const expected = statusOfCaseId(file, id);
    const c = check('the case', raw, CASE_SPEC);
    if (!(c.why as string).trim()) throw new Error('"why" is empty');
    const now = T0 + (c.now as number);
    const frame = frameOf(c.frame as Record<string, unknown> | undefined, now);
    const ids = new Set<string>();
    const topNavs: { at: number; url: string }[] = [];
    const calls: Call[] = [];
    for (const [i, step] of (c.steps as unknown[]).entries()) {
      const keys = isObject(step) ? Object.keys(step) : [];
      if (keys.length !== 1 || !(keys[0] in STEP_SPECS)) {
        throw new Error(
          `step ${i + 1} must be an object with one key, one of ${Object.keys(STEP_SPECS).join(', ')} (got ${JSON.stringify(step)})`,
        );
      }
      const kind = keys[0];
      const where = `step ${i + 1} (${kind})`;
      const fields = check(where, (step as Record<string, unknown>)[kind], STEP_SPECS[kind]);
      for (const call of stepCalls(where, kind, fields, i + 1, ids, topNavs, frame.url)) calls.push({ ...call, seq: calls.length });
    }
    topNavs.sort((a, b) => a.at - b.at);
    const rec = new TimelineRecorder();
    for (const call of calls.sort((a, b) => a.at - b.at || a.seq - b.seq)) call.run(rec);
    const timeline = rec.timeline();
    return {
      id,
      file,
      why: c.why as string,
      expected,
      ...(c.evidence ? { evidence: c.evidence as Record<string, unknown> } : {}),
      page: { url: frame.url, now, timeline, frames: [frame] },
    };
  } catch (e) {
    if (e instanceof TimelineFixtureError) throw e;
    throw new TimelineFixtureError(`${file}, case "${id}": ${(e as Error).message}`);
  }
}

/** Whether `actual` holds `expected`: objects and arrays by their listed keys / indices, everything else by ===. */
export function evidenceHolds(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object') {
    return Object.entries(expected).every(([k, v]) => evidenceHolds((actual as Record<string, unknown> | undefined)?.[k], v));
  }
  return actual === expected;
}
