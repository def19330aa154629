/** Word lists of the five languages have one home, src/audit/text.ts: no signal or rule keeps its own. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeLines, vocabularyLines } from '../support/vocabulary-home';

const root = path.resolve(import.meta.dirname, '../..');
const engineFiles = (readdirSync(path.join(root, 'src/audit'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/audit/${f.split(path.sep).join('/')}`);

describe('vocabulary home', () => {
  it('no engine file outside text.ts and lang.ts holds a word list', () => {
    expect(engineFiles.length).toBeGreaterThan(30);
    expect(engineFiles.flatMap((f) => vocabularyLines(f, readFileSync(path.join(root, f), 'utf8')))).toEqual([]);
  });

  it('finds Russian words and Concepts in code, not in comments (the check can fail)', () => {
    const source = [
      '/** "Отменить" in a doc comment is an example. */',
      '// "Назад" in a line comment too',
      "const WORDS = ['cancel', 'отмена'];",
      "export const BACK: Concept = ['back', 'atgal'];",
    ].join('\n');
    expect(vocabularyLines('src/audit/signals/x.ts', source)).toEqual([
      "src/audit/signals/x.ts:3: const WORDS = ['cancel', 'отмена'];",
      "src/audit/signals/x.ts:4: export const BACK: Concept = ['back', 'atgal'];",
    ]);
    expect(vocabularyLines('src/audit/text.ts', source)).toEqual([]);
    expect(codeLines('a /* б\nв */ c')).toEqual(['a     ', '     c']);
  });
});
