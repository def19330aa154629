/**
 * Painted names (src/audit/signals/painted.ts): the gather's painted readings of parts of a text put in their place,
 * and the DOM's reading beside them.
 */
import { describe, expect, it } from 'vitest';
import { FrameModel } from '../../src/audit/model';
import { paintedEvidence, paintedReading } from '../../src/audit/signals/painted';
import type { FrameSnapshot, SnapNode } from '../../src/audit/types';

function model(nodes: SnapNode[]): FrameModel {
  const frame: FrameSnapshot = {
    url: 'http://x/',
    isTop: true,
    title: '',
    lang: 'en',
    viewport: { w: 1280, h: 900 },
    scroll: { x: 0, y: 0 },
    gatheredAt: 0,
    gatherMs: 0,
    elementCount: nodes.length,
    nodes,
  };
  return new FrameModel(frame, 0);
}

const letters = (word: string, parent: number, from: number): SnapNode[] =>
  [...word].map((ch, k) => ({ i: from + k, parent, tag: 'span', nth: k + 1, attrs: {}, text: ch }));

describe('paintedReading', () => {
  it('reads a control drawn right to left as painted, and the DOM text beside it', () => {
    const m = model([
      { i: 0, parent: -1, tag: 'div', nth: 1, attrs: {} },
      {
        i: 1,
        parent: 0,
        tag: 'button',
        nth: 1,
        attrs: {},
        text: 'lecnaC',
        name: 'lecnaC',
        control: true,
        visual: { text: 'Cancel', scope: 'own', cues: ['direction: rtl'] },
      },
    ]);
    const reading = paintedReading(m, 1, 'lecnaC');
    expect(reading).toEqual({ text: 'Cancel', dom: 'lecnaC', cues: ['direction: rtl'], differs: true });
    expect(paintedEvidence(reading)).toEqual({ visualText: 'Cancel', domText: 'lecnaC', visualCause: 'direction: rtl' });
  });

  it('puts letter boxes in their place in a longer text (flow text spaces them apart)', () => {
    const m = model([
      { i: 0, parent: -1, tag: 'button', nth: 1, attrs: {}, text: 'Sign with', flow: 'Sign with S m r a t - I D', control: true },
      { i: 1, parent: 0, tag: 'span', nth: 1, attrs: {}, visual: { text: 'Smart-ID', scope: 'content', dom: 'Smrat-ID', cues: ['order'] } },
      ...letters('Smrat-ID', 1, 2),
    ]);
    const reading = paintedReading(m, 0, 'Sign with S m r a t - I D');
    expect(reading?.text).toBe('Sign with Smart-ID');
    expect(reading?.dom).toBe('Sign with Smrat-ID');
    expect(reading?.differs).toBe(true);
  });

  it('reads letter boxes painted in DOM order as one word, without a difference to show', () => {
    const m = model([
      { i: 0, parent: -1, tag: 'button', nth: 1, attrs: {}, name: 'C a n c e l', control: true },
      { i: 1, parent: 0, tag: 'span', nth: 1, attrs: {}, visual: { text: 'Cancel', scope: 'content', dom: 'Cancel' } },
      ...letters('Cancel', 1, 2),
    ]);
    const reading = paintedReading(m, 0, 'C a n c e l');
    expect(reading).toMatchObject({ text: 'Cancel', dom: 'Cancel', differs: false });
    expect(paintedEvidence(reading)).toEqual({});
  });

  it('leaves a text alone when nothing is painted in words (a clipped visually hidden label, an icon)', () => {
    const m = model([
      { i: 0, parent: -1, tag: 'button', nth: 1, attrs: {}, name: 'Cancel', control: true },
      { i: 1, parent: 0, tag: 'span', nth: 1, attrs: {}, text: 'Cancel', visual: { text: '', scope: 'own', cues: ['overflow clip'] } },
      {
        i: 2,
        parent: -1,
        tag: 'button',
        nth: 2,
        attrs: { 'aria-label': 'Cancel' },
        name: 'Cancel',
        control: true,
        visual: { text: '\u2715', scope: 'own', cues: ['::before content'] },
      },
    ]);
    expect(paintedReading(m, 0, 'Cancel')).toBeUndefined();
    expect(paintedReading(m, 2, 'Cancel')).toBeUndefined();
  });

  it('does not count icon glyphs, spaces or case as a difference', () => {
    const m = model([
      {
        i: 0,
        parent: -1,
        tag: 'button',
        nth: 1,
        attrs: {},
        text: 'Cancel',
        name: 'Cancel',
        control: true,
        visual: { text: '\u2715 CANCEL', scope: 'own', cues: ['::before content'] },
      },
    ]);
    expect(paintedReading(m, 0, 'Cancel')).toMatchObject({ text: '\u2715 CANCEL', dom: 'Cancel', differs: false });
  });

  it('builds the text from the subtree when the base does not hold the part (a name from aria-label)', () => {
    const m = model([
      {
        i: 0,
        parent: -1,
        tag: 'button',
        nth: 1,
        attrs: { 'aria-label': 'Cancel' },
        name: 'Cancel',
        control: true,
        visual: { text: 'Close', scope: 'own', cues: ['::before content'] },
      },
    ]);
    expect(paintedReading(m, 0, 'Cancel')).toMatchObject({ text: 'Close', dom: '', differs: true });
  });

  it('reads only the own text with `own`', () => {
    const m = model([
      { i: 0, parent: -1, tag: 'p', nth: 1, attrs: {}, text: 'Use' },
      { i: 1, parent: 0, tag: 'b', nth: 1, attrs: {}, text: 'DI-tramS', visual: { text: 'Smart-ID', scope: 'own' } },
    ]);
    expect(paintedReading(m, 0, 'Use', true)).toBeUndefined();
    expect(paintedReading(m, 1, 'DI-tramS', true)).toMatchObject({ text: 'Smart-ID', dom: 'DI-tramS', differs: true });
  });
});
