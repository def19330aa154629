/**
 * What the two ways of re-reading part of a document share (regather.ts after text or in-place attributes changed,
 * reshape.ts after elements were added or removed): what changed, what a re-read returns or why it gave up, and the
 * checks both make first.
 */
import type { Box, FrameSnapshot, SnapNode } from '../types';
import type { GatherMemo } from './gather';

/** More elements than this to re-read: a whole gather (sliced) is kinder to the page than one long re-read. */
export const REGATHER_MAX_ELEMENTS = 2000;

/** Why a re-read gave up, for the caller's counters and the tests. */
export type RegatherRefusal =
  | 'another document'
  | 'moved'
  | 'not walked'
  | 'shadow'
  | 'frame'
  | 'too many'
  | 'unreadable'
  | 'box changed'
  | 'may overlap'
  | 'selects by content'
  | 'restyled and reshaped';

/**
 * What changed since the last gather: elements whose own text changed (the parents of the changed text nodes),
 * elements whose attributes changed in place (the caller has ruled out attributes that reach other elements), and
 * elements whose children were added or removed (the caller has ruled out styles, scripts and frames).
 */
export interface LocalChanges {
  text: Set<Element>;
  attributes: Set<Element>;
  children: Set<Element>;
}

export type RegatherResult = { snapshot: FrameSnapshot; memo: GatherMemo } | { refused: RegatherRefusal };

export const sameBox = (a: Box | undefined, b: Box | undefined) => !!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** End (exclusive) of node i's subtree: nodes are in walk order, so it ends at the first node whose parent is before i. */
export function subtreeEnd(nodes: SnapNode[], i: number): number {
  let end = i + 1;
  while (end < nodes.length && nodes[end].parent >= i) end++;
  return end;
}

/** Why the kept walk no longer stands for the document: another document, or the page scrolled or resized since. */
export function viewChanged(win: Window, memo: GatherMemo): RegatherRefusal | undefined {
  const prev = memo.walk;
  const doc = win.document;
  if (doc !== prev.doc || doc.URL !== memo.url) return 'another document';
  const vw = win.innerWidth || doc.documentElement.clientWidth;
  const vh = win.innerHeight || doc.documentElement.clientHeight;
  if (
    vw !== prev.viewportBox.w ||
    vh !== prev.viewportBox.h ||
    (win.scrollX || 0) !== prev.scroll.x ||
    (win.scrollY || 0) !== prev.scroll.y
  )
    return 'moved';
  return undefined;
}
