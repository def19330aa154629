/**
 * The page's state at one audit, for rules that judge behaviour over time: waiting for the phone, ended (success,
 * error, refusal, cancellation, expiry), or neither; plus visible error messages and busy indicators.
 */
import { modelsOf, type FrameModel } from '../model';
import type { PageState, Timeline } from '../network/types';
import { format } from '../messages';
import { ERROR_WORDS, CANCELLED_WORDS, REFUSED_WORDS, EXPIRED_WORDS, FAILED_WORDS, hasConcept } from '../text';
import type { PageSnapshot, SnapNode } from '../types';
import { endedMessages, findConfirmationStep, findSigningIntent } from './step';
import { findMethodOffers } from './brands';

const ERROR_HINT = /(^|[\s_-])(error|alert|danger|fail|invalid|warning)([\s_-]|$)/i;
const BUSY_HINT = /(^|[\s_-])(spinner|loader|loading|spin|progress|busy|waiting)([\s_-]|$)/i;

function isErrorContainer(n: SnapNode): boolean {
  return n.attrs.role === 'alert' || n.attrs['aria-live'] === 'assertive' || ERROR_HINT.test(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''}`);
}

/**
 * Visible texts that read as error messages: in an alert / error container (the text's node or one of its 4 nearest
 * ancestors), or with error words in a short block. Read once per frame snapshot (the background judges the same
 * frames again on network events and as time passes).
 */
export function visibleErrors(model: FrameModel): { node: number; text: string }[] {
  return model.cached('state:errors', readVisibleErrors);
}

function readVisibleErrors(model: FrameModel): { node: number; text: string }[] {
  const out: { node: number; text: string }[] = [];
  for (const n of model.visibleTextNodes()) {
    const text = n.text!;
    const inAlert = !!model.firstUp(n.i, isErrorContainer, 5);
    if (inAlert || (text.length < 300 && hasConcept(text, ERROR_WORDS))) out.push({ node: n.i, text: text.slice(0, 200) });
  }
  return out;
}

/** A shown progress bar, busy region or small spinner-like element (by its class or id). */
function isBusy(model: FrameModel): boolean {
  return model.cached('state:busy', readBusy);
}

function readBusy(model: FrameModel): boolean {
  return model.nodes.some(isBusyNode);
}

function isBusyNode(n: SnapNode): boolean {
  if (!n.layout || n.layout.hidden) return false;
  if (n.attrs.role === 'progressbar' || n.attrs['aria-busy'] === 'true') return true;
  if (!(n.layout.box.w > 0 && n.layout.box.w < 200)) return false;
  return (!!n.attrs.class && BUSY_HINT.test(n.attrs.class)) || (!!n.attrs.id && BUSY_HINT.test(n.attrs.id));
}

export type TerminalOutcome = NonNullable<PageState['outcome']>;

/** What a terminal message says happened: cancelled, refused, expired, failed, or (otherwise) signed / done. */
export function terminalOutcome(text: string | undefined): TerminalOutcome {
  if (!text) return 'ended';
  if (hasConcept(text, CANCELLED_WORDS)) return 'cancelled';
  if (hasConcept(text, REFUSED_WORDS)) return 'refused';
  if (hasConcept(text, EXPIRED_WORDS)) return 'expired';
  if (hasConcept(text, FAILED_WORDS)) return 'error';
  return 'signed';
}

/** How the page showed the end: what its message said, the step gone, navigation away, or Cancel pressed. */
export type EndKind = TerminalOutcome | 'step-gone' | 'navigation' | 'cancel-pressed';

/** The end of a transaction as data: the terminal message shown, the address navigated to, the control pressed. */
export interface TransactionEnd {
  at: number;
  kind: EndKind;
  /** The terminal message the page showed (kind is its outcome). */
  text?: string;
  /** Where the tab navigated (kind 'navigation'). */
  url?: string;
  /** Which control the auditor pressed (kind 'cancel-pressed'). */
  target?: string;
}

/**
 * When the transaction ended after `from`, as the page showed it: a terminal message (signed, refused, expired,
 * cancelled, failed), the waiting step gone for good, navigation away, or Cancel pressed. What the server answers
 * does not move it: once the page says it is over, it is over. Shared by the polling and flow rules.
 */
export function endOfTransaction(tl: Timeline, from: number): TransactionEnd | undefined {
  let sawWaiting = false;
  let gone: { at: number; url: string } | undefined;
  const candidates: TransactionEnd[] = [];
  for (const s of tl.states) {
    if (s.at < from) {
      // The state the series started in: waiting or not.
      sawWaiting = s.step === 'waiting';
      continue;
    }
    if (s.step === 'terminal') {
      // A message right after the step vanished tells how it ended; the end was shown when the step went.
      candidates.push({ at: gone?.at ?? s.at, kind: s.outcome ?? terminalOutcome(s.text), ...(s.text ? { text: s.text } : {}) });
      gone = undefined;
      break;
    }
    if (s.step === 'waiting') {
      // The step came back on the same page: it had only been re-drawn between two renders.
      if (gone?.url === s.url) gone = undefined;
      sawWaiting = true;
    } else if (sawWaiting && !gone) {
      gone = { at: s.at, url: s.url };
    }
  }
  if (gone) candidates.push({ at: gone.at, kind: 'step-gone' });
  const nav = tl.navigations.find((n) => n.frameId === 0 && n.at > from && !n.error);
  if (nav) candidates.push({ at: nav.at, kind: 'navigation', url: nav.url });
  const cancel = tl.actions.find((a) => a.at > from && a.action === 'press-cancel');
  if (cancel) candidates.push({ at: cancel.at, kind: 'cancel-pressed', target: cancel.target ?? '' });
  return candidates.sort((a, b) => a.at - b.at)[0];
}

/** A rule's words for an end (each rule words its own evidence): the terminal message itself, or its template. */
export function endWords(end: TransactionEnd, words: { stepGone: string; navigatedTo: string; cancelPressed: string }): string {
  if (end.kind === 'step-gone') return words.stepGone;
  if (end.kind === 'navigation') return format(words.navigatedTo, { url: end.url ?? '' });
  if (end.kind === 'cancel-pressed') return format(words.cancelPressed, { target: end.target ?? '' });
  return end.text ?? 'end message';
}

/** A terminal message: a heading, alert or status text that says the transaction ended. */
function terminalText(models: FrameModel[]): string | undefined {
  for (const model of models) {
    const [ended] = endedMessages(model);
    if (ended) return ended.text!.slice(0, 160);
  }
  return undefined;
}

export function pageStateOf(page: PageSnapshot, at: number): PageState {
  const models = modelsOf(page);
  const step = findConfirmationStep(models);
  const ended = terminalText(models);
  const errors = models.flatMap((m) => visibleErrors(m).map((e) => e.text));
  const state: PageState = { at, url: page.url, step: 'none' };
  if (ended) {
    state.step = 'terminal';
    state.text = ended;
    state.outcome = terminalOutcome(ended);
  } else if (step.strength === 'strong') {
    state.step = 'waiting';
    state.text = step.anchors.find((a) => a.kind !== 'pin-entry')?.text;
  }
  if (errors.length) state.errors = [...new Set(errors)].slice(0, 5);
  if (models.some(isBusy)) state.busy = true;
  if (findMethodOffers(models).length || findSigningIntent(models, step).signals.some((s) => s.kind === 'sign-control'))
    state.offers = true;
  return state;
}
