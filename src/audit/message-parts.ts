/**
 * Text the engine writes for people but that is not a rule verdict (timeline entries, polling series): a list of
 * parts, each either data (a URL, a method, an error the browser reported: never translated) or a message key with
 * its `$1`…`$9` values. The English text is kept next to the parts for the report contract; views translate the keys.
 */
export type MessagePart = string | { key: string; values?: string[] };

/** Replaces `$1`…`$9` with the values (chrome.i18n style); `$$` is a literal dollar sign. */
export function substitute(message: string, values: string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : values[Number(d) - 1] ?? ''));
}

/** The parts as text: data as it is, messages through `translate` (which gets the key and the values). */
export function partsText(parts: MessagePart[], translate: (key: string, values?: string[]) => string): string {
  return parts.map((p) => (typeof p === 'string' ? p : translate(p.key, p.values))).join('');
}
