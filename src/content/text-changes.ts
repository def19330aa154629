/**
 * Sorts the page's DOM changes for the content script: a change of text alone (a countdown ticking, a status line
 * rewritten) can be answered by re-reading the elements around it (regatherText); anything else — an element added
 * or removed, an attribute set — needs a whole gather.
 */

const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** A node whose coming or going changes only text: a text node, or a comment (which shows nothing). */
const isTextual = (n: Node) => n.nodeType === TEXT_NODE || n.nodeType === COMMENT_NODE;

/**
 * Adds to `changed` the elements whose own text the records changed. False when a record changed more than text (or
 * text outside any element, like a shadow root's own text node): the caller then gathers the whole document.
 */
export function collectTextChanges(records: Iterable<MutationRecord>, changed: Set<Element>): boolean {
  let onlyText = true;
  for (const r of records) {
    if (r.type === 'characterData') {
      const parent = r.target.parentNode;
      if (parent?.nodeType === 1) changed.add(parent as Element);
      else onlyText = false;
    } else if (r.type === 'childList' && r.target.nodeType === 1 && [...r.addedNodes, ...r.removedNodes].every(isTextual)) {
      changed.add(r.target as Element);
    } else onlyText = false;
  }
  return onlyText;
}
