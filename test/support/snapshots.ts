/** Snapshots for engine tests that need a page but not its DOM: one frame holding only <html>. */
import type { FrameSnapshot } from '../../src/audit';

export function emptyFrame(url: string, overrides: Partial<FrameSnapshot> = {}): FrameSnapshot {
  return {
    url,
    isTop: true,
    title: '',
    lang: 'en',
    viewport: { w: 1280, h: 900 },
    scroll: { x: 0, y: 0 },
    nodes: [{ i: 0, parent: -1, tag: 'html', nth: 1, attrs: {} }],
    gatheredAt: 0,
    gatherMs: 0,
    elementCount: 1,
    ...overrides,
  };
}
