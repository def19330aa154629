/**
 * Page side of the invariance suite: DOM rewrites that text rewriting cannot express (every font size in em, control
 * kinds with their look kept, flex/grid siblings reordered, the page moved into a shadow root) and the defects placed on
 * the elements the original audit found. Plain JavaScript in a string: it is injected as is into the fixture page.
 * Each operation returns whether it changed anything.
 */
export const INVARIANCE_PAGE_SCRIPT = String.raw`(() => {
  // A same-origin iframe's document has its own shim record.
  const closedRoots = (el) => (el && el.ownerDocument && el.ownerDocument.defaultView && el.ownerDocument.defaultView.__closedShadowRoots) || window.__closedShadowRoots;
  const shadowOf = (el) => el.shadowRoot || (closedRoots(el) && closedRoots(el).get(el)) || null;

  // The engine's selectors: "#id", "html > body > tag:nth-of-type(n) > …", arrays of hops through shadow roots.
  function resolveIn(scope, selector) {
    const steps = selector.split(' > ').map((s) => s.trim());
    let current = null;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      if (step.startsWith('#')) {
        const id = step.slice(1);
        current = scope.getElementById ? scope.getElementById(id) : scope.querySelector('#' + CSS.escape(id));
      } else if (step === 'html' && k === 0) {
        current = scope.nodeType === 9 ? scope.documentElement : null;
      } else if (step === 'body' && current && current.localName === 'html') {
        current = current.ownerDocument.body;
      } else {
        const m = /^([\w*-]+):nth-of-type\((\d+)\)$/.exec(step);
        if (!m) return null;
        const parent = current || (k === 0 ? scope : null);
        if (!parent) return null;
        let count = 0;
        current = null;
        for (const child of Array.from(parent.children)) {
          if (m[1] === '*' || child.localName.toLowerCase() === m[1]) {
            count++;
            if (count === Number(m[2])) { current = child; break; }
          }
        }
      }
      if (!current) return null;
    }
    return current;
  }
  function resolve(target) {
    let doc = document;
    for (let k = 0; k < target.length; k++) {
      const hops = Array.isArray(target[k]) ? target[k] : [target[k]];
      let scope = doc, found = null;
      for (let h = 0; h < hops.length; h++) {
        found = resolveIn(scope, hops[h]);
        if (!found) return null;
        if (h < hops.length - 1) { scope = shadowOf(found); if (!scope) return null; }
      }
      if (k === target.length - 1) return found;
      doc = found.contentDocument;
      if (!doc) return null;
    }
    return null;
  }
  const targets = (items) => items.map((it) => ({ ...it, el: resolve(it.target) })).filter((it) => it.el);

  /** Every element of the page (light DOM and shadow roots, not frames), parents before children. */
  function allElements(root = document) {
    const out = [];
    const walk = (scope) => {
      for (const el of Array.from(scope.querySelectorAll('*'))) {
        out.push(el);
        const sr = shadowOf(el);
        if (sr) walk(sr);
      }
    };
    walk(root);
    return out;
  }

  // A form whose field is named "style" shadows the form's own style member: read it from the prototype.
  const STYLE_OF = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'style').get;
  const styleOf = (el) => (el instanceof HTMLElement ? STYLE_OF.call(el) : el.style);

  function copyComputedStyle(from, to) {
    const cs = getComputedStyle(from);
    const decls = [];
    for (let i = 0; i < cs.length; i++) {
      const p = cs[i];
      decls.push(p + ':' + cs.getPropertyValue(p));
    }
    to.style.cssText = decls.join(';');
  }

  const KIND_OF = (el) => {
    const tag = el.localName;
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'a[href]';
    if (tag === 'input') return 'input';
    return 'div[role=button]';
  };

  /** The ::before / ::after of el that draws an image (background-image or content: url()), with its style. */
  function pseudoLogo(el) {
    for (const which of ['::before', '::after']) {
      const st = getComputedStyle(el, which);
      if (st.content === 'none' || st.display === 'none') continue;
      if (/url\(/.test(st.backgroundImage) || /url\(/.test(st.content)) return { which, style: st };
    }
    return null;
  }

  let pseudoRules = 0;
  /** Adds the declarations for the pseudo-element (which) of el only, in the style scope el lives in. */
  function pseudoRule(el, which, declarations) {
    const id = 'l' + (++pseudoRules);
    el.setAttribute('data-invariance-logo', id);
    const style = document.createElement('style');
    style.textContent = '[data-invariance-logo="' + id + '"]' + which + '{' + declarations + '}';
    const root = el.getRootNode();
    (root instanceof ShadowRoot ? root : document.head).appendChild(style);
  }

  /** The <symbol> an svg draws when its only content is one <use href="#id">. */
  function spriteSymbol(el) {
    if (el.localName !== 'svg') return null;
    const kids = Array.from(el.children).filter((c) => c.localName !== 'title' && c.localName !== 'desc');
    if (kids.length !== 1 || kids[0].localName !== 'use') return null;
    const href = kids[0].getAttribute('href') || kids[0].getAttribute('xlink:href') || '';
    if (!href.startsWith('#')) return null;
    const root = el.getRootNode();
    const target = (root.getElementById ? root.getElementById(href.slice(1)) : null) || document.getElementById(href.slice(1));
    return target && target.localName === 'symbol' ? target : null;
  }

  /** A link to another site navigates away: as a button it would be an in-page action, another meaning. */
  function leavesSite(el) {
    if (el.localName !== 'a') return false;
    const href = el.getAttribute('href') || '';
    if (!/^(https?:)?\/\//i.test(href)) return false;
    try { return new URL(href, location.href).host !== location.host; } catch { return false; }
  }

  const ops = {
    fontSizesInEm() {
      const els = allElements().filter((el) => el.localName !== 'html' && el.parentElement);
      const sizes = els.map((el) => {
        const own = parseFloat(getComputedStyle(el).fontSize);
        const parentEl = el.parentElement || (el.getRootNode() && el.getRootNode().host);
        const parent = parentEl ? parseFloat(getComputedStyle(parentEl).fontSize) : own;
        return { el, own, parent };
      });
      let changed = false;
      for (const s of sizes) {
        if (!s.parent || Math.abs(s.own - s.parent) < 1e-6) continue;
        styleOf(s.el).setProperty('font-size', (s.own / s.parent) + 'em', 'important');
        changed = true;
      }
      return changed;
    },

    swapControls(kind) {
      const controls = Array.from(document.querySelectorAll('button, input[type=submit], input[type=button], a[href], [role=button]'))
        .filter((el) => !(el.localName === 'a' && (el.hasAttribute('download') || /\.pdf\b|^blob:|^data:/i.test(el.getAttribute('href') || ''))))
        .filter((el) => !el.closest('[role=tablist], nav, select'))
        .filter((el) => !leavesSite(el))
        .filter((el) => el.localName !== 'a' || !el.hasAttribute('role') || el.getAttribute('role') === 'button')
        .filter((el) => KIND_OF(el) !== kind);
      let changed = false;
      for (const el of controls) {
        const text = el.localName === 'input' ? (el.value || '') : el.textContent.trim();
        if (kind === 'input' && (el.children.length || !text)) continue;
        const tag = kind === 'a[href]' ? 'a' : kind === 'div[role=button]' ? 'div' : kind;
        const next = document.createElement(tag);
        for (const a of Array.from(el.attributes)) {
          if (['type', 'href', 'role', 'tabindex', 'value', 'disabled', 'style'].includes(a.name)) continue;
          next.setAttribute(a.name, a.value);
        }
        if (el.hasAttribute('disabled') || el.disabled) {
          if (tag === 'button' || tag === 'input') next.setAttribute('disabled', '');
          else next.setAttribute('aria-disabled', 'true');
        }
        if (tag === 'a') next.setAttribute('href', el.getAttribute('href') || '#');
        if (tag === 'div') { next.setAttribute('role', 'button'); next.setAttribute('tabindex', '0'); }
        if (tag === 'button') next.setAttribute('type', el.getAttribute('type') === 'submit' || (el.localName === 'input' && el.type === 'submit') ? 'submit' : 'button');
        if (tag === 'input') { next.setAttribute('type', el.closest('form') && (el.type === 'submit') ? 'submit' : 'button'); next.setAttribute('value', text); }
        copyComputedStyle(el, next);
        if (tag !== 'input') {
          if (el.localName === 'input') next.textContent = text;
          else while (el.firstChild) next.appendChild(el.firstChild);
        }
        el.replaceWith(next);
        changed = true;
      }
      return changed;
    },

    reorderSiblings() {
      let changed = false;
      for (const el of allElements()) {
        const cs = getComputedStyle(el);
        if (!/^(inline-)?(flex|grid)$/.test(cs.display)) continue;
        if (Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const kids = Array.from(el.children).filter((k) => k.localName !== 'script' && k.localName !== 'style' && k.localName !== 'template');
        if (kids.length < 2) continue;
        // Character boxes (one or two glyphs each: a code's digit boxes) are one text, not unrelated siblings: their
        // DOM order is what a screen reader or a copy reads, and a painted order that differs from it must fail.
        const shown = (k) => (k.localName === 'input' ? k.value : k.textContent).trim();
        if (kids.every((k) => shown(k).length <= 2) && kids.some((k) => shown(k))) continue;
        // A term and its description (dt/dd) are a pair: reversing them changes which label a value has when read.
        if (kids.some((k) => k.localName === 'dt' || k.localName === 'dd')) continue;
        if (kids.some((k) => getComputedStyle(k).order !== '0' || getComputedStyle(k).display === 'contents' || /absolute|fixed/.test(getComputedStyle(k).position))) continue;
        // Grid items placed by auto-flow keep their cells through order; explicitly placed ones are left alone.
        if (/grid/.test(cs.display) && kids.some((k) => { const s = getComputedStyle(k); return s.gridRowStart !== 'auto' || s.gridColumnStart !== 'auto' || s.gridArea !== 'auto'; })) continue;
        kids.forEach((k, i) => styleOf(k).setProperty('order', String(i)));
        for (const k of kids.slice().reverse()) el.appendChild(k);
        changed = true;
      }
      return changed;
    },

    intoShadow(mode) {
      const body = document.body;
      const host = document.createElement('div');
      host.style.display = 'contents';
      const root = host.attachShadow({ mode });
      if (mode === 'closed' && closedRoots()) closedRoots().set(host, root);
      const moving = Array.from(body.childNodes).filter((n) => !(n.nodeType === 1 && n.localName === 'script'));
      if (!moving.some((n) => n.nodeType === 1)) return false;
      // Style sheets apply inside the root as copies; the originals stay so html/body rules still reach the document.
      for (const s of Array.from(body.querySelectorAll('style'))) body.insertBefore(s.cloneNode(true), body.firstChild);
      for (const n of moving) root.appendChild(n);
      body.appendChild(host);
      return true;
    },

    sizeFrame() {
      const frame = document.querySelector('iframe[data-invariance-frame]');
      const doc = frame && frame.contentDocument;
      if (!doc) return false;
      const h = Math.max(doc.documentElement.scrollHeight, innerHeight);
      frame.style.height = h + 'px';
      return true;
    },

    fontSize(items) {
      const found = targets(items);
      for (const it of found) styleOf(it.el).setProperty('font-size', it.px + 'px', 'important');
      return found.length > 0;
    },

    colour(items) {
      const found = targets(items);
      for (const it of found) {
        styleOf(it.el).setProperty('color', it.colour, 'important');
        for (const d of Array.from(it.el.querySelectorAll('*'))) styleOf(d).setProperty('color', it.colour, 'important');
      }
      return found.length > 0;
    },

    cover(items) {
      const found = targets(items);
      for (const it of found) {
        const r = it.el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        // The overlay goes into the element's own document (a code inside a same-origin frame is covered there).
        const doc = it.el.ownerDocument;
        const win = doc.defaultView || window;
        const o = doc.createElement('div');
        const bg = (it.background && !/rgba\(0, 0, 0, 0\)/.test(it.background)) ? it.background : '#fff';
        o.style.cssText = 'position:absolute;z-index:2147483647;background:' + bg + ';left:' + (r.left + win.scrollX - 4) + 'px;top:' + (r.top + win.scrollY - 4) + 'px;width:' + (r.width + 8) + 'px;height:' + (r.height + 8) + 'px';
        doc.body.appendChild(o);
      }
      return found.length > 0;
    },

    disable(items) {
      const found = targets(items);
      let changed = false;
      for (const it of found) {
        const el = it.el;
        if (it.how === 'disabled') {
          if (!('disabled' in el)) continue;
          el.setAttribute('disabled', '');
        } else if (it.how === 'aria-disabled') el.setAttribute('aria-disabled', 'true');
        else if (it.how === 'inert') el.setAttribute('inert', '');
        else styleOf(el).setProperty('pointer-events', 'none', 'important');
        styleOf(el).setProperty('opacity', '0.5', 'important');
        changed = true;
      }
      return changed;
    },

    stretchLogo(items) {
      const found = targets(items);
      for (const it of found) {
        // A logo drawn by ::before / ::after is stretched on the pseudo-element, where it is drawn.
        const pseudo = pseudoLogo(it.el);
        if (pseudo) {
          const w = parseFloat(pseudo.style.width), h = parseFloat(pseudo.style.height);
          pseudoRule(it.el, pseudo.which, 'width:' + (w * 1.5) + 'px !important;height:' + h + 'px !important;max-width:none !important;background-size:100% 100% !important');
          continue;
        }
        const r = it.el.getBoundingClientRect();
        styleOf(it.el).setProperty('width', (r.width * 1.5) + 'px', 'important');
        styleOf(it.el).setProperty('height', r.height + 'px', 'important');
        styleOf(it.el).setProperty('max-width', 'none', 'important');
        styleOf(it.el).setProperty('object-fit', 'fill', 'important');
        styleOf(it.el).setProperty('background-size', '100% 100%', 'important');
        it.el.setAttribute('preserveAspectRatio', 'none');
        // An icon sprite draws its <symbol>, fitted by the symbol's own preserveAspectRatio.
        const symbol = spriteSymbol(it.el);
        if (symbol) symbol.setAttribute('preserveAspectRatio', 'none');
      }
      return found.length > 0;
    },

    hueLogo(items) {
      const found = targets(items);
      for (const it of found) styleOf(it.el).setProperty('filter', 'hue-rotate(90deg)', 'important');
      return found.length > 0;
    },

    shrinkLogo(items) {
      const found = targets(items);
      for (const it of found) {
        const pseudo = pseudoLogo(it.el);
        if (pseudo) {
          const w = parseFloat(pseudo.style.width), h = parseFloat(pseudo.style.height);
          if (!h) continue;
          pseudoRule(it.el, pseudo.which, 'height:12px !important;min-height:0 !important;width:' + (w * 12 / h) + 'px !important;min-width:0 !important');
          continue;
        }
        const r = it.el.getBoundingClientRect();
        if (!r.height) continue;
        styleOf(it.el).setProperty('height', '12px', 'important');
        styleOf(it.el).setProperty('min-height', '0', 'important');
        styleOf(it.el).setProperty('width', (r.width * 12 / r.height) + 'px', 'important');
        styleOf(it.el).setProperty('min-width', '0', 'important');
        styleOf(it.el).setProperty('background-size', '100% 100%', 'important');
      }
      return found.length > 0;
    },
  };
  window.__wysiwysInvariance = { run: (op, arg) => ops[op](arg) };
})();`;
