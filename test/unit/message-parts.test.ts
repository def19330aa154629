/**
 * Verdicts as data: rules write English through format(), the engine captures what each text was written from
 * (message key and values, nested messages, '; ' and ', ' lists of messages), and the views word it in any language,
 * falling back to the English text when parts or a message are missing.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../../src/audit/engine';
import { format, MessageCapture, capturingMessages } from '../../src/audit/messages';
import { addRuleTemplates } from '../../src/audit/message-keys';
import { translateParts, type MessagePart } from '../../src/audit/message-parts';
import { mergeSession } from '../../src/audit/session';
import { judgeOfficialLogos, messages as brandLogoMessages } from '../../src/audit/rules/brand-logo';
import { checkView, findingView, tabReportView } from '../../src/view/report-view';
import { formatTabReport } from '../../src/cli/format';
import { importReview } from '../../src/review/import';
import { attachReport, createReview } from '../../src/review/model';
import { toJson, viewOf } from '../../src/review/render';
import type { CheckResult, PageSnapshot, Rule, TabReport } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const messages = {
  fail: 'It fails: ${reasons}.',
  small: 'the code is ${size} px (at least ${min})',
  hidden: 'the code is hidden (${how})',
  effects: 'the logo has ${effects}',
  effect: '${name} applied',
  none: 'nothing is offered',
  candidate: 'candidate "${name}": ${state}',
};

/** A catalogue in a made-up language: every message of the test rule, marked. */
const catalogue: Record<string, string> = {
  rule_demo_msg_fail: 'Neveikia: {reasons}.',
  rule_demo_msg_small: 'kodas {size} px (bent {min})',
  rule_demo_msg_hidden: 'kodas paslėptas ({how})',
  rule_demo_msg_effects: 'logotipas turi {effects}',
  rule_demo_msg_effect: 'pritaikyta {name}',
  rule_demo_msg_none: 'nieko nesiūloma',
  rule_demo_msg_candidate: 'kandidatas „{name}“: {state}',
  rule_demo_title: 'Demo',
  rule_demo_failureTitle: 'Demo neveikia',
  engine_msg_error: 'Nepavyko: {error}',
};
const lt = (key: string) => catalogue[key] ?? key;

const page: PageSnapshot = {
  url: 'https://shop.example/sign',
  frames: [emptyFrame('https://shop.example/sign')],
};

function rule(evaluate: Rule['evaluate']): Rule {
  return {
    meta: { id: 'demo', title: 'Demo check', failureTitle: 'Demo fails', description: '', severity: 'minor', source: '' },
    messages,
    evaluate,
  };
}

function finding(message: string) {
  return { severity: 'minor' as const, message, target: [], frameUrl: page.url, evidence: {}, outcome: 'fail' as const };
}

describe('capture of what rules write', () => {
  it('keeps a summary as its message key with nested messages, lists of them and data', () => {
    const [check] = evaluatePage(page, [
      rule(() => {
        const small = format(messages.small, { size: 9, min: 16 });
        const hidden = format(messages.hidden, { how: 'display: none; opacity: 0' });
        return { status: 'fail', summary: format(messages.fail, { reasons: [small, hidden].join('; ') }), findings: [finding(small)] };
      }),
    ]);
    expect(check.summary).toBe('It fails: the code is 9 px (at least 16); the code is hidden (display: none; opacity: 0).');
    expect(check.summaryParts).toEqual([
      {
        key: 'rule_demo_msg_fail',
        args: {
          reasons: [
            { key: 'rule_demo_msg_small', args: { size: ['9'], min: ['16'] } },
            '; ',
            { key: 'rule_demo_msg_hidden', args: { how: ['display: none; opacity: 0'] } },
          ],
        },
      },
    ]);
    expect(check.findings[0].messageParts).toEqual([{ key: 'rule_demo_msg_small', args: { size: ['9'], min: ['16'] } }]);
    // Shown in another language, the data stays as the page had it.
    expect(checkView(check, { t: lt }).summary).toBe('Neveikia: kodas 9 px (bent 16); kodas paslėptas (display: none; opacity: 0).');
    expect(checkView(check, { t: lt }).title).toBe('Demo neveikia');
  });

  it('takes apart a finding message that is a list of messages, a message holding the separator, and a ", " list inside', () => {
    const [check] = evaluatePage(page, [
      rule(() => {
        const effects = format(messages.effects, {
          effects: [format(messages.effect, { name: 'blur' }), format(messages.effect, { name: 'sepia' })].join(', '),
        });
        const hidden = format(messages.hidden, { how: 'a; b' });
        return {
          status: 'fail',
          summary: format(messages.fail, { reasons: messages.none }),
          findings: [finding([hidden, effects, 'page text'].join('; '))],
        };
      }),
    ]);
    const view = findingView(check.findings[0], lt);
    expect(view.text).toBe('kodas paslėptas (a; b); logotipas turi pritaikyta blur, pritaikyta sepia; page text');
    // A template used as it is (no placeholders) is a message too.
    expect(check.summaryParts).toEqual([{ key: 'rule_demo_msg_fail', args: { reasons: [{ key: 'rule_demo_msg_none' }] } }]);
  });

  it('leaves data that only looks like a list as data, and keeps no parts for a text with nothing to translate', () => {
    const [check] = evaluatePage(page, [
      rule(() => ({
        status: 'fail',
        summary: 'written without a template',
        findings: [finding(format(messages.candidate, { name: 'OK, go; now', state: messages.none }))],
      })),
    ]);
    expect(check.summaryParts).toBeUndefined();
    expect(check.findings[0].messageParts).toEqual([
      { key: 'rule_demo_msg_candidate', args: { name: ['OK, go; now'], state: [{ key: 'rule_demo_msg_none' }] } },
    ]);
  });

  it("prefers the evaluated rule's key when two rules share a wording", () => {
    const other: Rule = {
      ...rule(() => ({ status: 'pass', summary: format(messages.none), findings: [] })),
      meta: { ...rule(() => ({ status: 'pass', summary: '', findings: [] })).meta, id: 'other' },
    };
    const [a, b] = evaluatePage(page, [rule(() => ({ status: 'pass', summary: format(messages.none), findings: [] })), other]);
    expect(a.summaryParts).toEqual([{ key: 'rule_demo_msg_none' }]);
    expect(b.summaryParts).toEqual([{ key: 'rule_other_msg_none' }]);
  });

  it("keeps the engine's own error message as parts", () => {
    const [check] = evaluatePage(page, [
      rule(() => {
        throw new Error('boom');
      }),
    ]);
    expect(check.status).toBe('error');
    expect(check.summaryParts).toEqual([{ key: 'engine_msg_error', args: { error: ['boom'] } }]);
    expect(checkView(check, { t: lt }).summary).toBe('Nepavyko: boom');
  });

  it('captures nothing outside an evaluation', () => {
    const capture = new MessageCapture(addRuleTemplates(new Map(), 'demo', messages));
    const outside = format(messages.none);
    expect(capture.partsOf(outside)).toEqual([{ key: 'rule_demo_msg_none' }]);
    const inside = capturingMessages(capture, () => format(messages.hidden, { how: 'x' }));
    format(messages.hidden, { how: 'y' });
    expect(capture.partsOf(inside)).toEqual([{ key: 'rule_demo_msg_hidden', args: { how: ['x'] } }]);
    expect(capture.partsOf('the code is hidden (y)')).toEqual(['the code is hidden (y)']);
  });
});

describe('rendering parts', () => {
  const parts: MessagePart[] = [
    { key: 'rule_demo_msg_fail', args: { reasons: [{ key: 'rule_demo_msg_hidden', args: { how: ['{how} $1'] } }] } },
  ];

  it('fills nested args once, so data that reads like a placeholder stays as it is', () => {
    expect(translateParts(parts, lt)).toBe('Neveikia: kodas paslėptas ({how} $1).');
  });

  it('gives undefined when a key has no message (chrome.i18n answers "", the catalogue the key), so the English text shows', () => {
    expect(translateParts([{ key: 'rule_demo_msg_unknown' }], lt)).toBeUndefined();
    expect(translateParts(parts, (key) => (key === 'rule_demo_msg_fail' ? catalogue[key] : ''))).toBeUndefined();
    const check: CheckResult = {
      id: 'demo',
      status: 'fail',
      title: 'Demo fails',
      summary: 'English summary',
      summaryParts: [{ key: 'rule_demo_msg_unknown' }],
      findings: [],
    };
    expect(checkView(check, { t: lt }).summary).toBe('English summary');
    // Old reports without parts: the English text as written.
    expect(checkView({ ...check, summaryParts: undefined, id: 'gone' }, { t: lt })).toMatchObject({
      summary: 'English summary',
      title: 'Demo fails',
    });
  });

  it('words history, "step ended" verdicts, unaudited frames and the CLI table from parts', () => {
    const fail = evaluatePage(page, [
      rule(() => ({ status: 'fail', summary: format(messages.fail, { reasons: messages.none }), findings: [] })),
    ]);
    const na = evaluatePage(page, [rule(() => ({ status: 'not-applicable', summary: format(messages.none), findings: [] }))]);
    const merged = mergeSession(mergeSession(undefined, fail, 1, page.url), na, 2, page.url);
    expect(merged[0].live).toBe(false);
    const view = checkView(merged[0], { t: lt });
    expect(view.summary).toBe('Neveikia: nieko nesiūloma.');
    expect(view.history.map((h) => h.summary)).toEqual(['Neveikia: nieko nesiūloma.', 'nieko nesiūloma']);
    const report: TabReport = {
      url: page.url,
      finishedAt: '2026-11-27T21:00:00.000Z',
      checks: merged,
      timing: { auditMs: 1, nodes: 1 },
      frames: [],
      unaudited: [
        { url: 'https://x.example/', inFrame: page.url, reason: 'no access', reasonParts: [{ key: 'engine_msg_frameNotAudited' }] },
      ],
    };
    const t = (key: string, subs?: string[]) =>
      key === 'report_unaudited' ? `${subs![0]}: ${subs![1]}` : key === 'engine_msg_frameNotAudited' ? 'nepasiekiamas' : lt(key);
    expect(tabReportView(report, { t }).unaudited).toEqual(['https://x.example/: nepasiekiamas']);
    expect(formatTabReport(report)).toContain('It fails: nothing is offered.');
    expect(formatTabReport(report, false, t)).toContain('Neveikia: nieko nesiūloma.');
  });

  it("keeps a logo comparison's finding message (nested) and summary as parts", () => {
    // The brand-logo rule's own words: a passing logo, then the official file compared with its picture.
    const brandLogo: Rule = {
      meta: { id: 'brand-logo', title: '', failureTitle: '', description: '', severity: 'minor', source: '' },
      messages: brandLogoMessages,
      evaluate: (p) => {
        const findings = [
          {
            ...finding(format(brandLogoMessages.ok, { brand: 'Smart-ID', w: 40, h: 40 })),
            outcome: 'pass' as const,
            target: ['img'],
            evidence: { kind: 'logo' },
          },
        ];
        const differing = judgeOfficialLogos(findings, p.logoComparisons);
        return { status: 'review', summary: format(brandLogoMessages.reviewOfficial, { count: differing }), findings };
      },
    };
    const comparisons = [
      {
        target: '["img"]',
        hash: '0',
        picture: 'data:image/png;base64,AA',
        closest: { name: 'official.png', distance: 30, dataUrl: 'data:image/png;base64,AA' },
      },
    ];
    const [out] = evaluatePage({ ...page, logoComparisons: comparisons }, [brandLogo]);
    expect(out.status).toBe('review');
    expect(out.summaryParts).toEqual([{ key: 'rule_brand_logo_msg_reviewOfficial', args: { count: ['1'] } }]);
    const [part] = out.findings[0].messageParts as Exclude<MessagePart, string>[];
    expect(part.key).toBe('rule_brand_logo_msg_differsFromOfficial');
    expect(part.args?.message).toEqual([{ key: 'rule_brand_logo_msg_ok', args: { brand: ['Smart-ID'], w: ['40'], h: ['40'] } }]);
    expect(out.findings[0].message).toBe(
      format(brandLogoMessages.differsFromOfficial, {
        message: format(brandLogoMessages.ok, { brand: 'Smart-ID', w: 40, h: 40 }),
        name: 'official.png',
        distance: 30,
        threshold: 12,
      }),
    );
  });
});

describe('review files keep the parts', () => {
  const now = Date.parse('2026-11-27T21:00:00Z');
  const checks = evaluatePage(page, [
    rule(() => ({
      status: 'fail',
      summary: format(messages.fail, { reasons: format(messages.hidden, { how: 'x' }) }),
      findings: [finding(format(messages.none))],
    })),
  ]);
  const report: TabReport = { url: page.url, finishedAt: '2026-11-27T21:00:00.000Z', checks, timing: { auditMs: 1, nodes: 1 }, frames: [] };

  it('round-trips summary and finding parts, and the review page words them', () => {
    const review = attachReport(createReview({ name: 'r', now }), report, now);
    const r = importReview(toJson(review), []);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.review.reports[0].checks[0].summaryParts).toEqual(checks[0].summaryParts);
    expect(r.review.reports[0].checks[0].findings[0].messageParts).toEqual([{ key: 'rule_demo_msg_none' }]);
    const pages = viewOf(r.review, lt).pages[0].checks;
    expect(pages[0].summary).toBe('Neveikia: kodas paslėptas (x).');
  });

  it('imports older files without parts, and refuses parts that are not message keys', () => {
    const review = JSON.parse(toJson(attachReport(createReview({ name: 'r', now }), report, now)));
    delete review.reports[0].checks[0].summaryParts;
    expect(importReview(JSON.stringify(review), []).ok).toBe(true);
    review.reports[0].checks[0].summaryParts = [{ key: 'rule_demo_msg_fail', args: { reasons: [{ key: '<img src=x>' }] } }];
    const bad = importReview(JSON.stringify(review), []);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('summaryParts[0].args.reasons[0].key');
  });
});
