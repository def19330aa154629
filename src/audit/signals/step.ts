/**
 * Is the page in a phone-confirmation step (Smart-ID / Mobile-ID / Dokobit control code)? Shared by the
 * control-code and cancel checks. The evidence is text the user can see; hidden templates do not count.
 */
import { type FrameModel, isEditableTextField, isRendered, siteChromeOf } from '../model';
import type { SnapNode } from '../types';
import { isGatewaySigningUrl, isVendorPage } from '../urls';
import { findCodeCandidates, labelFor, type CodeCandidate } from './codes';
import {
  AFTER_SIGNING,
  ANOTHER_DOCUMENT,
  AUTHENTICATION,
  CANCEL,
  CODE_LABEL,
  DOWNLOAD,
  COMPARE_CODE,
  ENTER_CODE,
  MOBILE_ID,
  OTHER_CODE,
  PHONE_INSTRUCTION,
  PIN_ENTRY,
  QR_FLOW,
  SAME_AS,
  SIGN,
  SIGNATURE_SETTINGS,
  SIGN_IN,
  SMART_ID,
  TERMINAL,
  WAITING,
  BoundedMap,
  findConcept,
  fold,
  hasConcept,
} from '../text';

export type AnchorKind = 'code-label' | 'compare-instruction' | 'waiting' | 'pin-entry';

export interface StepAnchor {
  frame: number;
  node: number;
  kind: AnchorKind;
  /** The visible text that made it an anchor. */
  text: string;
  /** The vocabulary term found. */
  term: string;
}

export interface ConfirmationStep {
  anchors: StepAnchor[];
  /** Strong: a code label, a compare instruction, or a waiting message naming Smart-ID/Mobile-ID. Weak: a PIN mention only. */
  strength: 'strong' | 'weak' | 'none';
  method?: 'smart-id' | 'mobile-id';
  /** A QR / app-link flow is shown: no code is required there. */
  deviceLink?: StepAnchor;
  /** Code labels that ask the user to type a code (SMS OTP), which this check does not judge. */
  codeInputs: StepAnchor[];
  /**
   * Code labels whose step nothing confirms (no method, phone, PIN, waiting or compare wording around them): the
   * evidence for a step is partial. Rules that judge a shown code say "needs review" here, never pass or n/a.
   */
  unconfirmed: StepAnchor[];
}

const SNIPPET = 160;

function snippet(text: string): string {
  return text.length > SNIPPET ? text.slice(0, SNIPPET) + '…' : text;
}

/**
 * Text of the small block around a node: its own text plus its parent's own text and siblings, capped. With
 * `withoutOptions`, choices inside the block (method tabs, option buttons) are left out.
 */
function blockText(model: FrameModel, i: number, withoutOptions = false): string {
  const n = model.node(i);
  const parent = n.parent >= 0 ? n.parent : i;
  let text: string;
  if (!withoutOptions) text = model.subtreeText(parent, 400);
  else {
    const parts: string[] = [];
    for (const k of [parent, ...model.descendants(parent, 80)]) {
      const d = model.node(k);
      if (d.text && isRendered(d) && (k === i || !isInsideOption(model, k))) parts.push(d.text);
    }
    text = parts.join(' ');
  }
  return text.length <= 400 ? text : (n.text ?? '');
}

const stepMemo = new WeakMap<FrameModel[], ConfirmationStep>();

/** The phone step of a page, computed once per set of frame models (every rule asks for it). */
export function findConfirmationStep(models: FrameModel[]): ConfirmationStep {
  let step = stepMemo.get(models);
  if (!step) {
    step = detectConfirmationStep(models);
    stepMemo.set(models, step);
  }
  return step;
}

/**
 * What the words of one text say about the phone step, each read once per text: a live page shows the same texts
 * audit after audit, and the step asks about every text of the page.
 */
interface StepWords {
  method?: ConfirmationStep['method'];
  question: boolean;
  /** A code label (not a code of something else), and with it: it asks to type the code, or to compare it. */
  label?: string;
  enterCode?: boolean;
  sameAs?: string;
  compare?: string;
  /** A waiting message that does not say it ended. */
  waiting?: string;
  pin?: string;
  qr?: string;
}

const stepWordsOfText = /* @__PURE__ */ new BoundedMap<StepWords>(1_000_000);

function stepWords(text: string): StepWords {
  let words = stepWordsOfText.get(text);
  if (!words) {
    const label = hasConcept(text, OTHER_CODE) ? undefined : findConcept(text, CODE_LABEL);
    const waiting = findConcept(text, WAITING);
    words = {
      method: hasConcept(text, SMART_ID) ? 'smart-id' : hasConcept(text, MOBILE_ID) ? 'mobile-id' : undefined,
      question: isQuestion(text),
      label,
      enterCode: label ? hasConcept(text, ENTER_CODE) : undefined,
      sameAs: label ? findConcept(text, SAME_AS) : undefined,
      compare: findConcept(text, COMPARE_CODE),
      waiting: waiting && !hasConcept(text, TERMINAL) ? waiting : undefined,
      pin: findConcept(text, PIN_ENTRY),
      qr: findConcept(text, QR_FLOW),
    };
    stepWordsOfText.set(text, words);
  }
  return words;
}

/** An anchor of the step at node n (made only for the texts that are one: most texts of a page are not). */
function anchorAt(model: FrameModel, n: SnapNode, kind: AnchorKind, term: string): StepAnchor {
  return { frame: model.index, node: n.i, text: snippet(n.text ?? ''), kind, term };
}

function detectConfirmationStep(models: FrameModel[]): ConfirmationStep {
  const anchors: StepAnchor[] = [];
  const codeInputs: StepAnchor[] = [];
  let deviceLink: StepAnchor | undefined;
  let method: ConfirmationStep['method'];
  for (const model of models) {
    for (const n of model.nodes) {
      if (!n.text || !isRendered(n)) continue;
      const text = n.text;
      const words = stepWords(text);
      method ??= words.method;
      // A question ("What is the control code?", "Kā notiek pieslēgšanās?") and help beside the form explain the
      // step; they do not show it.
      if (words.question || isHelp(model, n.i)) continue;
      // "Order confirmation code", "Užsakymo patvirtinimo kodas": a code of something else is no step at all.
      if (words.label) {
        // A label that asks the user to type a code belongs to an SMS/OTP form, not to a code to compare.
        if (words.enterCode || hasNearbyTextInput(model, n.i)) codeInputs.push(anchorAt(model, n, 'code-label', words.label));
        // "Make sure the control code on your phone is the same": the label inside a compare instruction.
        else if (words.sameAs) anchors.push(anchorAt(model, n, 'compare-instruction', words.sameAs));
        else anchors.push(anchorAt(model, n, 'code-label', words.label));
        continue;
      }
      if (words.compare) {
        anchors.push(anchorAt(model, n, 'compare-instruction', words.compare));
        continue;
      }
      // Descriptions inside a method option ("Confirm in the Smart-ID app" under a radio) are not the step.
      const inOption = (words.waiting || words.pin) && isInsideOption(model, n.i);
      if (words.waiting && !inOption) {
        // The ending must be said in the message itself: "will be cancelled if…" nearby is not an end.
        // The method must be named by the message's block, not by method tabs or buttons beside it.
        const block = blockText(model, n.i, true);
        if (hasConcept(block, SMART_ID) || hasConcept(block, MOBILE_ID)) {
          anchors.push(anchorAt(model, n, 'waiting', words.waiting));
          continue;
        }
      }
      // "PIN1 has 4 digits" under the start form (phone, personal code) is a hint, not the step: nothing to type then.
      if (words.pin && !inOption && !inStartForm(model, n.i)) anchors.push(anchorAt(model, n, 'pin-entry', words.pin));
      if (!deviceLink && words.qr && /qr/.test(fold(blockText(model, n.i)))) deviceLink = anchorAt(model, n, 'waiting', words.qr);
    }
  }
  // A code label alone is any "security code" (a card's CVC, a parcel pickup code): it is the phone step only on a
  // page that also names the method, the PIN, the phone or a waiting state, or inside a vendor's own page.
  // A label that says where the code went ("the control code on your phone", "kodas telefone") confirms it too.
  const confirmed =
    !!method ||
    anchors.some((a) => a.kind !== 'code-label') ||
    models.some((m) => isVendorPage(m.frame.url)) ||
    anchors.some((a) => hasConcept(blockText(models[a.frame], a.node), PHONE_INSTRUCTION));
  const kept = confirmed ? anchors : [];
  const unconfirmed = confirmed ? [] : anchors;
  // The session is over when a prominent message next to the step says so (expired, refused, signed…).
  if (kept.length && endedBeside(models, kept)) return { anchors: [], strength: 'none', method, deviceLink, codeInputs, unconfirmed: [] };
  const strong = kept.some((a) => a.kind !== 'pin-entry');
  return {
    anchors: kept,
    strength: strong ? 'strong' : kept.length ? 'weak' : 'none',
    method,
    deviceLink: deviceLink ?? deviceLinkControl(models),
    codeInputs,
    unconfirmed,
  };
}

/**
 * Partial evidence: a visible 4-digit number that an unconfirmed code label names ("Verification code 4821" and
 * nothing else). Not enough to judge the step, too much to call it absent.
 */
export function unconfirmedCode(models: FrameModel[], step: ConfirmationStep): { candidate: CodeCandidate; label: StepAnchor } | undefined {
  if (!step.unconfirmed.length) return undefined;
  for (const label of step.unconfirmed) {
    const model = models[label.frame];
    for (const c of findCodeCandidates(model)) {
      if (c.decoy || !c.layout || c.layout.hidden) continue;
      if (labelFor(model, c, false)?.node === label.node || c.node === label.node) return { candidate: c, label };
    }
  }
  return undefined;
}

/** The node's index when it is a form (module level: asked of every text, no function object per call). */
const formIndex = (a: SnapNode) => (a.tag === 'form' ? a.i : undefined);

/** Inside a form that still asks for the phone number or personal code: the step has not started. */
function inStartForm(model: FrameModel, i: number): boolean {
  const parent = model.node(i).parent;
  if (parent < 0) return false;
  // Asked of every text: the nearest form above, and its fields, are looked up once.
  const form = model.inherited('form', parent, formIndex, -1);
  if (form < 0) return false;
  return model.cachedFor('start-form', form, () =>
    model.descendants(form, 200).some((k) => {
      const d = model.node(k);
      return d.tag === 'input' && isEditableTextField(d) && isRendered(d) && !d.layout?.hidden;
    }),
  );
}

function isQuestion(text: string): boolean {
  return /[?？]\s*$/.test(text);
}

/**
 * Help beside the form: a note, a tooltip, or a side panel of text and links only. A side panel with buttons or
 * fields is where the step itself runs (gateways put the signing panel in an <aside>). A node is help when it or a
 * region above it is (asked of every text: an inherited fact).
 */
function isHelp(model: FrameModel, i: number): boolean {
  return model.inherited('help', i, helpSettles, false);
}

/** Whether node a settles isHelp: a note or tooltip, a help region, or the page itself (no help). */
function helpSettles(a: SnapNode, model: FrameModel): boolean | undefined {
  if (a.attrs.role === 'note' || a.attrs.role === 'tooltip') return true;
  // The page itself is no help region: the walk stops there.
  if (a.tag === 'body' || a.tag === 'html') return false;
  return isHelpRegion(model, a) || undefined;
}

/** A side panel or a question-headed region of text only (see isHelp). */
function isHelpRegion(model: FrameModel, a: SnapNode): boolean {
  if ((a.tag === 'aside' || a.attrs.role === 'complementary') && textOnly(model, a.i) && !besideShownCode(model, a.i)) return true;
  // Whatever wraps it (an <aside> or a plain <div> column): a panel of text headed by a question ("How does
  // signing work?", "Kā notiek pieslēgšanās?") explains the step; the step itself is headed by what to do.
  return model.cachedFor('question-headed', a.i, questionHeadingOf) && textOnly(model, a.i);
}
const questionHeadingOf = (i: number, model: FrameModel) => questionHeading(model, i);

/** A region with no controls of its own and no code shown: text only. */
function textOnly(model: FrameModel, i: number): boolean {
  return model.cachedFor('text-only-panel', i, isTextOnly);
}
const isTextOnly = (i: number, model: FrameModel) => !hasOwnControls(model, i) && !showsCode(model, i);

/**
 * A region set right beside the code it speaks of — a sibling line of the element that shows the code — is a line
 * of the step's own panel, whatever tag wraps each line (a panel whose every line is an <aside>); help beside the
 * form sits beside the whole panel, never beside the code's own line.
 */
function besideShownCode(model: FrameModel, i: number): boolean {
  const parent = model.node(i).parent;
  if (parent < 0) return false;
  return model.cachedFor('beside-code', i, () =>
    findCodeCandidates(model).some((c) => {
      if (c.decoy || !model.contains(parent, c.node)) return false;
      // The code's line: the child of `parent` that holds the code, when it shows nothing but the code.
      let line = c.node;
      while (line >= 0 && model.node(line).parent !== parent) line = model.node(line).parent;
      return line >= 0 && line !== i && model.subtreeText(line, 40).replace(/\s/g, '') === c.code;
    }),
  );
}

// Regular expressions asked of every node live at module level: a literal in a function is a new object per call.
const HEADING_TAG = /^h[1-6]$/;
const MAJOR_HEADING_TAG = /^h[1-4]$/;

/** The region's first visible heading (h1–h6 or role=heading) asks a question. */
function questionHeading(model: FrameModel, i: number): boolean {
  // Asked of every region: only one that holds a question heading somewhere can be headed by one.
  if (!questionHeadingHolders(model)[i]) return false;
  for (const k of model.descendants(i, 60)) {
    const d = model.node(k);
    if (isShownHeading(d)) return isQuestion(d.text!);
  }
  return false;
}

function isShownHeading(d: SnapNode): boolean {
  return (HEADING_TAG.test(d.tag) || d.attrs.role === 'heading') && !!d.text && isRendered(d);
}

/** Per node, 1 when its subtree holds a shown heading that asks a question (computed once per frame). */
function questionHeadingHolders(model: FrameModel): Uint8Array {
  return model.cached('question-heading-holders', findQuestionHeadingHolders);
}

const findQuestionHeadingHolders = (model: FrameModel) => model.holdersOf(isQuestionHeading);
const isQuestionHeading = (d: SnapNode) => isShownHeading(d) && isQuestion(d.text!);

/**
 * A 4-digit number (not a price, date or reference) inside the region: help text explains, it shows no code. Hidden
 * or clipped counts too: a badly shown code is still the step, and exactly what must be judged.
 */
function showsCode(model: FrameModel, i: number): boolean {
  return findCodeCandidates(model).some((c) => !c.decoy && model.contains(i, c.node) && !isQuestion(model.node(c.node).text ?? ''));
}

/**
 * Controls that make a side region the place where the step runs: buttons and fields, or any control (a link
 * included) named cancel. "Read more" links leave it a panel of help text.
 */
function hasOwnControls(model: FrameModel, i: number): boolean {
  return model.descendants(i, 400).some((k) => {
    const d = model.node(k);
    if (d.tag === 'input' || d.tag === 'select' || d.tag === 'textarea') return true;
    if (!d.control) return false;
    return d.tag !== 'a' || hasConcept(d.name ?? '', CANCEL);
  });
}

const STATUS_HINT = /(^|[\s_-])(error|alert|danger|fail|failed|invalid|warning|success|succeeded|done|complete|completed)([\s_-]|$)/i;

/**
 * Visible "it is over" messages (expired, refused, signed…) said prominently: a heading, or text in an alert or
 * status region (by role, aria-live or class). The page state and the step both read the end from these.
 */
export function endedMessages(model: FrameModel): SnapNode[] {
  return model.cached('ended-messages', readEndedMessages);
}

function readEndedMessages(model: FrameModel): SnapNode[] {
  return model.visibleTextNodes().filter((n) => {
    // A heading, or a text in (or 3 levels under) an alert, status or live region.
    const prominent = MAJOR_HEADING_TAG.test(n.tag) || !!model.firstUp(n.i, isStatusRegion, 4);
    return prominent && findConcept(n.text!, TERMINAL) !== undefined;
  });
}

const isStatusRegion = (a: SnapNode) =>
  a.attrs.role === 'alert' || a.attrs.role === 'status' || a.attrs['aria-live'] !== undefined || STATUS_HINT.test(a.attrs.class ?? '');

/** A prominent "it is over" message in the same container as the step. */
function endedBeside(models: FrameModel[], anchors: StepAnchor[]): boolean {
  for (const model of models) {
    const here = anchors.filter((a) => a.frame === model.index);
    if (!here.length) continue;
    for (const n of endedMessages(model)) {
      for (const a of here) {
        const top = model.node(model.lca(a.node, n.i));
        if (top.tag !== 'body' && top.tag !== 'html' && top.parent >= 0) return true;
      }
    }
  }
  return false;
}

/** Same-device flows (Smart-ID Web2App / App2App): a link or button that opens the app binds the session, no code. */
function deviceLinkControl(models: FrameModel[]): StepAnchor | undefined {
  for (const model of models) {
    for (const n of model.nodes) {
      if (!n.control || !isRendered(n) || n.layout?.hidden) continue;
      const href = n.attrs.href ?? '';
      if (/^smart-id:|\/device-link\b|\/dynamic-link\b/i.test(href)) {
        return { frame: model.index, node: n.i, kind: 'waiting', text: snippet(n.name ?? href), term: 'device link' };
      }
    }
  }
  return undefined;
}

const OPTION_ROLES = new Set(['radio', 'option', 'tab', 'button', 'menuitem', 'menuitemradio']);

/** Inside a label, button, link or option: text that describes a choice, not a step in progress. */
function isInsideOption(model: FrameModel, i: number): boolean {
  let k = i;
  for (let up = 0; up < 5 && k >= 0; up++) {
    const n = model.node(k);
    if (
      n.tag === 'label' ||
      n.tag === 'button' ||
      n.tag === 'option' ||
      (n.tag === 'a' && n.attrs.href !== undefined) ||
      OPTION_ROLES.has(n.attrs.role ?? '')
    )
      return true;
    k = n.parent;
  }
  return false;
}

/** An editable text input right next to the label (same parent or grandparent): the user types the code. */
function hasNearbyTextInput(model: FrameModel, i: number): boolean {
  const n = model.node(i);
  let scope = n.parent;
  for (let up = 0; up < 2 && scope >= 0; up++) {
    for (const k of model.descendants(scope, 40)) {
      const d = model.node(k);
      if (d.tag === 'input' && isEditableTextField(d) && isRendered(d)) return true;
    }
    scope = model.node(scope).parent;
  }
  return false;
}

export interface SigningIntent {
  /** Controls or texts that start or confirm signing, with where they are. */
  signals: { frame: number; node: number; text: string; kind: 'sign-control' | 'sign-step' | 'gateway' }[];
  /** Only authentication wording, no signing. */
  authenticationOnly: boolean;
}

/** Does the page let the user sign a document? */
/** Signing intent, computed once per snapshot like the step (preview, token-exposure and others ask for it). */
const intentMemo = new WeakMap<ConfirmationStep, SigningIntent>();

export function findSigningIntent(models: FrameModel[], step: ConfirmationStep): SigningIntent {
  let intent = intentMemo.get(step);
  if (!intent) {
    intent = detectSigningIntent(models, step);
    intentMemo.set(step, intent);
  }
  return intent;
}

function detectSigningIntent(models: FrameModel[], step: ConfirmationStep): SigningIntent {
  const signals: SigningIntent['signals'] = [];
  // Sign controls in a side region (<aside>, role=complementary): the signing panel when nothing else offers signing.
  const inSideRegion: SigningIntent['signals'] = [];
  let authentication = false;
  for (const model of models) {
    if (isGatewaySigningUrl(model.frame.url)) signals.push({ frame: model.index, node: 0, text: model.frame.url, kind: 'gateway' });
    for (const n of model.nodes) {
      if (!isRendered(n)) continue;
      if ((n.tag === 'iframe' || n.tag === 'frame') && n.attrs.src && isGatewaySigningUrl(n.attrs.src)) {
        signals.push({ frame: model.index, node: n.i, text: n.attrs.src, kind: 'gateway' });
      }
      const words = n.control || (n.tag === 'input' && n.name) ? (n.name ?? '') : '';
      // "Download the signed document" names signing but is its result, not an action to sign.
      // "Sign another document" after a success, "Signature settings" in the account menu: not this document.
      // A link titled like a page ("Smart-ID signing, compliant (EN)", "Signing in a gateway frame (EN)") leads to
      // another page; actions are short and say what they do ("Sign all (3)" on a button is one).
      const pageTitle = /,/.test(words) || (n.tag === 'a' && /\(/.test(words));
      if (
        words &&
        hasConcept(words, SIGN) &&
        !hasConcept(words, SIGN_IN) &&
        !pageTitle &&
        words.split(/\s+/).length <= 8 &&
        !hasConcept(words, AFTER_SIGNING) &&
        !hasConcept(words, DOWNLOAD) &&
        !hasConcept(words, ANOTHER_DOCUMENT) &&
        !hasConcept(words, SIGNATURE_SETTINGS)
      ) {
        const chrome = siteChromeOf(model, n.i);
        const signal = { frame: model.index, node: n.i, text: snippet(words), kind: 'sign-control' as const };
        if (!chrome) signals.push(signal);
        else if (chrome.tag === 'aside' || chrome.attrs.role === 'complementary') inSideRegion.push(signal);
      }
      // "Log in with ID-card before you can sign this contract" is a condition for signing, not a login page.
      if (n.text && !authentication && hasConcept(n.text, AUTHENTICATION) && !(hasConcept(n.text, SIGN) && !hasConcept(n.text, SIGN_IN)))
        authentication = true;
    }
  }
  if (!signals.some((s) => s.kind === 'sign-control')) signals.push(...inSideRegion);
  // A heading or title that says "Sign the contract" on a page that offers a signing method or shows the phone step.
  const offersMethod = models.some((m) =>
    m.nodes.some((n) => n.control && isRendered(n) && (hasConcept(n.name ?? '', SMART_ID) || hasConcept(n.name ?? '', MOBILE_ID))),
  );
  if ((step.strength !== 'none' || offersMethod) && signals.length === 0) {
    for (const model of models) {
      for (const n of model.nodes) {
        if (!/^h[1-3]$/.test(n.tag) && n.attrs.role !== 'heading') continue;
        const text = model.subtreeText(n.i, 200);
        // "Log in to sign your documents" heads a login page: authentication, not signing here.
        if (isRendered(n) && hasConcept(text, SIGN) && !hasConcept(text, SIGN_IN) && !hasConcept(text, AUTHENTICATION)) {
          signals.push({ frame: model.index, node: n.i, text: snippet(text), kind: 'sign-step' });
          break;
        }
      }
    }
  }
  if (step.strength !== 'none' && signals.length === 0) {
    // A phone step that names signing ("Signing with Smart-ID", "Pasirašymas") is a signing step.
    for (const a of step.anchors) {
      const model = models[a.frame];
      const scope = model.node(a.node).parent;
      const text = model.subtreeText(scope >= 0 ? scope : a.node, 600);
      if (hasConcept(text, SIGN) && !hasConcept(text, SIGN_IN)) {
        signals.push({ frame: a.frame, node: a.node, text: snippet(text), kind: 'sign-step' });
        break;
      }
    }
    if (signals.length === 0) {
      for (const model of models) {
        if (hasConcept(model.frame.title, SIGN) && !hasConcept(model.frame.title, SIGN_IN)) {
          signals.push({ frame: model.index, node: 0, text: model.frame.title, kind: 'sign-step' });
        }
      }
    }
  }
  return { signals, authenticationOnly: authentication && signals.length === 0 };
}
