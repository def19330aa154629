/** The frame model's shared text reads: a short read made first must not cut a longer one made later. */
import { describe, expect, it } from 'vitest';
import { FrameModel } from '../../src/audit/model';
import type { FrameSnapshot } from '../../src/audit/types';

const frame: FrameSnapshot = {
  url: 'http://x/',
  isTop: true,
  title: '',
  lang: 'lv',
  viewport: { w: 1280, h: 900 },
  scroll: { x: 0, y: 0 },
  gatheredAt: 0,
  gatherMs: 0,
  elementCount: 3,
  nodes: [
    { i: 0, parent: -1, tag: 'div', nth: 1, attrs: {} },
    { i: 1, parent: 0, tag: 'span', nth: 1, attrs: {}, text: 'Kontroles kods' },
    { i: 2, parent: 0, tag: 'span', nth: 2, attrs: {}, text: '2519' },
  ],
};

describe('frame model text', () => {
  it('reads a subtree in full after a capped read of the same node', () => {
    const model = new FrameModel(frame, 0);
    expect(model.subtreeText(0, 10)).toBe('Kontroles ');
    expect(model.subtreeText(0)).toBe('Kontroles kods 2519');
    expect(model.subtreeText(0, 5)).toBe('Kontr');
  });
});
