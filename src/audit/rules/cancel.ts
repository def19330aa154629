/**
 * cancel: while a signing or authentication transaction waits for the user, a visible, enabled control that
 * cancels it is offered in the same dialog or region. A consent banner's or newsletter's Cancel does not count.
 * Sources: WYSIWYS review list ("the user can cancel from the front end"); domain.md §6.3 ST-1, §5 examples.
 */
import { findCodeCandidates, labelFor } from '../signals/codes';
import { findConfirmationStep, unconfirmedCode, type StepAnchor } from '../signals/step';
import { paintedEvidence, paintedReading } from '../signals/painted';
import { aggregate, reasonsOf, type CheckVerdict, type Verdict } from '../checks';
import { nodeFinding, layoutEvidence } from '../findings';
import { format } from '../messages';
import { boxDistance, isEditableTextField, isHiddenNode, modelsOf, type FrameModel } from '../model';
import {
  CANCEL_DOCUMENT,
  BACK_TO_TOP,
  BACK,
  BROWSER_BACK,
  CANCEL,
  CLOSE,
  CLOSE_SYMBOL,
  FOREIGN_CONTAINER,
  SITE_CHROME_ROLES,
  SITE_CHROME_TAGS,
  conceptRegex,
  findConcept,
  fold,
  hasConcept,
  squash,
} from '../text';
import type { Finding, PageSnapshot, PressTarget, Rule, RuleOutcome, SnapNode } from '../types';

export const messages = {
  notApplicable: 'No transaction is waiting for the user.',
  pass: 'The user can cancel: "${name}" (${tag}) is visible and enabled next to the waiting step.',
  reviewOnly: 'No control is named as cancel; ${reasons}. Check that the user can cancel.',
  fail: 'The user cannot cancel the waiting transaction: ${reasons}.',
  none: 'no cancel / abort / decline control is offered',
  browserBack: 'the page only tells the user to use the browser\'s Back button ("${text}")',
  hidden: '"${name}" is hidden (${how})',
  disabled: '"${name}" is disabled (${how})',
  foreign: '"${name}" belongs to ${container}, not to the transaction',
  outsideDialog: '"${name}" is outside the dialog that shows the step',
  covered: '"${name}" is covered by ${by}',
  close: 'a close control "${name}" is next to the step; its name does not say cancel',
  back: 'a "${name}" control is next to the step; check that it cancels the transaction',
  unnamed: 'an icon-only control next to the step has no accessible name, so nothing says it cancels (give it an aria-label)',
  siteChrome: '"${name}" is in the site ${landmark}, not with the transaction',
  otherPurpose: '"${name}" cancels something else ("${term}"), not the transaction',
  candidate: '"${name}": ${state}.',
  ok: 'visible and enabled for the transaction',
  step: 'Waiting step: "${text}"',
  unconfirmed:
    'A code (${code}) is shown as "${label}", but nothing on the page says a phone step is waiting; check whether the transaction waits and the user can cancel it.',
  painted: 'the page shows "${shown}", its text says "${written}" (CSS reorders, draws or hides its letters)',
};

export const meta = {
  id: 'cancel' as const,
  title: 'User can cancel the waiting transaction',
  failureTitle: 'User cannot cancel the waiting transaction',
  description:
    'While the page waits for Smart-ID / Mobile-ID confirmation, a visible and enabled Cancel control for that transaction must be offered in the same dialog or region, so the user can stop it from the front end.',
  severity: 'serious' as const,
  source: 'Dokobit integration review list; ETSI TS 119 431-2 sole-control principles (domain.md §4, §6.3 ST-1)',
};

/** A control's state; `unusable` when it is the step's own cancel but cannot be used (hidden, off screen, disabled). */
type State = { kind: 'ok' } | { kind: 'fail' | 'review'; reason: string; unusable?: true };

const DIALOG_ROLES = new Set(['dialog', 'alertdialog']);

function isDialog(n: SnapNode): boolean {
  return n.tag === 'dialog' || DIALOG_ROLES.has(n.attrs.role ?? '') || n.attrs['aria-modal'] === 'true';
}

/** Elements that hold a region of their own (the tag a page wraps a banner in is invisible; custom elements too). */
const CONTAINER_TAGS = new Set(['aside', 'form', 'section', 'footer', 'header', 'div', 'article', 'main', 'nav', 'dialog']);

/** A container that belongs to something else: consent banner, newsletter, chat — by name, id/class or its text. */
function foreignContainer(model: FrameModel, n: SnapNode): string | undefined {
  const words = `${n.attrs.id ?? ''} ${n.attrs.class ?? ''} ${n.attrs['aria-label'] ?? ''}`.replace(/[-_]/g, ' ');
  if (hasConcept(words, FOREIGN_CONTAINER)) return model.describe(n.i);
  if (isDialog(n) || CONTAINER_TAGS.has(n.tag) || n.tag.includes('-')) {
    const text = proseText(model, n.i, 600);
    const term = findConcept(text, FOREIGN_CONTAINER);
    if (term) return `${model.describe(n.i)} ("${squash(text).slice(0, 60)}…")`;
  }
  return undefined;
}

/**
 * The container's own words, without the names of the controls in it: a "Privacy policy" link beside a flow's
 * Cancel does not make the row a consent banner, while a banner still says "we use cookies" in its text.
 */
function proseText(model: FrameModel, i: number, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (k: number) => {
    const n = model.node(k);
    if (length > max || isHiddenNode(n) || (k !== i && n.control)) return;
    if (n.text) {
      parts.push(n.text);
      length += n.text.length + 1;
    }
    for (const c of model.children[k]) walk(c);
  };
  walk(i);
  return squash(parts.join(' ')).slice(0, max);
}

/** Editable text fields inside the container: a form of its own. */
function hasOwnFields(model: FrameModel, i: number): boolean {
  // Chat widgets often type into a contenteditable div with role=textbox, which counts too.
  return model.descendants(i, 300).some((k) => isEditableTextField(model.node(k)));
}

/** A floating widget (chat, "call me back" form): position: fixed with fields of its own. Its controls close or cancel the widget. */
function isFloatingWidget(model: FrameModel, n: SnapNode): boolean {
  return !!n.fixed && hasOwnFields(model, n.i);
}

function judgeControl(models: FrameModel[], frame: number, i: number, anchors: StepAnchor[], name: string): State {
  const model = models[frame];
  const n = model.node(i);
  const l = n.layout;
  if (!l || isHiddenNode(n) || (l.hidden && l.hidden !== 'offscreen'))
    return { kind: 'fail', reason: format(messages.hidden, { name, how: l?.hidden ?? 'not rendered' }), unusable: true };
  // Below the fold the user can scroll to it; moved off to the side or above the page ("left:-10000px") never.
  const vw = model.frame.viewport.w || Infinity;
  if (l.hidden === 'offscreen' && (l.box.x + l.box.w <= 0 || l.box.x >= vw || l.box.y + model.frame.scroll.y + l.box.h <= 0)) {
    return { kind: 'fail', reason: format(messages.hidden, { name, how: 'moved off screen' }), unusable: true };
  }
  if (n.disabled) return { kind: 'fail', reason: format(messages.disabled, { name, how: n.disabled }), unusable: true };
  const purpose = findConcept(name, FOREIGN_CONTAINER);
  if (purpose) return { kind: 'fail', reason: format(messages.otherPurpose, { name, term: purpose }) };
  const chrome = siteChrome(
    model,
    i,
    anchors.filter((a) => a.frame === frame),
  );
  if (chrome && !anchors.some((a) => a.frame === frame && model.contains(chrome.i, a.node))) {
    return { kind: 'fail', reason: format(messages.siteChrome, { name, landmark: chrome.attrs.role ?? chrome.tag }) };
  }
  const local = anchors.filter((a) => a.frame === frame);
  if (local.length) {
    // Relate the control to the nearest anchor of the step in its frame.
    const anchor = local.reduce((best, a) => (depthOf(model, model.lca(a.node, i)) > depthOf(model, model.lca(best.node, i)) ? a : best));
    const top = model.lca(anchor.node, i);
    for (const c of model.between(i, top)) {
      if (c.i === top) break;
      const foreign = foreignContainer(model, c);
      if (foreign) return { kind: 'fail', reason: format(messages.foreign, { name, container: foreign }) };
      if (isDialog(c)) return { kind: 'fail', reason: format(messages.foreign, { name, container: model.describe(c.i) }) };
      // A complementary region (sidebar of other contracts, related links) that does not hold the step.
      if ((c.tag === 'aside' || c.attrs.role === 'complementary') && !isActionRow(model, c))
        return { kind: 'fail', reason: format(messages.foreign, { name, container: model.describe(c.i) }) };
      // A floating widget (a "call me back" form, a chat) with fields of its own: its Cancel closes the widget.
      if (isFloatingWidget(model, c)) return { kind: 'fail', reason: format(messages.foreign, { name, container: model.describe(c.i) }) };
    }
    for (const c of model.between(anchor.node, top)) {
      if (isDialog(c) && (c.attrs['aria-modal'] === 'true' || c.tag === 'dialog'))
        return { kind: 'fail', reason: format(messages.outsideDialog, { name }) };
    }
  } else {
    // Another frame (integrator page around a gateway frame): it counts unless it sits in a banner of its own.
    for (const c of model.ancestors(i)) {
      const foreign = foreignContainer(model, c);
      if (foreign) return { kind: 'fail', reason: format(messages.foreign, { name, container: foreign }) };
    }
  }
  if (l.coveredBy) return { kind: 'review', reason: format(messages.covered, { name, by: l.coveredBy }) };
  return { kind: 'ok' };
}

const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section', 'dialog']);
const SECTIONING_ROLES = new Set(['main', 'article', 'region', 'complementary', 'navigation', 'dialog', 'alertdialog']);

/**
 * The site's header, navigation or footer around a control. As in HTML's landmark rules, a <header>/<footer>/<nav>
 * inside an article, section, main or dialog belongs to that content (a modal's own footer, a form's action row in
 * <main>); so does one that is a part of the step's own component (a card's footer next to the card's code).
 * Explicit role=banner / contentinfo is the page's by definition.
 */
function siteChrome(model: FrameModel, i: number, anchors: StepAnchor[]): SnapNode | undefined {
  const chain = [...model.ancestors(i)];
  for (let k = 0; k < chain.length; k++) {
    const a = chain[k];
    const role = a.attrs.role ?? '';
    if (role === 'banner' || role === 'contentinfo') return a;
    if (!SITE_CHROME_ROLES.has(role) && !SITE_CHROME_TAGS.has(a.tag)) continue;
    const scoped = chain.slice(k + 1).some((up) => SECTIONING.has(up.tag) || SECTIONING_ROLES.has(up.attrs.role ?? '') || isDialog(up));
    if (!scoped && !inStepOverlay(model, chain.slice(k + 1), anchors) && !isActionBar(model, a, anchors)) return a;
  }
  return undefined;
}

/**
 * A row of actions: a few controls (one to four) and no words of its own outside them. A sidebar of related
 * contracts, a site footer or header carries headings, prose and link lists; the step's button row does not, whatever
 * tag wraps it (<aside class="card-footer">, <footer class="modal-footer">) and whatever kind its controls are.
 */
function isActionRow(model: FrameModel, container: SnapNode, titled = false): boolean {
  const inside = model.descendants(container.i, 200).map((k) => model.node(k));
  const controls = inside.filter((d) => d.control && !isHiddenNode(d));
  if (controls.length < 1 || controls.length > 4) return false;
  // A web component's label is its host's text, drawn through a slot of the control in its shadow root.
  const words = [container, ...inside]
    .filter(
      (d) =>
        d.text &&
        /\p{L}/u.test(d.text) &&
        !isHiddenNode(d) &&
        !controls.some((c) => c.i === d.i || model.contains(c.i, d.i) || model.contains(d.i, c.i)),
    )
    .map((d) => d.text!)
    .join(' ');
  // A component's header may carry its title ("Confirm the signing" beside its Cancel); no more than a title.
  return !words || (titled && words.length <= TITLE_CHARS);
}

/** How long a title may be: a component header's, not a site header's prose. */
const TITLE_CHARS = 80;

/**
 * A <header>/<footer> that is the step's own action bar: a sticky one (mobile screens pin "Cancel" to the bottom), or
 * one beside the step (a card's or dialog's header or footer), holding a row of actions and at most a title. Site
 * headers and footers carry link lists, prose and addresses.
 */
function isActionBar(model: FrameModel, landmark: SnapNode, anchors: StepAnchor[]): boolean {
  if ((landmark.tag !== 'header' && landmark.tag !== 'footer') || landmark.attrs.role || !isActionRow(model, landmark, true)) return false;
  if (landmark.fixed) return true;
  // Where it is drawn: its own box, else its controls' (a wrapper without text of its own has no box in the snapshot).
  const boxes = [landmark, ...model.descendants(landmark.i, 200).map((k) => model.node(k))].map((d) => d.layout?.box).filter((b) => !!b);
  return anchors.some((a) => {
    const top = model.node(model.lca(a.node, landmark.i));
    const anchorBox = model.node(a.node).layout?.box;
    return top.tag !== 'body' && top.tag !== 'html' && !!anchorBox && boxes.some((b) => boxDistance(b, anchorBox) <= 400);
  });
}

/**
 * The landmark sits in a fixed layer that also shows the step: a bottom sheet, an offcanvas or a full-screen
 * mobile view (Vuetify's v-toolbar renders a <header>), whose header bar holds the layer's own Cancel.
 */
function inStepOverlay(model: FrameModel, above: SnapNode[], anchors: StepAnchor[]): boolean {
  return above.some((up) => up.fixed && up.tag !== 'body' && up.tag !== 'html' && anchors.some((a) => model.contains(up.i, a.node)));
}

type Intent = { kind: 'action' } | { kind: 'fail' | 'review'; reason: string };

/**
 * Whether a control whose name says cancel is a cancel action: the cancel word leads a short name ("Cancel",
 * "Atšaukti pasirašymą", "Да, отменить"), the name is not the title of a document and the control does not
 * open a PDF. Undefined when the name does not say cancel at all. `shownName` is the name as painted.
 */
function cancelIntent(n: SnapNode, shownName: string): Intent | undefined {
  const name = squash(shownName);
  const m = name && conceptRegex(CANCEL).exec(fold(name));
  if (!m) return undefined;
  const doc = findConcept(name, CANCEL_DOCUMENT);
  if (doc) return { kind: 'fail', reason: format(messages.otherPurpose, { name, term: doc }) };
  const pdf = /(?:^|[/?#])([^/?#]*\.pdf)(?:[?#]|$)/i.exec(n.attrs.href ?? '');
  if (pdf) return { kind: 'fail', reason: format(messages.otherPurpose, { name, term: pdf[1] }) };
  // Words before the cancel word: "Yes, cancel" and "Atšaukti" lead with it; "How to cancel a signing" does not.
  const before = fold(name)
    .slice(0, m.index)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (before.length > 2) return { kind: 'review', reason: format(messages.back, { name }) };
  return { kind: 'action' };
}

/** A close control: a close glyph alone, or a short name saying close ("close dialog", "× Uždaryti", "Закрыть"). */
function isClose(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length && words.every((w) => CLOSE_SYMBOL.test(w))) return true;
  const rest = words.filter((w) => !CLOSE_SYMBOL.test(w) && /[\p{L}\p{N}]/u.test(w)).join(' ');
  return !!rest && rest.length < 30 && hasConcept(rest, CLOSE);
}

function depthOf(model: FrameModel, i: number): number {
  let d = 0;
  for (let p = i; p >= 0; p = model.node(p).parent) d++;
  return d;
}

/** Next to the step: in the same container below <body>, or (flat pages) within 400 px of it on screen. */
function isNearStep(model: FrameModel, i: number, anchors: StepAnchor[]): boolean {
  const box = model.node(i).layout?.box;
  return anchors.some((a) => {
    if (a.frame !== model.index) return false;
    const top = model.lca(a.node, i);
    // A consent banner's or an open chat's controls are not the step's, however close they float to it.
    if (model.between(i, top).some((c) => foreignContainer(model, c) || isFloatingWidget(model, c))) return false;
    if (top !== 0 && model.node(top).tag !== 'body') return true;
    const anchorBox = model.node(a.node).layout?.box;
    return !!box && !!anchorBox && boxDistance(box, anchorBox) <= 400;
  });
}

/** What the named checks judge a control against: the frames and the anchors of the waiting step. */
export interface CancelContext {
  models: FrameModel[];
  anchors: StepAnchor[];
}

/** A control on the page (button, link, input button) with the name it paints. */
export interface ControlReading {
  model: FrameModel;
  node: SnapNode;
  /** The name the user reads: painted words, else the DOM name. */
  name: string;
  reading: ReturnType<typeof paintedReading>;
}

function verdictAt(
  ctx: CancelContext,
  c: ControlReading,
  check: string,
  verdict: Verdict,
  reason: string,
  message: string,
  evidence: Record<string, unknown>,
): CheckVerdict {
  const severity = verdict === 'fail' ? 'serious' : verdict === 'review' ? 'moderate' : 'minor';
  return {
    check,
    verdict,
    reason,
    findings: [
      nodeFinding(ctx.models, c.model.index, c.node.i, severity, message, { ...evidence, ...paintedEvidence(c.reading) }, verdict),
    ],
  };
}

/** Check `painted-name`: named cancel in the DOM (and for assistive technology) but painted as something else. */
export function paintedOtherwise(ctx: CancelContext, c: ControlReading): CheckVerdict | undefined {
  const { node: n, reading } = c;
  if (!reading?.differs || cancelIntent(n, c.name) || !(cancelIntent(n, reading.dom) || cancelIntent(n, n.name ?? ''))) return undefined;
  const reason = format(messages.painted, { shown: reading.text, written: reading.dom || n.name || '' });
  return verdictAt(ctx, c, 'painted-name', 'fail', reason, reason, { name: n.name ?? '', tag: n.tag, ...layoutEvidence(n.layout) });
}

/**
 * Check `cancels-something-else`: says cancel but is a document link or a title ("Cancellation policy"); it does not
 * cancel this transaction. A doubtful name is worth a look only next to the step.
 */
export function cancelsSomethingElse(ctx: CancelContext, c: ControlReading): CheckVerdict | undefined {
  const intent = cancelIntent(c.node, c.name);
  if (!intent || intent.kind === 'action') return undefined;
  if (intent.kind === 'review' && !isNearStep(c.model, c.node.i, ctx.anchors)) return undefined;
  const n = c.node;
  const evidence = { name: c.name, tag: n.tag, ...(n.attrs.href ? { href: n.attrs.href } : {}), ...layoutEvidence(n.layout) };
  return verdictAt(ctx, c, 'cancels-something-else', intent.kind, intent.reason, intent.reason, evidence);
}

/**
 * Check `lookalike-near-step`: a control next to the step that might cancel but is not named so. A close glyph or a
 * "Back" is for a person to judge; an icon-only control with no name at all tells nobody it cancels.
 */
export function lookalikeNearStep(ctx: CancelContext, c: ControlReading): CheckVerdict | undefined {
  const n = c.node;
  if (cancelIntent(n, c.name)) return undefined;
  if (!n.layout || n.layout.hidden || n.disabled || !isNearStep(c.model, n.i, ctx.anchors)) return undefined;
  const trimmed = c.name.trim();
  if (!trimmed)
    return verdictAt(ctx, c, 'lookalike-near-step', 'fail', messages.unnamed, messages.unnamed, { name: '', ...layoutEvidence(n.layout) });
  let reason: string | undefined;
  if (isClose(trimmed)) reason = format(messages.close, { name: trimmed });
  else if (hasConcept(trimmed, BACK) && !hasConcept(trimmed, BACK_TO_TOP) && trimmed.length < 30)
    reason = format(messages.back, { name: trimmed });
  return reason
    ? verdictAt(ctx, c, 'lookalike-near-step', 'review', reason, reason, { name: trimmed, ...layoutEvidence(n.layout) })
    : undefined;
}

/** Check `cancel-control`: a control named as a cancel action is visible, enabled and belongs to the waiting step. */
export function cancelControl(ctx: CancelContext, c: ControlReading): CheckVerdict | undefined {
  const n = c.node;
  if (cancelIntent(n, c.name)?.kind !== 'action') return undefined;
  const state = judgeControl(ctx.models, c.model.index, n.i, ctx.anchors, c.name);
  const evidence = { name: c.name, tag: n.tag, disabled: n.disabled, ...layoutEvidence(n.layout) };
  if (state.kind === 'ok') {
    const message = format(messages.candidate, { name: c.name, state: messages.ok });
    return verdictAt(ctx, c, 'cancel-control', 'pass', format(messages.pass, { name: c.name, tag: n.tag }), message, evidence);
  }
  const verdict = verdictAt(
    ctx,
    c,
    'cancel-control',
    state.kind,
    state.reason,
    format(messages.candidate, { name: c.name, state: state.reason }),
    evidence,
  );
  // The step's own cancel, unusable: a failure of the evidence itself, which look-alikes next to it do not redeem.
  if (state.kind === 'fail' && state.unusable && ownsStep(ctx, c)) verdict.strong = true;
  return verdict;
}

/** The control sits with the step: in the same container below <body> as one of the step's anchors in its frame. */
function ownsStep(ctx: CancelContext, c: ControlReading): boolean {
  return ctx.anchors.some((a) => {
    if (a.frame !== c.model.index) return false;
    const top = c.model.node(c.model.lca(a.node, c.node.i));
    return top.tag !== 'body' && top.tag !== 'html';
  });
}

/** Check `browser-back-only`: the page tells the user to leave with the browser's Back button instead of offering a control. */
export function browserBackOnly(ctx: CancelContext): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  for (const model of ctx.models) {
    for (const n of model.visibleTextNodes()) {
      if (!hasConcept(n.text!, BACK) || !hasConcept(n.text!, BROWSER_BACK)) continue;
      const reason = format(messages.browserBack, { text: n.text!.slice(0, 120) });
      out.push({
        check: 'browser-back-only',
        verdict: 'fail',
        reason,
        findings: [nodeFinding(ctx.models, model.index, n.i, 'serious', reason, { text: n.text }, 'fail')],
      });
    }
  }
  return out;
}

/** The checks a control goes through, in order; the first that has something to say about it judges it. */
const CONTROL_CHECKS = [paintedOtherwise, cancelsSomethingElse, lookalikeNearStep, cancelControl];

/** Every control of every frame, read by the name it paints (its DOM name only where nothing is painted in words). */
export function controlReadings(models: FrameModel[]): ControlReading[] {
  const out: ControlReading[] = [];
  for (const model of models) {
    for (const n of model.nodes) {
      const isControl =
        n.control || (n.tag === 'input' && ['button', 'submit', 'reset', 'image'].includes((n.attrs.type ?? '').toLowerCase()));
      if (!isControl) continue;
      const reading = paintedReading(model, n.i, n.name ?? '');
      out.push({ model, node: n, name: reading?.text ?? n.name ?? '', reading });
    }
  }
  return out;
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const step = findConfirmationStep(models);
  const labelled = (m: FrameModel) => findCodeCandidates(m).filter((c) => !c.decoy && labelFor(m, c, true));
  if (step.strength === 'none') {
    // A labelled code is shown but nothing says it is the phone step: doubt, never "not applicable".
    const partial = unconfirmedCode(models, step);
    if (partial) {
      const { candidate: c, label } = partial;
      const summary = format(messages.unconfirmed, { code: c.code, label: label.text });
      return {
        status: 'review',
        summary,
        findings: [nodeFinding(models, c.frame, c.node, 'moderate', summary, { code: c.code, label: label.text }, 'review')],
      };
    }
  }
  if (step.strength === 'none' || (step.strength === 'weak' && !models.some((m) => labelled(m).length))) {
    return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  }
  // The code itself anchors the step best: add it to the anchors.
  const anchors: StepAnchor[] = [...step.anchors];
  for (const m of models) {
    for (const c of labelled(m)) anchors.push({ frame: m.index, node: c.node, kind: 'code-label', text: c.code, term: c.code });
  }
  const ctx: CancelContext = { models, anchors };
  const controls = controlReadings(models).flatMap((c) => {
    for (const check of CONTROL_CHECKS) {
      const verdict = check(ctx, c);
      if (verdict) return [verdict];
    }
    return [];
  });
  // One control that works is enough, and a doubtful one may be it: the 'any' group (doubt outranks failure).
  const all = [...controls, ...browserBackOnly(ctx)];
  const result = aggregate([{ mode: 'any', verdicts: all }]);
  const a = step.anchors[0];
  const stepFinding = nodeFinding(models, a.frame, a.node, 'minor', format(messages.step, { text: a.text }), {
    text: a.text,
    kind: a.kind,
  });
  const findings = [...result.findings, stepFinding];
  if (result.status === 'pass') {
    const passed = result.decisive[0];
    return { status: 'pass', summary: passed.reason, findings, press: pressOf(passed.findings[0]) };
  }
  if (result.status === 'review')
    return { status: 'review', summary: format(messages.reviewOnly, { reasons: reasonsOf(all, 'review', 'fail').join('; ') }), findings };
  const fails = reasonsOf(all, 'fail');
  return { status: 'fail', summary: format(messages.fail, { reasons: fails.length ? fails.join('; ') : messages.none }), findings };
}

/** The usable cancel control, for the surfaces that press it ("Test cancel", --exercise cancel). */
function pressOf(finding: Finding): PressTarget {
  const press: PressTarget = { target: finding.target, frameUrl: finding.frameUrl };
  if (finding.frameId !== undefined) press.frameId = finding.frameId;
  if (typeof finding.evidence.name === 'string') press.name = finding.evidence.name;
  return press;
}

export const cancel = { meta, evaluate, messages, reads: 'frames' } satisfies Rule;
