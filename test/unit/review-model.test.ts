import { describe, expect, it } from 'vitest';
import type { CheckResult, Status, TabReport } from '../../src/audit/types';
import {
  REQUIREMENTS,
  attachPicture,
  attachReport,
  createReview,
  detachReport,
  resetVerdict,
  setNote,
  setVerdict,
  worstOf,
  type Review,
} from '../../src/review/model';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const T0 = Date.UTC(2026, 10, 27, 21, 0, 0);

const check = (id: string, status: Status, summary = `${id} ${status}`): CheckResult => ({ id, status, title: id, summary, findings: [] });
const report = (url: string, checks: CheckResult[], timeline?: TabReport['timeline']): TabReport => ({
  url,
  finishedAt: new Date(T0).toISOString(),
  checks,
  timing: { auditMs: 1, nodes: 1 },
  frames: [],
  ...(timeline ? { timeline } : {}),
});
const req = (r: Review, id: string) => r.requirements.find((x) => x.id === id)!;
const fresh = () =>
  createReview({ name: 'Acme e-sign', integrator: 'Acme', environment: 'sandbox', sites: ['https://acme.test'], id: 'r1', now: T0 });

describe('review model', () => {
  it('createReview holds every requirement of the preparation list, not tested, in order', () => {
    const r = fresh();
    expect(r).toMatchObject({
      schema: 'wysiwys-review',
      version: 1,
      id: 'r1',
      name: 'Acme e-sign',
      integrator: 'Acme',
      environment: 'sandbox',
      sites: ['https://acme.test'],
    });
    expect(r.createdAt).toBe('2026-11-27T21:00:00.000Z');
    expect(r.requirements.map((x) => x.id)).toEqual([
      'tasks',
      'flow',
      'errors',
      'localization',
      'polling',
      'control-code',
      'cancel',
      'preview',
      'brand',
      'security',
    ]);
    expect(r.requirements.every((x) => x.verdict === 'not-tested' && x.verdictBy === 'auto' && x.auto === undefined)).toBe(true);
    expect(createReview({ name: 'x' }).id).not.toBe(createReview({ name: 'x' }).id);
  });

  it('maps requirements to the checks named in the brief', () => {
    const map = Object.fromEntries(REQUIREMENTS.map((d) => [d.id, d.checkIds]));
    expect(map).toEqual({
      tasks: [],
      flow: ['flow'],
      errors: ['error-handling'],
      localization: ['localization'],
      polling: ['polling'],
      'control-code': ['control-code'],
      cancel: ['cancel'],
      preview: ['preview'],
      brand: ['brand-name', 'brand-logo'],
      security: ['token-exposure', 'environment'],
    });
  });

  it('worstOf ranks fail > review > pass > not-applicable', () => {
    expect(worstOf([])).toBeUndefined();
    expect(worstOf(['not-applicable', 'pass'])).toBe('pass');
    expect(worstOf(['pass', 'review', 'not-applicable'])).toBe('review');
    expect(worstOf(['review', 'fail', 'pass'])).toBe('fail');
    expect(worstOf(['not-applicable'])).toBe('not-applicable');
  });

  it('attachReport aggregates the worst result of a requirement over its checks and over all attached reports', () => {
    let r = attachReport(
      fresh(),
      report('https://acme.test/auth', [check('brand-name', 'pass'), check('brand-logo', 'review'), check('cancel', 'pass')]),
      T0 + 1,
    );
    expect(req(r, 'brand').auto).toBe('review');
    expect(req(r, 'cancel').auto).toBe('pass');
    r = attachReport(
      r,
      report('https://acme.test/sign', [check('cancel', 'fail'), check('preview', 'not-applicable'), check('token-exposure', 'error')]),
      T0 + 2,
    );
    expect(req(r, 'cancel').auto).toBe('fail');
    expect(req(r, 'preview').auto).toBe('not-applicable');
    expect(req(r, 'security').auto).toBe('review'); // a rule that threw needs a human look
    expect(req(r, 'tasks').auto).toBeUndefined(); // no automatic check
    expect(req(r, 'polling').auto).toBeUndefined(); // its check never ran
    expect(req(r, 'cancel').evidence.map((e) => [e.url, e.status])).toEqual([
      ['https://acme.test/auth', 'pass'],
      ['https://acme.test/sign', 'fail'],
    ]);
    expect(r.updatedAt).toBe(new Date(T0 + 2).toISOString());
  });

  it('attachReport replaces the report attached for the same URL instead of adding a second one', () => {
    let r = attachReport(fresh(), report('https://acme.test/sign', [check('cancel', 'fail')]), T0);
    r = attachReport(r, report('https://acme.test/sign', [check('cancel', 'pass')]), T0 + 1);
    expect(r.reports).toHaveLength(1);
    expect(req(r, 'cancel')).toMatchObject({ auto: 'pass', verdict: 'pass' });
  });

  it('attachReport pre-fills verdicts from automatic results (pass→pass, fail→fail, review→not tested)', () => {
    const r = attachReport(
      fresh(),
      report('u', [check('cancel', 'pass'), check('preview', 'fail'), check('control-code', 'review'), check('flow', 'not-applicable')]),
      T0,
    );
    expect(req(r, 'cancel')).toMatchObject({ verdict: 'pass', verdictBy: 'auto' });
    expect(req(r, 'preview')).toMatchObject({ verdict: 'fail', verdictBy: 'auto' });
    expect(req(r, 'control-code')).toMatchObject({ verdict: 'not-tested', auto: 'review' });
    expect(req(r, 'flow')).toMatchObject({ verdict: 'not-tested', auto: 'not-applicable' });
  });

  it('attachReport keeps reviewer verdicts and notes while automatic results change', () => {
    let r = attachReport(fresh(), report('u', [check('cancel', 'fail')]), T0);
    r = setVerdict(r, 'cancel', 'pass', 'Cancel works on the call; the auditor saw a stale page.', T0 + 1);
    expect(req(r, 'cancel')).toMatchObject({ verdict: 'pass', verdictBy: 'reviewer' });
    r = attachReport(r, report('v', [check('cancel', 'fail')]), T0 + 2);
    expect(req(r, 'cancel')).toMatchObject({
      verdict: 'pass',
      verdictBy: 'reviewer',
      auto: 'fail',
      note: 'Cancel works on the call; the auditor saw a stale page.',
    });
    // a reviewer's "not tested" is a decision too
    r = setVerdict(r, 'preview', 'not-tested', 'skipped');
    r = attachReport(r, report('w', [check('preview', 'pass')]), T0 + 3);
    expect(req(r, 'preview')).toMatchObject({ verdict: 'not-tested', verdictBy: 'reviewer', auto: 'pass' });
    // handing it back to the automatic result
    r = resetVerdict(r, 'preview', T0 + 4);
    expect(req(r, 'preview')).toMatchObject({ verdict: 'pass', verdictBy: 'auto', note: 'skipped' });
  });

  it('setNote changes the note only; setVerdict without a note keeps the note; unknown ids throw', () => {
    let r = setNote(fresh(), 'tasks', 'all four tasks done');
    expect(req(r, 'tasks')).toMatchObject({ note: 'all four tasks done', verdictBy: 'auto' });
    r = setVerdict(r, 'tasks', 'pass');
    expect(req(r, 'tasks')).toMatchObject({ note: 'all four tasks done', verdict: 'pass', verdictBy: 'reviewer' });
    expect(() => setVerdict(r, 'nope', 'pass')).toThrow(/Unknown requirement: nope/);
  });

  it('model functions never mutate their inputs', () => {
    const r0 = fresh();
    const tab = report('u', [check('cancel', 'fail')]);
    const before = structuredClone({ r0, tab });
    const r1 = attachReport(r0, tab, T0);
    const r2 = setVerdict(r1, 'cancel', 'pass', 'n');
    const r3 = attachPicture(r2, { url: 'u', checkId: 'cancel' }, PNG, T0);
    detachReport(r3, 'u', T0);
    expect({ r0, tab }).toEqual(before);
    expect(req(r1, 'cancel').verdict).toBe('fail');
    expect(r2.pictures).toEqual({});
    r1.reports[0].checks[0].summary = 'changed later';
    expect(tab.checks[0].summary).toBe('cancel fail'); // the snapshot is a copy
  });

  it('attachPicture links a picture to the evidence of that check, survives a re-attached report, and refuses non-image URLs', () => {
    let r = attachReport(fresh(), report('u', [check('control-code', 'fail')]), T0);
    r = attachPicture(r, { url: 'u', checkId: 'control-code' }, PNG, T0);
    expect(r.pictures).toEqual({ 'picture-1': PNG });
    expect(req(r, 'control-code').evidence[0].pictureId).toBe('picture-1');
    r = attachReport(r, report('u', [check('control-code', 'pass')]), T0 + 1);
    expect(req(r, 'control-code').evidence[0]).toMatchObject({ status: 'pass', pictureId: 'picture-1' });
    // a new picture of the same check replaces the old one
    r = attachPicture(r, { url: 'u', checkId: 'control-code' }, PNG.replace('png', 'jpeg'), T0 + 2);
    expect(Object.keys(r.pictures)).toEqual(['picture-2']);
    expect(() => attachPicture(r, { url: 'u', checkId: 'cancel' }, 'data:text/html;base64,PHNjcmlwdD4=', T0)).toThrow(/PNG, JPEG or WebP/);
    expect(() => attachPicture(r, { url: 'other', checkId: 'cancel' }, PNG, T0)).toThrow(/No report is attached/);
    r = detachReport(r, 'u', T0 + 3);
    expect(r.pictures).toEqual({});
    expect(req(r, 'control-code')).toMatchObject({ evidence: [], verdict: 'not-tested' });
    expect(req(r, 'control-code').auto).toBeUndefined();
  });

  it('keeps the timeline entries of an attached report', () => {
    const r = attachReport(
      fresh(),
      report('u', [check('flow', 'pass')], {
        entries: [{ at: T0, kind: 'redirect', text: '302 https://gateway-sandbox.dokobit.com → https://acme.test/done' }],
        series: [],
        requests: 3,
        dropped: 0,
      }),
      T0,
    );
    expect(r.reports[0].timeline).toEqual([
      { at: T0, kind: 'redirect', text: '302 https://gateway-sandbox.dokobit.com → https://acme.test/done' },
    ]);
  });
});
