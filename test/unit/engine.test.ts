import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../../src/audit/engine';
import { rules } from '../../src/audit/rules';
import type { PageSnapshot, Rule } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const empty: PageSnapshot = {
  url: 'http://x/',
  frames: [emptyFrame('http://x/')],
};

describe('evaluate', () => {
  it('isolates a rule that throws: it reports error, the others still run', () => {
    const broken: Rule = {
      meta: { ...rules[0].meta, id: 'broken' },
      evaluate: () => {
        throw new Error('boom');
      },
      messages: {},
    };
    const results = evaluatePage(empty, [broken, ...rules]);
    expect(results[0]).toMatchObject({ id: 'broken', status: 'error' });
    expect(results[0].summary).toContain('boom');
    expect(results.slice(1).every((r) => r.status !== 'error')).toBe(true);
  });

  it('keeps the report contract ids in order', () => {
    expect(rules.map((r) => r.meta.id)).toEqual([
      'control-code',
      'cancel',
      'preview',
      'brand-name',
      'brand-logo',
      'localization',
      'polling',
      'flow',
      'error-handling',
      'token-exposure',
      'environment',
    ]);
    for (const r of rules) {
      expect(r.meta.title && r.meta.failureTitle && r.meta.description && r.meta.source).toBeTruthy();
      expect(['critical', 'serious', 'moderate', 'minor']).toContain(r.meta.severity);
    }
  });

  it('keeps the checks of rules that read the frames alone while the same frames are judged again, and no others', () => {
    const runs = { frames: 0, timeline: 0 };
    const counting = (id: string, reads?: 'frames'): Rule => ({
      meta: { ...rules[0].meta, id },
      evaluate: (page) => {
        if (reads) runs.frames++;
        else runs.timeline++;
        return { status: 'pass', summary: `${id} at ${page.now ?? 0}`, findings: [] };
      },
      messages: {},
      ...(reads ? { reads } : {}),
    });
    const judged = [counting('frames-only', 'frames'), counting('reads-more')];
    const frames = [emptyFrame('http://x/'), emptyFrame('http://x/frame')];
    const first = evaluatePage({ url: 'http://x/', frames, now: 1 }, judged);
    // A network event or a tick: the same frame objects in a new page with another time.
    const again = evaluatePage({ url: 'http://x/', frames: [...frames], now: 2 }, judged);
    expect(runs).toEqual({ frames: 1, timeline: 2 });
    expect(again[0]).toBe(first[0]);
    expect(again[1].summary).toBe('reads-more at 2');
    // One frame snapshot replaced (a patch), one frame gone, frames in another order: judged again each time.
    evaluatePage({ url: 'http://x/', frames: [frames[0], { ...frames[1] }], now: 3 }, judged);
    evaluatePage({ url: 'http://x/', frames: [frames[0]], now: 4 }, judged);
    evaluatePage({ url: 'http://x/', frames: [frames[1], frames[0]], now: 5 }, judged);
    expect(runs.frames).toBe(4);
    // The list judged last is the one kept: back to the first frames, judged again.
    evaluatePage({ url: 'http://x/', frames, now: 6 }, judged);
    expect(runs.frames).toBe(5);
  });
});
