/**
 * Text the engine writes for people, kept as data so every surface can word it in its own language (Lighthouse's
 * {i18nId, values}): a list of parts, each either data (a URL, a method, a page text, an error the browser reported:
 * never translated) or a message key with its values: `$1`…`$9` values (timeline entries, polling series) or named
 * `args` for the `{name}` placeholders of rule and engine messages. An arg is itself a list of parts, so a message
 * may hold other messages ("fails: ${reasons}" with reasons a '; ' list of messages). The English text is kept next
 * to the parts (the report contract); views translate the parts.
 */
export type MessagePart = string | { key: string; values?: string[]; args?: Record<string, MessagePart[]> };

/** Replaces `$1`…`$9` with the values (chrome.i18n style); `$$` is a literal dollar sign. */
export function substitute(message: string, values: string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (values[Number(d) - 1] ?? '')));
}

/** Called with each text written from parts while messages are captured (see messages.ts), so it is known as such. */
let onPartsText: ((text: string, parts: MessagePart[]) => void) | undefined;

export function setPartsTextListener(fn: typeof onPartsText): void {
  onPartsText = fn;
}

/** The parts as text: data as it is, messages through `translate` (which gets the key and the values). */
export function partsText(parts: MessagePart[], translate: (key: string, values?: string[]) => string): string {
  const text = parts
    .map((p) => (typeof p === 'string' ? p : fillArgs(translate(p.key, p.values), p.args, (a) => partsText(a, translate))))
    .join('');
  onPartsText?.(text, parts);
  return text;
}

function fillArgs(message: string, args: Record<string, MessagePart[]> | undefined, text: (parts: MessagePart[]) => string): string {
  if (!args) return message;
  // One pass over the message, so a value that itself reads "{name}" is never filled again.
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(args, name) ? text(args[name]) : whole));
}

/**
 * The parts in the language of `translate`, or undefined when a key has no message there (`translate` answers ''
 * or the key itself, as chrome.i18n and the catalogue do), so the caller shows the English text it kept instead.
 */
export function translateParts(
  parts: MessagePart[] | undefined,
  translate: (key: string, values?: string[]) => string,
): string | undefined {
  if (!parts?.length) return undefined;
  let missing = false;
  const render = (list: MessagePart[]): string =>
    list
      .map((p) => {
        if (typeof p === 'string') return p;
        const message = translate(p.key, p.values);
        if (!message || message === p.key) {
          missing = true;
          return '';
        }
        return fillArgs(message, p.args, render);
      })
      .join('');
  const text = render(parts);
  return missing ? undefined : text;
}

/** True when the parts hold at least one message key (something to translate), not only data. */
export function hasMessage(parts: MessagePart[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}
