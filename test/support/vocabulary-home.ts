/**
 * "Vocabulary only in the vocabulary module": word lists of the five languages live in src/audit/text.ts (and the
 * language detector's own statistics in src/audit/lang.ts). A word list elsewhere shows as Cyrillic letters in code
 * (every list of the region's words has its Russian part) or as a Concept declared outside text.ts.
 */
export const VOCABULARY_HOMES = new Set(['src/audit/text.ts', 'src/audit/lang.ts']);

const CYRILLIC = /[\u0400-\u04ff]/;
const CONCEPT_DECLARATION = /^\s*(?:export\s+)?const\s+\w+\s*:\s*Concept\s*=/;

/** Code without comments (line and block), line by line; strings keep their text. */
export function codeLines(source: string): string[] {
  const withoutBlocks = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return withoutBlocks.split('\n').map((line) => (/^\s*\/\//.test(line) ? '' : line));
}

/** The lines of `source` that hold vocabulary: Cyrillic words in code, or a Concept declared. */
export function vocabularyLines(file: string, source: string): string[] {
  if (VOCABULARY_HOMES.has(file)) return [];
  return codeLines(source)
    .map((line, k) => ({ line, k }))
    .filter(({ line }) => CYRILLIC.test(line) || CONCEPT_DECLARATION.test(line))
    .map(({ line, k }) => `${file}:${k + 1}: ${line.trim().slice(0, 80)}`);
}
