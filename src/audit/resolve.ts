/**
 * Resolves a finding's frame-local target (a selector, or an array of shadow-root hops) back to a live element,
 * stepping through open and closed shadow roots. Selectors are the engine's own (#id and tag:nth-of-type steps).
 */
export function resolveTarget(doc: Document, target: string | string[], shadowRootOf?: (el: Element) => ShadowRoot | null): Element | null {
  const hops = Array.isArray(target) ? target : [target];
  let scope: Document | ShadowRoot = doc;
  let found: Element | null = null;
  for (let h = 0; h < hops.length; h++) {
    found = resolveIn(scope, hops[h]);
    if (!found) return null;
    if (h < hops.length - 1) {
      const root: ShadowRoot | null = (found as HTMLElement).shadowRoot ?? shadowRootOf?.(found) ?? null;
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
      current = 'getElementById' in scope && typeof scope.getElementById === 'function' ? scope.getElementById(id) : scope.querySelector(`#${CSS.escape(id)}`);
    } else if (step === 'html' && k === 0) {
      // nodeType, not instanceof: a frame's document comes from another realm.
      current = scope.nodeType === Node.DOCUMENT_NODE ? (scope as Document).documentElement : null;
    } else if (step === 'body' && current?.localName === 'html') {
      current = (current.ownerDocument.body as Element | null);
    } else {
      const m = /^([\w*-]+):nth-of-type\((\d+)\)$/.exec(step);
      if (!m) return null;
      const [, tag, nthText] = m;
      const nth = Number(nthText);
      const parent: ParentNode | null = current ?? (k === 0 ? scope : null);
      if (!parent) return null;
      let count = 0;
      current = null;
      for (const child of Array.from(parent.children)) {
        if (tag === '*' || child.localName.toLowerCase() === tag) {
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
