import { describe, expect, it } from 'vitest';
import type { CheckResult, TabReport } from '../../src/audit/types';
import { REQUIREMENTS, attachPicture, attachReport, createReview, setVerdict, type Review } from '../../src/review/model';
import { importReview } from '../../src/review/import';
import { toJson } from '../../src/review/render';
import { ReviewStrings } from '../../src/review/strings';
import schema from '../../src/review/schema.json';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const T0 = Date.UTC(2026, 10, 27, 21, 0, 0);

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  status,
  title: id,
  summary: `${id}: ${status}`,
  observedAt: T0,
  live: true,
  history: [{ status, summary: 's', at: T0, url: 'u' }],
  findings: [
    {
      severity: 'minor',
      message: 'm',
      target: ['iframe', ['my-widget', 'span']],
      frameUrl: 'https://acme.test/',
      frameId: 0,
      evidence: { code: '0041', box: { x: 1, y: 2, w: 3, h: 4 } },
      outcome: 'pass',
    },
  ],
});
const tab = (url: string, checks: CheckResult[]): TabReport => ({
  url,
  finishedAt: new Date(T0).toISOString(),
  checks,
  timing: { auditMs: 1, nodes: 1 },
  frames: [],
  timeline: {
    entries: [
      { at: T0, kind: 'page', text: url, parts: [{ key: 'timeline_text_page', values: [url] }] },
      { at: T0 + 1, kind: 'action', text: 'x', parts: ['x'] },
    ],
    series: [],
    requests: 1,
    dropped: 0,
  },
});

function sample(): Review {
  let r = createReview({
    name: 'Acme <b>review</b>',
    integrator: 'Acme',
    environment: 'sandbox',
    sites: ['https://acme.test'],
    id: 'rev-1',
    now: T0,
  });
  r = attachReport(
    r,
    tab('https://acme.test/sign', [check('control-code', 'pass'), check('cancel', 'fail'), check('brand-name', 'review')]),
    T0 + 1,
  );
  r = attachPicture(r, { url: 'https://acme.test/sign', checkId: 'control-code' }, PNG, T0 + 2);
  r = setVerdict(r, 'cancel', 'pass', 'Works on the call.\nSecond line "quoted"', T0 + 3);
  return r;
}

const edit = (mutate: (o: Record<string, any>) => void): string => {
  const o = JSON.parse(toJson(sample()));
  mutate(o);
  return JSON.stringify(o);
};

const error = (text: string, ids: string[] = []) => {
  const r = importReview(text, ids);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('review JSON round trip', () => {
  it('toJson → importReview gives a deep-equal review, with no warnings', () => {
    const review = sample();
    const r = importReview(toJson(review), []);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.review).toStrictEqual(review);
    expect(r.warnings).toEqual([]);
    expect(r.replaces).toBeUndefined();
    expect(toJson(r.review)).toBe(toJson(review));
  });

  it('toJson is pretty, versioned JSON', () => {
    const text = toJson(sample());
    expect(text.startsWith('{\n  "schema": "wysiwys-review",\n  "version": 1,')).toBe(true);
  });

  it('reports replaces (and overwrites nothing) when the id already exists', () => {
    const ids = ['other', 'rev-1'];
    const r = importReview(toJson(sample()), ids);
    expect(r).toMatchObject({ ok: true, replaces: 'rev-1' });
    expect(ids).toEqual(['other', 'rev-1']);
  });

  it('never mutates its input', () => {
    const text = toJson(sample());
    const ids = Object.freeze(['x']);
    importReview(text, ids);
    expect(text).toBe(toJson(sample()));
  });
});

describe('review import errors', () => {
  it('malformed JSON: "The file is not JSON: …"', () => {
    expect(error('{"schema": "wysiwys-review",')).toMatch(/^The file is not JSON: .+/);
    expect(error('')).toMatch(/^The file is not JSON: /);
  });

  it('wrong schema: "This is not a WYSIWYS Auditor review file."', () => {
    expect(error(JSON.stringify({ tool: { name: 'wysiwys-auditor' }, reports: [] }))).toBe('This is not a WYSIWYS Auditor review file.');
    expect(error('[1,2]')).toBe('This is not a WYSIWYS Auditor review file.');
    expect(error('null')).toBe('This is not a WYSIWYS Auditor review file.');
    expect(
      error(
        edit((o) => {
          o.schema = 'something-else';
        }),
      ),
    ).toBe('This is not a WYSIWYS Auditor review file.');
  });

  it('newer version: asks to update, whatever else the file holds', () => {
    expect(
      error(
        edit((o) => {
          o.version = 2;
          delete o.name;
        }),
      ),
    ).toBe('This review was saved by a newer version (version 2); update WYSIWYS Auditor to open it.');
    expect(
      error(
        edit((o) => {
          o.version = '1';
        }),
      ),
    ).toMatch(/invalid "version"/);
  });

  it('missing or invalid fields are named', () => {
    expect(
      error(
        edit((o) => {
          delete o.name;
        }),
      ),
    ).toBe('The review file has no "name" (text expected).');
    expect(
      error(
        edit((o) => {
          o.name = '  ';
        }),
      ),
    ).toBe('The review file has an invalid "name": it is empty.');
    expect(
      error(
        edit((o) => {
          o.environment = 'staging';
        }),
      ),
    ).toMatch(/invalid "environment": one of sandbox, production, unknown expected/);
    expect(
      error(
        edit((o) => {
          o.createdAt = 'yesterday';
        }),
      ),
    ).toMatch(/invalid "createdAt": a date/);
    expect(
      error(
        edit((o) => {
          o.requirements[2].verdict = 'maybe';
        }),
      ),
    ).toMatch(/invalid "requirements\[2\]\.verdict"/);
    expect(
      error(
        edit((o) => {
          o.reports[0].checks[1].findings[0].message = 42;
        }),
      ),
    ).toMatch(/invalid "reports\[0\]\.checks\[1\]\.findings\[0\]\.message": text expected, found number/);
    expect(
      error(
        edit((o) => {
          delete o.pictures;
        }),
      ),
    ).toBe('The review file has no "pictures" (an object expected).');
    // Timeline message parts: data text or a catalogue key, nothing else.
    expect(
      error(
        edit((o) => {
          o.reports[0].timeline[0].parts[0].key = '<img onerror=x>';
        }),
      ),
    ).toMatch(/invalid "reports\[0\]\.timeline\[0\]\.parts\[0\]\.key": a message key/);
    expect(
      error(
        edit((o) => {
          o.reports[0].timeline[0].parts[0].values = [1];
        }),
      ),
    ).toMatch(/invalid "reports\[0\]\.timeline\[0\]\.parts\[0\]\.values\[0\]": text expected/);
  });

  it('drops invalid picture URLs with a warning and removes references to them', () => {
    const text = edit((o) => {
      o.pictures['picture-1'] = 'data:text/html;base64,PHNjcmlwdD4=';
      o.pictures.ok = PNG.replace('image/png', 'image/webp');
    });
    const r = importReview(text, []);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.review.pictures).toEqual({ ok: PNG.replace('image/png', 'image/webp') });
    expect(r.warnings).toEqual(['Picture "picture-1" was left out: only PNG, JPEG or WebP images (base64 data URLs) are accepted.']);
    expect(r.review.reports[0].pictures).toEqual({});
    expect(r.review.requirements.find((q) => q.id === 'control-code')!.evidence[0].pictureId).toBeUndefined();
  });

  it('fills requirements missing from the file and leaves out unknown ones with a warning', () => {
    const r = importReview(
      edit((o) => {
        o.requirements = [o.requirements[6], { id: 'future', verdict: 'pass', verdictBy: 'auto', note: '', evidence: [] }];
      }),
      [],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.review.requirements.map((q) => q.id)).toEqual(REQUIREMENTS.map((d) => d.id));
    expect(r.review.requirements[6]).toMatchObject({ id: 'cancel', verdict: 'pass', verdictBy: 'reviewer' });
    expect(r.warnings).toEqual(['Unknown requirement "future" was left out.']);
  });
});

// A tiny structural JSON Schema check (the subset schema.json uses), so no validator package is needed.
type S = Record<string, any>;
function validate(value: unknown, s: S, path = '$', root: S = s): string[] {
  if (s.$ref) return validate(value, root.$defs[String(s.$ref).replace('#/$defs/', '')], path, root);
  const errors: string[] = [];
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (s.const !== undefined && value !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (s.type && typeOf(value) !== s.type) return [...errors, `${path}: expected ${s.type}, got ${typeOf(value)}`];
  if (s.anyOf?.every((alt: S) => validate(value, alt, path, root).length)) errors.push(`${path}: matches no alternative`);
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: too short`);
    if (s.pattern && !new RegExp(s.pattern).test(value)) errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (Array.isArray(value) && s.items)
    value.forEach((v, i) => {
      errors.push(...validate(v, s.items, `${path}[${i}]`, root));
    });
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in o)) errors.push(`${path}: missing required "${k}"`);
    for (const [k, v] of Object.entries(o)) {
      if (s.properties?.[k]) errors.push(...validate(v, s.properties[k], `${path}.${k}`, root));
      else if (s.additionalProperties && typeof s.additionalProperties === 'object')
        errors.push(...validate(v, s.additionalProperties, `${path}.${k}`, root));
    }
  }
  return errors;
}

describe('review schema.json', () => {
  it('is a draft 2020-12 schema that lists every top-level property of a review as required', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect([...schema.required].sort()).toEqual(Object.keys(sample()).sort());
    expect(schema.properties.version.const).toBe(1);
    expect(schema.$defs.requirement.properties.id.enum).toEqual(REQUIREMENTS.map((d) => d.id));
  });

  it('accepts the toJson output of a sample review (every required property present, types and enums right)', () => {
    expect(validate(JSON.parse(toJson(sample())), schema)).toEqual([]);
  });

  it('the structural check catches what the schema forbids', () => {
    const bad = JSON.parse(
      edit((o) => {
        delete o.integrator;
        o.pictures.x = 'data:text/html,hi';
        o.requirements[0].verdict = 'maybe';
      }),
    );
    expect(validate(bad, schema)).toEqual(
      expect.arrayContaining([
        '$: missing required "integrator"',
        expect.stringMatching(/^\$\.pictures\.x: does not match/),
        '$.requirements[0].verdict: "maybe" not in enum',
      ]),
    );
  });
});

describe('review strings', () => {
  it('has a title and a how-to-test text for every requirement, and chrome.i18n-compatible keys', () => {
    for (const d of REQUIREMENTS) {
      expect(ReviewStrings).toHaveProperty(d.titleKey);
      expect(ReviewStrings).toHaveProperty(d.howToTestKey);
      expect((ReviewStrings as Record<string, string>)[d.howToTestKey].length).toBeGreaterThan(60);
    }
    for (const key of Object.keys(ReviewStrings)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
