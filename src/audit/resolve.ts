/**
 * Resolves a finding's frame-local target (a selector, or an array of shadow-root hops) back to a live element,
 * stepping through open and closed shadow roots. Selectors are the engine's own (#id and tag:nth-of-type steps).
 * Element members are read through the prototypes (./gather/dom): a <form> can shadow its own with field names.
 */
import { childrenOf, localNameOf, ownerDocumentOf, shadowRootOf as ownShadowRoot } from './gather/dom';

export function resolveTarget(doc: Document, target: string | string[], shadowRootOf?: (el: Element) => ShadowRoot | null): Element | null {
  const hops = Array.isArray(target) ? target : [target];
  let scope: Document | ShadowRoot = doc;
  let found: Element | null = null;
  for (let h = 0; h < hops.length; h++) {
    found = resolveIn(scope, hops[h]);
    if (!found) return null;
    if (h < hops.length - 1) {
      const root: ShadowRoot | null = ownShadowRoot(found) ?? shadowRootOf?.(found) ?? null;
      if (!root) return null;
      scope = root;
    }
  }
  return found;
}

function resolveIn(scope: Document | ShadowRoot, selector: string): Element | null {
  const steps = selector.split(' > ').map((s) => s.trim());
  let current: Element | null = null;
  for (const [k, step] of steps.entries()) {
    if (step.startsWith('#')) {
      const id = step.slice(1);
      current =
        'getElementById' in scope && typeof scope.getElementById === 'function'
          ? scope.getElementById(id)
          : scope.querySelector(`#${CSS.escape(id)}`);
    } else if (step === 'html' && k === 0) {
      // nodeType, not instanceof: a frame's document comes from another realm.
      current = scope.nodeType === Node.DOCUMENT_NODE ? (scope as Document).documentElement : null;
    } else if (step === 'body' && current && localNameOf(current) === 'html') {
      current = (ownerDocumentOf(current)?.body as Element | null) ?? null;
    } else {
      const m = /^([\w*-]+):nth-of-type\((\d+)\)$/.exec(step);
      if (!m) return null;
      const [, written, nthText] = m;
      // The walk's tags are lower case; a selector writes SVG's mixed-case names as CSS needs them (foreignObject).
      const tag = written.toLowerCase();
      const nth = Number(nthText);
      const children: Element[] | null = current ? childrenOf(current) : k === 0 ? Array.from(scope.children) : null;
      if (!children) return null;
      let count = 0;
      current = null;
      for (const child of children) {
        if (tag === '*' || localNameOf(child).toLowerCase() === tag) {
          count++;
          if (count === nth) {
            current = child;
            break;
          }
        }
      }
    }
    if (!current) return null;
  }
  return current;
}
