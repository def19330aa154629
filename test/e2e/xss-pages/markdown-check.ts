/**
 * An independent reading of a Markdown export, as a CommonMark/GFM reader sees its inline syntax: which special
 * characters are live (not backslash-escaped), how many cells each table row has, and the text a reader sees.
 * The review renderer writes no links, images, raw HTML, code spans, math or autolinks of its own, so any of these
 * live in an export came from data.
 */

/** Each live (unescaped) occurrence of syntax that would make a link, image, HTML, code span, math or autolink. */
export function liveSyntax(md: string): string[] {
  const found: string[] = [];
  for (const [n, line] of md.split('\n').entries()) {
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\' && /[!-/:-@[-`{-~]/.test(line[i + 1] ?? '')) {
        i++; // an escaped punctuation character is text
        continue;
      }
      const at = `line ${n + 1} col ${i + 1}: ${line.slice(Math.max(0, i - 20), i + 30)}`;
      if (c === '[' || c === ']' || c === '<' || c === '`' || c === '$') found.push(`${c} ${at}`);
      else if (line.startsWith('://', i)) found.push(`autolink ${at}`);
      else if (/^www\./i.test(line.slice(i)) && !/[A-Za-z0-9]/.test(line[i - 1] ?? '')) found.push(`autolink ${at}`);
    }
  }
  return found;
}

/** Live `|` per line of each table (a block of lines starting with `|`): every row must have its header's count. */
export function brokenTableRows(md: string): string[] {
  const live = (line: string) => [...line.replace(/\\[!-/:-@[-`{-~]/g, '')].filter((c) => c === '|').length;
  const out: string[] = [];
  let header: number | undefined;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    header ??= live(line);
    if (live(line) !== header) out.push(line);
  }
  return out;
}

/** The text a reader sees: backslash escapes and the entities the renderer writes resolved. */
export function readerText(md: string): string {
  return md
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
