/**
 * The page's state at one audit, for rules that judge behaviour over time: waiting for the phone, ended (success,
 * error, refusal, cancellation, expiry), or neither; plus visible error messages and busy indicators.
 */
import { isVisible, modelsOf, type FrameModel } from '../model';
import type { PageState } from '../network/types';
import { hasConcept, type Concept } from '../text';
import type { PageSnapshot, SnapNode } from '../types';
import { endedMessages, findConfirmationStep, findSigningIntent } from './step';
import { findMethodOffers } from './brands';

/** Words of an error message (not a success). */
export const ERROR_WORDS: Concept = [
  'error', 'failed', 'failure', 'could not', 'unable', 'something went wrong', 'try again', 'expired', 'timed out', 'refused', 'rejected',
  'klaida', 'nepavyk', 'nepavyko', 'bandykite', 'baiges', 'atmest',
  'kluda', 'neizdev', 'meginiet', 'beidzies', 'noraidit',
  'viga', 'ebaonnest', 'proovige', 'aegus', 'tagasi lukatud',
  'ошибка', 'не удалось', 'попробуйте', 'истек', 'отклонен',
];

const ERROR_HINT = /(^|[\s_-])(error|alert|danger|fail|invalid|warning)([\s_-]|$)/i;
const BUSY_HINT = /(^|[\s_-])(spinner|loader|loading|spin|progress|busy|waiting)([\s_-]|$)/i;

function isErrorContainer(n: SnapNode): boolean {
  return n.attrs.role === 'alert' || n.attrs['aria-live'] === 'assertive' || ERROR_HINT.test(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''}`);
}

/** Visible texts that read as error messages: in an alert / error container, or with error words in a short block. */
export function visibleErrors(model: FrameModel): { node: number; text: string }[] {
  const out: { node: number; text: string }[] = [];
  for (const n of model.nodes) {
    if (!n.text || !isVisible(n)) continue;
    const inAlert = [n, ...[...model.ancestors(n.i)].slice(0, 4)].some(isErrorContainer);
    if (inAlert || (n.text.length < 300 && hasConcept(n.text, ERROR_WORDS))) out.push({ node: n.i, text: n.text.slice(0, 200) });
  }
  return out;
}

function isBusy(model: FrameModel): boolean {
  return model.nodes.some((n) => {
    if (!n.layout || n.layout.hidden) return false;
    if (n.attrs.role === 'progressbar' || n.attrs['aria-busy'] === 'true') return true;
    return BUSY_HINT.test(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''}`) && n.layout.box.w > 0 && n.layout.box.w < 200;
  });
}

// How a transaction ended, by the words of the message that says so (folded, word-start stems as in text.ts).
// Checked in this order: "Signing cancelled. Nothing was signed." is a cancellation, "not signed" no success.
const CANCELLED_WORDS: Concept = [
  'cancelled', 'canceled', 'aborted', 'atsaukt', 'nutraukt', 'atcelt', 'partraukt', 'katkestatud', 'tuhistatud', 'отменен', 'отменён', 'прерван',
];
const REFUSED_WORDS: Concept = [
  'refused', 'rejected', 'declined', 'atmest', 'atsisak', 'noraidit', 'atteikt', 'tagasi lukatud', 'keeldu', 'отклонен', 'отклонён', 'отказ',
];
const EXPIRED_WORDS: Concept = [
  'expired', 'timed out', 'timeout', 'time is up', 'baiges', 'baigesi', 'pasibaig', 'beidzies', 'beigusies', 'noildz', 'aegus', 'aegunud', 'истек', 'истёк',
];
const FAILED_WORDS: Concept = [
  'error', 'failed', 'failure', 'not signed', 'nepavyk', 'klaida', 'nepasirasyt', 'neizdev', 'kluda', 'nav parakstit', 'ebaonnest', 'viga', 'ei onnestunud',
  'ошибка', 'не удалось', 'не подписан',
];

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
  if (findMethodOffers(models).length || findSigningIntent(models, step).signals.some((s) => s.kind === 'sign-control')) state.offers = true;
  return state;
}
