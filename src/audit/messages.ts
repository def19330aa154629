/**
 * Message templates: `${name}` placeholders filled from data, as axe-core and Lighthouse do. Rules always write
 * English through format(); while the engine evaluates, a MessageCapture notes what each text was written from (the
 * template's catalogue key and its values, recursively), so any surface can word the verdict in its own language
 * and no verdict ever depends on the language of the user interface.
 */
import { hasMessage, setPartsTextListener, type MessagePart } from './message-parts';

export type Messages = Record<string, string>;

/** English messages of the engine itself (catalogue keys engine_msg_<name>). */
export const engineMessages = {
  error: 'The check could not run: ${error}',
  frameNotAudited: 'no access to this frame\'s origin (grant it with "Audit this site"), or it has not loaded',
};

const PLACEHOLDER = /\$\{(\w+)\}/g;
/** How rules join messages into one ("reasons: a; b"), tried in this order when a text is taken apart. */
const LIST_SEPARATORS = ['; ', ', '];

function valueText(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/**
 * What the texts written during an evaluation were made of. `keys` maps an English template to its catalogue keys
 * (several when rules share a wording); `prefer` is the key prefix of the rule being evaluated, chosen first.
 */
export class MessageCapture {
  /** Texts written so far and what they were written from (several when rules write the same English). */
  private readonly byText = new Map<string, MessagePart[][]>();
  prefer = '';

  constructor(private readonly keys: ReadonlyMap<string, readonly string[]>) {}

  private keyFor(template: string): string | undefined {
    const keys = this.keys.get(template);
    return keys && (keys.find((k) => k.startsWith(this.prefer)) ?? keys[0]);
  }

  /** Notes that `text` reads as `parts`. */
  remember(text: string, parts: MessagePart[] | undefined): void {
    if (!parts || !hasMessage(parts)) return;
    const seen = this.byText.get(text);
    if (!seen) this.byText.set(text, [parts]);
    else if (!seen.some((p) => sameParts(p, parts))) seen.push(parts);
  }

  /** format() wrote `text` from `template` and `data`. */
  written(template: string, data: Record<string, unknown>, text: string): void {
    const key = this.keyFor(template);
    if (!key) return;
    const names = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
    if (!names.length) {
      this.remember(text, [{ key }]);
      return;
    }
    const args: Record<string, MessagePart[]> = {};
    for (const name of names) args[name] = this.partsOf(valueText(data[name]));
    this.remember(text, [{ key, args }]);
  }

  /** A text as parts: a message written during the capture, a template used as it is, a list of those, or data. */
  partsOf(text: string): MessagePart[] {
    return this.known(text) ?? this.list(text, LIST_SEPARATORS) ?? [text];
  }

  private known(text: string): MessagePart[] | undefined {
    const seen = this.byText.get(text);
    // The same English from several rules: the evaluated rule's own wording first.
    if (seen) return seen.find((p) => typeof p[0] !== 'string' && p[0].key.startsWith(this.prefer)) ?? seen[0];
    const key = text.includes('${') ? undefined : this.keyFor(text);
    return key ? [{ key }] : undefined;
  }

  /**
   * A text joined from messages ("a; b; c"): each longest run of pieces that reads as a known message becomes its
   * parts (a message may itself hold the separator), other pieces stay data or are taken apart at the next separator.
   */
  private list(text: string, separators: string[]): MessagePart[] | undefined {
    const [sep, ...inner] = separators;
    if (sep === undefined) return undefined;
    const pieces = text.split(sep);
    if (pieces.length < 2) return this.list(text, inner);
    const out: MessagePart[] = [];
    let found = false;
    for (let i = 0; i < pieces.length; ) {
      if (i > 0) out.push(sep);
      let end = pieces.length;
      let parts: MessagePart[] | undefined;
      while (end > i && !(parts = this.known(pieces.slice(i, end).join(sep)))) end--;
      if (parts) {
        out.push(...parts);
        found = true;
        i = end;
      } else {
        const nested = this.list(pieces[i], inner);
        if (nested) found = true;
        out.push(...(nested ?? [pieces[i]]));
        i++;
      }
    }
    return found ? mergeData(out) : this.list(text, inner);
  }
}

/**
 * The same parts as JSON would write them (properties in order, an undefined one left out), compared without writing
 * them: a page writes the same message for each of its 1,000s of controls, and every repeat was compared as JSON.
 */
function sameParts(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameParts(a[k], b[k])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const xs = Object.keys(x).filter((k) => x[k] !== undefined);
  const ys = Object.keys(y).filter((k) => y[k] !== undefined);
  if (xs.length !== ys.length) return false;
  for (let k = 0; k < xs.length; k++) if (xs[k] !== ys[k] || !sameParts(x[xs[k]], y[ys[k]])) return false;
  return true;
}

/** Adjacent data strings as one. */
function mergeData(parts: MessagePart[]): MessagePart[] {
  const out: MessagePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

let capture: MessageCapture | undefined;

/** Runs `fn` with what it writes through format() (and partsText) noted in `into`. Evaluations are synchronous. */
export function capturingMessages<T>(into: MessageCapture, fn: () => T): T {
  const outer = capture;
  capture = into;
  setPartsTextListener((text, parts) => capture?.remember(text, parts));
  try {
    return fn();
  } finally {
    capture = outer;
    if (!outer) setPartsTextListener(undefined);
  }
}

export function format(template: string, data: object = {}): string {
  const values = data as Record<string, unknown>;
  const text = template.replace(PLACEHOLDER, (_, key: string) => valueText(values[key]));
  capture?.written(template, values, text);
  return text;
}
