/**
 * Snapshot nodes in one shape for the background's evaluation. A node carries only the optional fields it needs, in
 * the order they were written, so a snapshot that arrives as JSON holds its nodes (and their layouts) in dozens of
 * object shapes, and every field the rules read of 10,000s of nodes is looked up the slow, generic way. Built with
 * every field, in one order, they share one shape, which V8 reads from its inline caches: an evaluation of the bench's
 * 10k page about a quarter faster. The data is the same: an absent field and one holding undefined read alike, and
 * JSON (the port, exports) drops both.
 */
import type { FrameSnapshot, NodeLayout, SnapNode } from './types';

/** Every field of T, optional ones holding undefined: a field added to the type must be added to the classes below. */
type AllFields<T> = { [K in keyof Required<T>]: T[K] | undefined };

/**
 * A layout with every field, in one order. A class rather than an object literal: V8 builds its instances with
 * inline allocation and no boilerplate to copy, about twice as fast — and the background copies thousands of layouts
 * after every insertion (snapshot-patch.ts's applyPatch).
 */
class UniformLayout implements AllFields<NodeLayout> {
  box: NodeLayout['box'];
  hidden: NodeLayout['hidden'];
  fontSize: NodeLayout['fontSize'];
  cssFontSize: NodeLayout['cssFontSize'];
  fontWeight: NodeLayout['fontWeight'];
  color: NodeLayout['color'];
  background: NodeLayout['background'];
  backgroundUncertain: NodeLayout['backgroundUncertain'];
  contrast: NodeLayout['contrast'];
  colorUnreadable: NodeLayout['colorUnreadable'];
  coveredBy: NodeLayout['coveredBy'];
  inViewport: NodeLayout['inViewport'];
  pointerEvents: NodeLayout['pointerEvents'];
  textTransform: NodeLayout['textTransform'];
  fixed: NodeLayout['fixed'];
  pseudoImage: NodeLayout['pseudoImage'];
  edge: NodeLayout['edge'];
  visual: NodeLayout['visual'];

  constructor(l: NodeLayout, box: NodeLayout['box']) {
    this.box = box;
    this.hidden = l.hidden;
    this.fontSize = l.fontSize;
    this.cssFontSize = l.cssFontSize;
    this.fontWeight = l.fontWeight;
    this.color = l.color;
    this.background = l.background;
    this.backgroundUncertain = l.backgroundUncertain;
    this.contrast = l.contrast;
    this.colorUnreadable = l.colorUnreadable;
    this.coveredBy = l.coveredBy;
    this.inViewport = l.inViewport;
    this.pointerEvents = l.pointerEvents;
    this.textTransform = l.textTransform;
    this.fixed = l.fixed;
    this.pseudoImage = l.pseudoImage;
    this.edge = l.edge;
    this.visual = l.visual;
  }
}

/** A node with every field, in one order (a class for the reason UniformLayout is one). */
class UniformNode implements AllFields<SnapNode> {
  i: SnapNode['i'];
  parent: SnapNode['parent'];
  tag: SnapNode['tag'];
  nth: SnapNode['nth'];
  shadow: SnapNode['shadow'];
  attrs: SnapNode['attrs'];
  text: SnapNode['text'];
  flow: SnapNode['flow'];
  fixed: SnapNode['fixed'];
  slotted: SnapNode['slotted'];
  name: SnapNode['name'];
  disabled: SnapNode['disabled'];
  layout: SnapNode['layout'];
  inShadow: SnapNode['inShadow'];
  control: SnapNode['control'];
  duplicateId: SnapNode['duplicateId'];
  unread: SnapNode['unread'];
  frame: SnapNode['frame'];
  visual: SnapNode['visual'];

  constructor(n: SnapNode, layout: NodeLayout | undefined) {
    this.i = n.i;
    this.parent = n.parent;
    this.tag = n.tag;
    this.nth = n.nth;
    this.shadow = n.shadow;
    this.attrs = n.attrs;
    this.text = n.text;
    this.flow = n.flow;
    this.fixed = n.fixed;
    this.slotted = n.slotted;
    this.name = n.name;
    this.disabled = n.disabled;
    this.layout = layout;
    this.inShadow = n.inShadow;
    this.control = n.control;
    this.duplicateId = n.duplicateId;
    this.unread = n.unread;
    this.frame = n.frame;
    this.visual = n.visual;
  }
}

/** A layout with every field, in one order (`box`: the one to give it instead of its own). */
export function uniformLayout(l: NodeLayout, box: NodeLayout['box'] = l.box): NodeLayout {
  return new UniformLayout(l, box) as NodeLayout;
}

/** A node with every field, in one order, its layout too (`layout`: the one to give it instead of its own). */
export function uniformNode(n: SnapNode, layout: NodeLayout | undefined = n.layout && uniformLayout(n.layout)): SnapNode {
  return new UniformNode(n, layout) as SnapNode;
}

/** A frame snapshot as it arrived, its nodes replaced (in place) by copies in one shape. */
export function uniformFrame(frame: FrameSnapshot): FrameSnapshot {
  const nodes = frame.nodes;
  for (let k = 0; k < nodes.length; k++) nodes[k] = uniformNode(nodes[k]);
  return frame;
}
