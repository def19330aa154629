/**
 * Sorts the page's DOM changes for the content script: a change of text (a countdown ticking, a status line
 * rewritten) or of an attribute that restyles an element in place (a button disabled, aria-busy, a state class) can
 * be answered by re-reading the elements around it (regather.ts, which checks that nothing moved), and so can elements
 * added or removed (reshape.ts: the subtree holding them is walked again, and what moved is placed again); anything
 * else — an attribute that names, links or reaches other elements, a style, script or frame added or removed — needs
 * a whole gather.
 */

import type { LocalChanges } from '../audit';

const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** A node whose coming or going changes only text: a text node, or a comment (which shows nothing). */
const isTextual = (n: Node) => n.nodeType === TEXT_NODE || n.nodeType === COMMENT_NODE;

/**
 * Attributes whose change reaches beyond the element and its subtree, or that the secret scan reads (kept from the
 * last whole gather): they name or describe others (id, for, aria-labelledby…), tie fields to forms and lists, set
 * the language, direction or slot of a subtree, or carry a URL or a field's value.
 */
const REACHING_ATTRIBUTES = new Set(
  `id for form name value lang xml:lang dir slot href src srcset srcdoc action data data-src headers list usemap
  anchor popover popovertarget aria-labelledby aria-describedby aria-owns aria-controls aria-activedescendant
  aria-details aria-errormessage aria-flowto`.split(/\s+/),
);

/** Elements that restyle, configure or script the document rather than paint in place. */
const DOCUMENT_WIDE = new Set('html head body style link meta base script template slot'.split(' '));

export const noLocalChanges = (): LocalChanges => ({ text: new Set(), attributes: new Set(), children: new Set() });

export const hasLocalChanges = (c: LocalChanges): boolean => c.text.size + c.attributes.size + c.children.size > 0;

/**
 * What an added or removed node may hold that a walk of its subtree would not see: a style, script or frame (they
 * restyle, script or hold another document), and what the secret scan reads (kept from the last whole gather): a URL
 * attribute or a field's value.
 */
const NOT_IN_PLACE =
  'style,link,script,base,meta,iframe,frame,object,embed,slot,template,input,[href],[src],[srcset],[action],[data],[data-src]';
// Through the prototype: a form's own named fields (an input named "matches") hide its methods.
const inPlace = (n: Node) =>
  isTextual(n) ||
  (n.nodeType === 1 && !Element.prototype.matches.call(n, NOT_IN_PLACE) && !Element.prototype.querySelector.call(n, NOT_IN_PLACE));

/**
 * Adds to `changes` the elements whose own text, in-place attributes or children the records changed. False when a
 * record changed more (a reaching attribute, a style, script or frame added or removed, a change of the document's
 * own children or of text outside any element like a shadow root's own text node): the caller then gathers the whole
 * document.
 */
export function collectLocalChanges(records: Iterable<MutationRecord>, changes: LocalChanges): boolean {
  let local = true;
  for (const r of records) {
    if (r.type === 'characterData') {
      const parent = r.target.parentNode;
      if (parent?.nodeType === 1) changes.text.add(parent as Element);
      else local = false;
    } else if (r.type === 'childList' && r.target.nodeType === 1 && [...r.addedNodes, ...r.removedNodes].every(isTextual)) {
      changes.text.add(r.target as Element);
    } else if (
      r.type === 'childList' &&
      r.target.nodeType === 1 &&
      !DOCUMENT_WIDE.has((r.target as Element).localName.toLowerCase()) &&
      [...r.addedNodes, ...r.removedNodes].every(inPlace)
    ) {
      changes.children.add(r.target as Element);
    } else if (
      r.type === 'attributes' &&
      r.target.nodeType === 1 &&
      !REACHING_ATTRIBUTES.has((r.attributeName ?? '').toLowerCase()) &&
      !DOCUMENT_WIDE.has((r.target as Element).localName.toLowerCase())
    ) {
      changes.attributes.add(r.target as Element);
    } else local = false;
  }
  return local;
}
