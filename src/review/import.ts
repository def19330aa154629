/**
 * Reads a review file written by `toJson`. Every problem gets a message a reviewer can act on; nothing is
 * overwritten here: when the review's id already exists the result says which one it `replaces`, and the caller
 * asks before saving. The input text and `existingIds` are never changed.
 */
import type { CheckResult, MessagePart, Status, TimelineEntry } from '../audit';
import {
  REQUIREMENTS,
  REVIEW_SCHEMA,
  REVIEW_VERSION,
  emptyRequirement,
  isSafeImageUrl,
  type AutoResult,
  type Environment,
  type EvidenceItem,
  type ReportSnapshot,
  type RequirementState,
  type Review,
  type Verdict,
} from './model';

export type ImportResult = { ok: true; review: Review; replaces?: string; warnings: string[] } | { ok: false; error: string };

const NOT_A_REVIEW = 'This is not a WYSIWYS Auditor review file.';

const STATUSES: readonly Status[] = ['pass', 'fail', 'review', 'not-applicable', 'error'];
const AUTOS: readonly AutoResult[] = ['pass', 'fail', 'review', 'not-applicable'];
const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'not-tested'];
const ENVIRONMENTS: readonly Environment[] = ['sandbox', 'production', 'unknown'];
const SEVERITIES = ['critical', 'serious', 'moderate', 'minor'];
const TIMELINE_KINDS: readonly TimelineEntry['kind'][] = [
  'page',
  'redirect',
  'navigation-error',
  'series',
  'state',
  'action',
  'verdict',
  'request-failed',
];

/** A field that fails validation: the message names it by its path in the file. */
class FieldError extends Error {}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'text' : typeof v;

function fail(path: string, expected: string, got: unknown): never {
  if (got === undefined) throw new FieldError(`The review file has no "${path}" (${expected} expected).`);
  throw new FieldError(`The review file has an invalid "${path}": ${expected} expected, found ${describe(got)}.`);
}

function str(o: Obj, key: string, path: string, opts: { nonEmpty?: boolean } = {}): string {
  const v = o[key];
  if (typeof v !== 'string') fail(path, 'text', v);
  if (opts.nonEmpty && !v.trim()) throw new FieldError(`The review file has an invalid "${path}": it is empty.`);
  return v;
}

function optStr(o: Obj, key: string, path: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, path);
}

function oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(path, `one of ${allowed.join(', ')}`, v);
  return v as T;
}

function date(o: Obj, key: string, path: string): string {
  const v = str(o, key, path);
  if (Number.isNaN(Date.parse(v)))
    throw new FieldError(`The review file has an invalid "${path}": a date (ISO 8601) expected, found "${v.slice(0, 40)}".`);
  return v;
}

function list(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return v;
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'an object', v);
  return v;
}

/** Optional parts a text was written from (older files have none: their English text is shown as it is). */
function optParts(o: Obj, key: string, path: string): void {
  if (o[key] !== undefined) o[key] = list(o, key, path).map((p, i) => messagePart(p, `${path}[${i}]`));
}

function finding(v: unknown, path: string): void {
  const f = obj(v, path);
  str(f, 'message', `${path}.message`);
  optParts(f, 'messageParts', `${path}.messageParts`);
  oneOf(f, 'severity', `${path}.severity`, SEVERITIES);
  if (!Array.isArray(f.target)) fail(`${path}.target`, 'a list', f.target);
  str(f, 'frameUrl', `${path}.frameUrl`);
  if (!isObj(f.evidence)) fail(`${path}.evidence`, 'an object', f.evidence);
}

/** Checks are kept as written (the report contract may add fields); what the renderers read is validated. */
function check(v: unknown, path: string): CheckResult {
  const c = obj(v, path);
  str(c, 'id', `${path}.id`, { nonEmpty: true });
  oneOf(c, 'status', `${path}.status`, STATUSES);
  str(c, 'title', `${path}.title`);
  str(c, 'summary', `${path}.summary`);
  optParts(c, 'summaryParts', `${path}.summaryParts`);
  list(c, 'findings', `${path}.findings`).forEach((f, i) => {
    finding(f, `${path}.findings[${i}]`);
  });
  if (c.observedAt !== undefined && typeof c.observedAt !== 'number') fail(`${path}.observedAt`, 'a number', c.observedAt);
  if (c.history !== undefined) {
    list(c, 'history', `${path}.history`).forEach((h, i) => {
      const entry = obj(h, `${path}.history[${i}]`);
      optParts(entry, 'summaryParts', `${path}.history[${i}].summaryParts`);
    });
  }
  return c as unknown as CheckResult;
}

/** Messages nest (a summary holding a list of reasons); deeper than this is not something the engine writes. */
const MAX_PART_DEPTH = 8;

/**
 * A message part: data text, or a catalogue key (never anything that could reach a renderer as markup) with its
 * `$n` values and its named args (each a list of parts again).
 */
function messagePart(v: unknown, path: string, depth = 0): MessagePart {
  if (typeof v === 'string') return v;
  const p = obj(v, path);
  const key = str(p, 'key', `${path}.key`);
  if (!/^[A-Za-z0-9_]{1,80}$/.test(key)) fail(`${path}.key`, 'a message key (letters, digits, underscore)', key);
  const part: Exclude<MessagePart, string> = { key };
  if (p.values !== undefined)
    part.values = list(p, 'values', `${path}.values`).map((x, i) => (typeof x === 'string' ? x : fail(`${path}.values[${i}]`, 'text', x)));
  if (p.args !== undefined) {
    if (depth >= MAX_PART_DEPTH) throw new FieldError(`The review file has an invalid "${path}.args": messages nested too deep.`);
    const args = obj(p.args, `${path}.args`);
    // fromEntries defines own properties, so a name like "__proto__" stays a plain (unused) placeholder name.
    part.args = Object.fromEntries(
      Object.keys(args).map((name) => {
        if (!/^\w{1,40}$/.test(name)) fail(`${path}.args`, 'placeholder names (letters, digits, underscore)', name);
        return [name, list(args, name, `${path}.args.${name}`).map((x, i) => messagePart(x, `${path}.args.${name}[${i}]`, depth + 1))];
      }),
    );
  }
  return part;
}

function timelineEntry(v: unknown, path: string): TimelineEntry {
  const e = obj(v, path);
  if (typeof e.at !== 'number') fail(`${path}.at`, 'a number', e.at);
  const entry: TimelineEntry = { at: e.at, kind: oneOf(e, 'kind', `${path}.kind`, TIMELINE_KINDS), text: str(e, 'text', `${path}.text`) };
  if (e.parts !== undefined) entry.parts = list(e, 'parts', `${path}.parts`).map((p, i) => messagePart(p, `${path}.parts[${i}]`));
  return entry;
}

function report(v: unknown, path: string): ReportSnapshot {
  const r = obj(v, path);
  const out: ReportSnapshot = {
    url: str(r, 'url', `${path}.url`, { nonEmpty: true }),
    finishedAt: str(r, 'finishedAt', `${path}.finishedAt`),
    checks: list(r, 'checks', `${path}.checks`).map((c, i) => check(c, `${path}.checks[${i}]`)),
  };
  if (r.timeline !== undefined)
    out.timeline = list(r, 'timeline', `${path}.timeline`).map((e, i) => timelineEntry(e, `${path}.timeline[${i}]`));
  if (r.pictures !== undefined) {
    const p = obj(r.pictures, `${path}.pictures`);
    out.pictures = {};
    for (const checkId of Object.keys(p)) out.pictures[checkId] = str(p, checkId, `${path}.pictures.${checkId}`);
  }
  return out;
}

function evidence(v: unknown, path: string): EvidenceItem {
  const e = obj(v, path);
  const out: EvidenceItem = {
    checkId: str(e, 'checkId', `${path}.checkId`),
    status: oneOf(e, 'status', `${path}.status`, STATUSES),
    summary: str(e, 'summary', `${path}.summary`),
  };
  const url = optStr(e, 'url', `${path}.url`);
  if (url !== undefined) out.url = url;
  const title = optStr(e, 'title', `${path}.title`);
  if (title !== undefined) out.title = title;
  const pictureId = optStr(e, 'pictureId', `${path}.pictureId`);
  if (pictureId !== undefined) out.pictureId = pictureId;
  return out;
}

function requirement(v: unknown, path: string): RequirementState {
  const r = obj(v, path);
  const out: RequirementState = {
    id: str(r, 'id', `${path}.id`),
    verdict: oneOf(r, 'verdict', `${path}.verdict`, VERDICTS),
    verdictBy: r.verdictBy === undefined ? 'auto' : oneOf(r, 'verdictBy', `${path}.verdictBy`, ['auto', 'reviewer'] as const),
    note: r.note === undefined ? '' : str(r, 'note', `${path}.note`),
    evidence: r.evidence === undefined ? [] : list(r, 'evidence', `${path}.evidence`).map((e, i) => evidence(e, `${path}.evidence[${i}]`)),
  };
  if (r.auto !== undefined) out.auto = oneOf(r, 'auto', `${path}.auto`, AUTOS);
  return out;
}

function validate(o: Obj, warnings: string[]): Review {
  const id = str(o, 'id', 'id', { nonEmpty: true });
  const name = str(o, 'name', 'name', { nonEmpty: true });
  const integrator = str(o, 'integrator', 'integrator');
  const createdAt = date(o, 'createdAt', 'createdAt');
  const updatedAt = date(o, 'updatedAt', 'updatedAt');
  const environment = oneOf(o, 'environment', 'environment', ENVIRONMENTS);
  const sites = list(o, 'sites', 'sites').map((s, i) => {
    if (typeof s !== 'string') fail(`sites[${i}]`, 'text', s);
    return s;
  });

  const given = list(o, 'requirements', 'requirements').map((r, i) => requirement(r, `requirements[${i}]`));
  const byId = new Map<string, RequirementState>();
  for (const r of given) {
    if (!REQUIREMENTS.some((d) => d.id === r.id)) warnings.push(`Unknown requirement "${r.id}" was left out.`);
    else if (byId.has(r.id)) throw new FieldError(`The review file has an invalid "requirements": "${r.id}" appears twice.`);
    else byId.set(r.id, r);
  }
  const requirements = REQUIREMENTS.map((d) => byId.get(d.id) ?? emptyRequirement(d.id));

  const reports = list(o, 'reports', 'reports').map((r, i) => report(r, `reports[${i}]`));

  const picturesIn = obj(o.pictures, 'pictures');
  const pictures: Record<string, string> = {};
  for (const [pid, url] of Object.entries(picturesIn)) {
    if (isSafeImageUrl(url)) pictures[pid] = url;
    else warnings.push(`Picture "${pid}" was left out: only PNG, JPEG or WebP images (base64 data URLs) are accepted.`);
  }
  // References to pictures that are not (or no longer) in the file are removed, so no view points at nothing.
  for (const r of reports) {
    if (!r.pictures) continue;
    for (const [checkId, pid] of Object.entries(r.pictures)) if (pictures[pid] === undefined) delete r.pictures[checkId];
  }
  for (const r of requirements)
    for (const e of r.evidence) if (e.pictureId !== undefined && pictures[e.pictureId] === undefined) delete e.pictureId;

  return {
    schema: REVIEW_SCHEMA,
    version: REVIEW_VERSION,
    id,
    name,
    integrator,
    createdAt,
    updatedAt,
    environment,
    sites,
    requirements,
    reports,
    pictures,
  };
}

/**
 * Restores a review from its JSON file. Malformed JSON, another kind of file, a newer version and missing or
 * invalid fields give `{ ok: false, error }`; unsafe pictures are dropped with a warning.
 */
export function importReview(text: string, existingIds: readonly string[]): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, error: `The file is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObj(data) || data.schema !== REVIEW_SCHEMA) return { ok: false, error: NOT_A_REVIEW };
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      error: `The review file has an invalid "version": a whole number from 1 expected, ${version === undefined ? 'missing' : `found ${JSON.stringify(version)}`}.`,
    };
  }
  if (version > REVIEW_VERSION) {
    return { ok: false, error: `This review was saved by a newer version (version ${version}); update WYSIWYS Auditor to open it.` };
  }
  const warnings: string[] = [];
  let review: Review;
  try {
    // `data` is a fresh parse of the text, so validation may build on it without touching any caller's object.
    review = validate(data, warnings);
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: e.message };
    throw e;
  }
  const result: ImportResult = { ok: true, review, warnings };
  if (existingIds.includes(review.id)) result.replaces = review.id;
  return result;
}
