/**
 * The one view of a tab report that the popup, the on-page panel and the review exports lay out: statuses as icon
 * and word, evidence fields with people's names, the code with its verdict, and a timeline whose words all come
 * from the message catalogue while its English text (the report contract) stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../../src/audit/network/timeline';
import { summariseTimeline } from '../../src/audit/network/summary';
import { describeSeries, findPollingSeries, seriesParts, seriesEnglish } from '../../src/audit/network/series';
import { partsText } from '../../src/audit/message-parts';
import { tabReportView, findingView, localTime, statusBadge } from '../../src/view/report-view';
import { english } from '../../src/review/strings';
import { t } from '../../src/i18n';
import type { CheckResult, TabReport } from '../../src/audit/types';

const T0 = 1_800_000_000_000;
const URL = 'https://shop.example.lt/sign';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function checks(): CheckResult[] {
  return [
    {
      id: 'control-code',
      status: 'fail',
      title: 'Control code is hard to read',
      summary: 'Code too small',
      observedAt: T0 + 9000,
      live: false,
      history: [
        { at: T0, status: 'pass', summary: 'ok', url: URL },
        { at: T0 + 9000, status: 'fail', summary: 'Code too small', url: URL },
      ],
      findings: [
        {
          severity: 'serious',
          message: 'Code "0041" is 12 px',
          target: ['span.code'],
          frameUrl: URL,
          frameId: 0,
          outcome: 'fail',
          evidence: {
            code: '0041',
            fontSize: 12,
            color: 'rgb(0, 0, 0)',
            box: { x: 1, y: 2, w: 30, h: 12 },
            picture: PNG,
            brandNew: 'x',
            empty: '',
          },
        },
      ],
    },
    {
      id: 'cancel',
      status: 'not-applicable',
      title: 'Cancel',
      summary: 'No waiting step',
      observedAt: T0 + 9000,
      live: true,
      findings: [],
    },
  ];
}

function timeline() {
  const rec = new TimelineRecorder();
  rec.navigation({ at: T0, frameId: 0, url: URL, transition: 'link' });
  rec.navigation({ at: T0 + 100, frameId: 0, url: `${URL}/broken`, error: 'net::ERR_NAME_NOT_RESOLVED' });
  rec.state({ at: T0 + 200, url: URL, step: 'waiting', text: 'Kontrolinis kodas 0041', busy: true });
  rec.state({ at: T0 + 9500, url: URL, step: 'terminal', errors: ['Klaida'] });
  for (let i = 0; i < 4; i++) {
    rec.requestStarted({
      id: `r${i}`,
      kind: 'request',
      method: 'GET',
      url: 'https://shop.example.lt/api/status.json',
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + 1000 + i * 2000,
    });
    rec.requestEnded(`r${i}`, T0 + 1100 + i * 2000, { status: i === 3 ? 500 : 200 });
  }
  rec.requestStarted({ id: 'm', kind: 'request', method: 'GET', url: URL, type: 'main_frame', frameId: 0, start: T0 + 50 });
  rec.requestRedirected('m', T0 + 60, 302, `${URL}/next`);
  rec.requestEnded('m', T0 + 80, { status: 200 });
  rec.action({ at: T0 + 4000, action: 'press-cancel', target: 'Atšaukti', result: 'pressed' });
  rec.action({ at: T0 + 4100, action: 'press-cancel', target: 'Atšaukti', result: 'the control is no longer on the page' });
  return summariseTimeline(rec.timeline(), checks());
}

function report(): TabReport {
  return {
    url: URL,
    finishedAt: new Date(T0 + 9000).toISOString(),
    checks: checks(),
    timing: { auditMs: 12.5, nodes: 345 },
    frames: [{ url: URL, frameId: 0, lang: 'lt', truncated: true }],
    timeline: timeline(),
    unaudited: [{ url: 'https://other.example/frame', inFrame: URL, reason: 'no access' }],
  };
}

const pseudo = (key: string, substitutions?: string[]) => t('xx', key, {}, substitutions);

describe('report view', () => {
  it('shows statuses as icon and word, and the code with its check verdict', () => {
    const view = tabReportView(report());
    expect(view.checks.map((c) => [c.id, c.status])).toEqual([
      ['control-code', { kind: 'fail', label: 'Fail', icon: '✗' }],
      ['cancel', { kind: 'not-applicable', label: 'Not applicable', icon: '–' }],
    ]);
    expect(view.code).toEqual({ digits: '0041', status: { kind: 'fail', label: 'Fail', icon: '✗' } });
    expect(view.failCount).toBe(1);
    expect(statusBadge('weird').kind).toBe('error');
  });

  it('names evidence fields for people, keeps the contract name, and marks colours and pictures', () => {
    const f = findingView(checks()[0].findings[0]);
    const byName = Object.fromEntries(f.fields.map((x) => [x.name, x]));
    expect(byName.fontSize).toMatchObject({ label: 'Font size (px)', value: '12' });
    expect(byName.color).toMatchObject({ label: 'Colour', colour: 'rgb(0, 0, 0)' });
    expect(byName.picture).toMatchObject({ picture: PNG });
    expect(byName.box.value).toBe('{"x":1,"y":2,"w":30,"h":12}');
    // A field nobody labelled yet is shown by its name rather than hidden; empty values are left out.
    expect(byName.brandNew.label).toBe('brandNew');
    expect(byName.empty).toBeUndefined();
    expect(f.details).toBe(`Code: 0041 · Font size (px): 12 · Colour: rgb(0, 0, 0) · Logo on the page: ${PNG} · brandNew: x`);
  });

  it('says when a check was observed and whether its step is over, and keeps its history', () => {
    const view = tabReportView(report(), { time: (at) => `@${Number(at) - T0}` });
    expect(view.checks[0].observed).toBe('observed @9000 · step ended, last verdict kept');
    expect(view.checks[0].history.map((h) => [h.at, h.status.kind])).toEqual([
      ['@0', 'pass'],
      ['@9000', 'fail'],
    ]);
    // Not applicable: nothing to time.
    expect(view.checks[1].observed).toBeUndefined();
    expect(view.timing).toBe('345 elements read, 1 frame(s), 12.5 ms');
    expect(view.truncated).toMatch(/30,000/);
    expect(view.unaudited).toEqual(['Frame not audited: https://other.example/frame (no access)']);
  });

  it('keeps the English timeline text of the report contract', () => {
    const entries = report().timeline!.entries;
    const texts = entries.map((e) => e.text);
    expect(texts).toContain(`${URL} (link)`);
    expect(texts).toContain(`${URL}/broken: net::ERR_NAME_NOT_RESOLVED`);
    expect(texts).toContain(`302 ${URL} → ${URL}/next`);
    expect(texts).toContain('GET https://shop.example.lt/api/status.json: HTTP 500');
    expect(texts).toContain('waiting for the phone · "Kontrolinis kodas 0041" · spinner');
    expect(texts).toContain('ended · error shown: "Klaida"');
    expect(texts).toContain('press-cancel "Atšaukti": pressed');
    expect(texts).toContain('press-cancel "Atšaukti": the control is no longer on the page');
    expect(texts).toContain('control-code: fail');
    for (const e of entries) expect(partsText(e.parts!, english)).toBe(e.text);
    // The series line of polling evidence reads as before.
    const rec = new TimelineRecorder();
    for (let i = 0; i < 4; i++) {
      rec.requestStarted({
        id: `r${i}`,
        kind: 'request',
        method: 'GET',
        url: 'https://x.example/api/s/3f1c9a0d11',
        type: 'xmlhttprequest',
        frameId: 0,
        start: T0 + i * 3000,
      });
      rec.requestEnded(`r${i}`, T0 + i * 3000 + 50, { status: 200 });
    }
    const [series] = findPollingSeries(rec.timeline().events);
    expect(describeSeries(series)).toMatch(/^GET \/api\/s\/:id ×4 every 3\.0 s \(spread 0\.0 s\)$/);
    expect(partsText(seriesParts(series), seriesEnglish)).toBe(describeSeries(series));
  });

  it('takes every word of the timeline, the statuses and the field names from the catalogue (pseudo-locale)', () => {
    const view = tabReportView(report(), { t: pseudo });
    expect(view.timeline!.title).toMatch(/^⟦.*⟧$/);
    for (const line of view.timeline!.entries) expect(line.kind, line.kindId).toMatch(/^⟦.*⟧$/);
    // With the data (URLs, page text, browser errors) taken out, no letter is left outside a catalogue message.
    const blanked = (key: string, values?: string[]) =>
      pseudo(
        key,
        (values ?? []).map(() => ''),
      );
    for (const e of report().timeline!.entries) {
      const words = e.parts!.map((p) => (typeof p === 'string' ? '' : blanked(p.key, p.values))).join('');
      expect(words.replace(/⟦[^⟧]*⟧/g, ''), e.text).not.toMatch(/\p{L}/u);
      expect(
        e.parts!.some((p) => typeof p !== 'string'),
        e.text,
      ).toBe(true);
    }
    for (const s of view.timeline!.series) expect(s).toMatch(/⟦/);
    for (const c of view.checks) {
      expect(c.status.label).toMatch(/^⟦.*⟧$/);
      for (const f of c.findings)
        for (const x of f.fields.filter((y) => y.name !== 'brandNew' && y.name !== 'empty')) expect(x.label, x.name).toMatch(/^⟦.*⟧$/);
    }
    expect(view.checks[0].observed).toMatch(/^⟦.*⟧ · ⟦.*⟧$/);
    for (const text of [view.timing, view.truncated!, ...view.unaudited, ...Object.values(view.labels)]) expect(text).toMatch(/^⟦.*⟧$/);
  });

  it('writes the timeline in Lithuanian', () => {
    const lt = (key: string, substitutions?: string[]) => t('lt', key, {}, substitutions);
    const view = tabReportView(report(), { t: lt });
    const waiting = view.timeline!.entries.find((e) => e.kindId === 'state')!;
    expect(waiting.text).toContain('"Kontrolinis kodas 0041"');
    expect(waiting.text).not.toContain('waiting for the phone');
    expect(waiting.kind).toBe(t('lt', 'timeline_state'));
  });

  it('words findings, history and the timeline only when a surface reads them, and reads as a plain view', () => {
    // What the on-page panel and the popup's list show is titles, statuses and summaries: the words of each finding,
    // of the history and of the timeline are made when first read (a large page's report has hundreds of findings).
    const asked: string[] = [];
    const counting = (key: string, substitutions?: string[]) => {
      asked.push(key);
      return english(key, substitutions);
    };
    const view = tabReportView(report(), { t: counting });
    expect(view.checks.map((c) => c.title)).toHaveLength(2);
    expect(asked.filter((k) => k.startsWith('field_') || k.startsWith('timeline_'))).toEqual([]);
    const fields = view.checks[0].findings[0].fields.map((f) => f.name);
    expect(fields).toContain('fontSize');
    expect(asked).toContain('field_fontSize');
    // Read once, kept: a second read is the same array, no second wording.
    const before = asked.length;
    expect(view.checks[0].findings).toBe(view.checks[0].findings);
    expect(asked.length).toBe(before);
    // To every reader it is an ordinary view: JSON and a spread read every part, in the same order as before.
    const plain = JSON.parse(JSON.stringify(tabReportView(report())));
    expect(plain.checks[0].findings[0].details).toMatch(/^Code: 0041/);
    expect(plain.checks[0].history).toHaveLength(2);
    expect(plain.timeline.entries.length).toBeGreaterThan(3);
    expect({ ...tabReportView(report()).checks[0] }).toEqual(plain.checks[0]);
    expect(Object.keys(tabReportView(report()).checks[0])).toEqual([
      'id',
      'title',
      'status',
      'summary',
      'live',
      'findings',
      'history',
      'observed',
    ]);
  });
});

describe('localTime (the popup and panel clock)', () => {
  it('writes the local wall-clock time as 24-hour HH:MM:SS, the same whatever the browser locale', () => {
    const at = new Date(2026, 11, 5, 7, 4, 9).getTime();
    expect(localTime(at)).toBe('07:04:09');
    expect(localTime(new Date(2026, 11, 5, 21, 30, 0).toISOString())).toBe('21:30:00');
  });

  it('leaves an absent time empty and shows a value it cannot read as it is', () => {
    expect(localTime(undefined)).toBe('');
    expect(localTime('')).toBe('');
    expect(localTime('not a time')).toBe('not a time');
  });
});
