/**
 * The generic runner of timeline fixtures (format: test/support/timeline-fixtures.ts): every
 * test/rules/<id>/<id>[.<set>].timeline.json case is replayed through the real TimelineRecorder into a one-frame page
 * and judged by that rule alone through the engine's evaluatePage, so messages and their parts are captured as in
 * production. The case id's prefix says the status; "evidence" must be held by some finding.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../../src/audit/index';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';
import {
  TimelineFixtureError,
  buildCase,
  checkSetName,
  evidenceHolds,
  parseFile,
  ruleFor,
  statusOfCaseId,
  timelineFixtureFiles,
} from '../support/timeline-fixtures';

const files = timelineFixtureFiles();
const NETWORK_RULES = ['polling', 'flow', 'error-handling', 'token-exposure', 'environment'];

describe('timeline fixtures', () => {
  it('cover every network and time rule with pass, fail and not-applicable cases', () => {
    for (const id of NETWORK_RULES) {
      const ids = files.filter((f) => f.ruleId === id).flatMap((f) => Object.keys(f.cases));
      expect(ids.length, `${id}: cases`).toBeGreaterThanOrEqual(5);
      for (const prefix of ['pass-', 'fail-', 'na-'])
        expect(
          ids.some((c) => c.startsWith(prefix)),
          `${id}: a ${prefix}case`,
        ).toBe(true);
    }
  });
});

for (const f of files) {
  describe(`rule ${f.ruleId} (${f.set.slice(f.ruleId.length + 1) || 'timeline'})`, () => {
    it('is named after a known rule', () => {
      checkSetName(f);
      ruleFor(f);
    });

    it('has cases', () => {
      expect(Object.keys(f.cases).length, f.file).toBeGreaterThan(0);
    });

    for (const [id, raw] of Object.entries(f.cases)) {
      const why = (raw as { why?: unknown } | null)?.why;
      it(`${id}: ${typeof why === 'string' ? why : '(no why)'}`, () => {
        const c = buildCase(f.file, id, raw);
        expect(c.why.trim(), `${f.file}, case "${id}": "why" is empty`).not.toBe('');
        const [check] = evaluatePage(c.page, [ruleFor(f)]);
        const context = `${f.file}, case "${id}" → ${check.status}: ${check.summary}\n${JSON.stringify(
          check.findings.map((x) => ({ m: x.message, o: x.outcome, e: x.evidence })),
          null,
          1,
        ).slice(0, 3000)}`;
        expect(check.status, context).toBe(c.expected);
        // Every text the rule wrote came from its messages, so the views can word it in the user's language.
        expect(check.summaryParts, `summary has no message parts\n${context}`).toBeDefined();
        for (const x of check.findings) expect(x.messageParts, `finding "${x.message}" has no message parts`).toBeDefined();
        for (const x of check.findings) {
          for (const name of Object.keys(x.evidence))
            expect(evidenceFieldLabels[name], `evidence field "${name}" has no label in src/view/evidence-fields.ts`).toBeDefined();
        }
        if (c.evidence)
          expect(
            check.findings.some((x) => evidenceHolds(x.evidence, c.evidence)),
            `no finding with evidence ${JSON.stringify(c.evidence)}\n${context}`,
          ).toBe(true);
      });
    }
  });
}

/** The runner stops on fixtures it cannot read, naming the file and the case (a typo must not drop a step). */
describe('timeline fixture errors', () => {
  const file = 'test/rules/polling/polling.timeline.json';
  const ok = { why: 'x', now: 1000, steps: [] as unknown[] };
  const fails = (id: string, raw: unknown, message: RegExp) => {
    expect(() => buildCase(file, id, raw)).toThrow(TimelineFixtureError);
    expect(() => buildCase(file, id, raw)).toThrow(message);
  };

  it('accepts a well-formed case and replays it through the recorder in time order', () => {
    const c = buildCase(file, 'pass-x', {
      ...ok,
      steps: [
        { state: { at: 5000, step: 'terminal', text: 'Document signed' } },
        { poll: { url: 'https://shop.example.lt/api/s/3f1c9a0d11', every: 1000, from: 0, to: 2000 } },
        { navigation: { at: -100, url: 'https://shop.example.lt/start' } },
        { state: { at: 0, step: 'waiting' } },
      ],
    });
    expect(c.expected).toBe('pass');
    expect(c.page.timeline!.states.map((s) => [s.step, s.url])).toEqual([
      ['waiting', 'https://shop.example.lt/start'],
      ['terminal', 'https://shop.example.lt/start'],
    ]);
    expect(c.page.timeline!.events.map((e) => [e.start - c.page.now! + 1000, e.end! - e.start, e.status, e.kind])).toEqual([
      [0, 80, 200, 'request'],
      [1000, 80, 200, 'request'],
      [2000, 80, 200, 'request'],
    ]);
  });

  it('names the file and case for an unknown prefix, an unknown rule and a badly named set', () => {
    fails('ok-x', ok, /polling\.timeline\.json, case "ok-x": the id must start with one of pass-, fail-, review-, na-/);
    fails('pass', ok, /case "pass": the id must start/);
    expect(() => statusOfCaseId(file, 'fail-x')).not.toThrow();
    expect(() => ruleFor({ ruleId: 'no-such-rule', file: 'test/rules/no-such-rule/no-such-rule.timeline.json' })).toThrow(
      /no-such-rule\.timeline\.json: no rule has the id "no-such-rule"/,
    );
    expect(() => checkSetName({ ruleId: 'flow', set: 'polling', file: 'test/rules/flow/polling.timeline.json' })).toThrow(
      /must be named flow\.timeline\.json/,
    );
    expect(() => parseFile(file, '{"a":')).toThrow(/polling\.timeline\.json: not valid JSON/);
  });

  it('names the step for malformed steps', () => {
    fails(
      'fail-a',
      { ...ok, steps: [{ pol: { url: 'u', every: 1, from: 0, to: 1 } }] },
      /case "fail-a": step 1 must be an object with one key, one of navigation, state, request, poll/,
    );
    fails('fail-b', { ...ok, steps: [{ poll: { url: 'u', every: 1000, from: 0 } }] }, /case "fail-b": step 1 \(poll\): missing "to"/);
    fails(
      'fail-c',
      { ...ok, steps: [{ state: { at: 0, step: 'waiting' } }, { state: { at: '1s', step: 'none' } }] },
      /step 2 \(state\): "at" must be a number/,
    );
    fails('fail-d', { ...ok, steps: [{ state: { at: 0, step: 'wait' } }] }, /"step" must be one of waiting, terminal, none/);
    fails('fail-e', { ...ok, steps: [{ request: { start: 0, url: 'u', satus: 500 } }] }, /step 1 \(request\): unknown field "satus"/);
    fails('fail-f', { ...ok, steps: [{ request: { start: 0, url: 'u', status: 500 } }] }, /"status" \/ "error" need an "end"/);
    fails('fail-g', { ...ok, steps: [{ request: { start: 0, url: 'u', type: 'image' } }] }, /"type" must be one of main_frame/);
    fails(
      'fail-h',
      { ...ok, steps: [{ request: { start: 0, url: 'u', id: 'a' } }, { request: { start: 1, url: 'u', id: 'a' } }] },
      /request id "a" is used twice/,
    );
    fails(
      'fail-i',
      { ...ok, steps: [{ request: { start: 0, url: 'u', redirects: [{ at: 5, status: 302 }] } }] },
      /step 1 \(request\) redirect 1: missing "to"/,
    );
    fails('fail-j', { ...ok, steps: [{ poll: { url: 'u', every: 0, from: 0, to: 10 } }] }, /"every" must be above 0/);
    fails(
      'fail-k',
      { ...ok, steps: [{ exposure: { at: 0, hits: [{ where: 'url', name: 'x', masked: 'x', kind: 'token' }] } }] },
      /step 1 \(exposure\) hit 1: "kind" must be one of/,
    );
  });

  it('names what is wrong with the case itself', () => {
    fails('pass-a', { ...ok, why: ' ' }, /case "pass-a": "why" is empty/);
    fails('pass-b', { now: 0, steps: [] }, /case "pass-b": the case: missing "why"/);
    fails('pass-c', { ...ok, steps: {} }, /"steps" must be a list/);
    fails('pass-d', { ...ok, frame: { url: 'https://x.lt', nodes: [] } }, /"frame": unknown field "nodes"/);
    fails('pass-e', { ...ok, frame: { exposure: { testIdentities: [{ value: '1' }] } } }, /test identity 1: missing "field"/);
  });
});
