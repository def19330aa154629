import { describe, expect, it } from 'vitest';
import { contentString, readingOrder, sameCharacters, writtenReading, type Glyph } from '../../src/audit/gather/visual-text';

/** Glyphs of a digit each 20 px wide and 40 px high, at the given left edges on one line (y = top). */
function line(chars: string, lefts: number[], y = 0, w = 20): Glyph[] {
  return [...chars].map((ch, k) => ({ ch, box: { x: lefts[k], y, w, h: 40 } }));
}

describe('readingOrder', () => {
  it('reads glyphs left to right whatever their DOM order', () => {
    expect(readingOrder(line('0041', [60, 40, 20, 0])).text).toBe('1400');
    expect(readingOrder(line('7052', [0, 20, 40, 60])).text).toBe('7052');
  });

  it('reads lines top to bottom, then left to right in each', () => {
    const glyphs = [...line('41', [0, 20], 50), ...line('00', [0, 20], 0)];
    expect(readingOrder(glyphs).text).toBe('00 41');
  });

  it('puts a space where glyphs stand apart (boxes) and none between letters of one word', () => {
    expect(readingOrder(line('0041', [0, 52, 104, 156])).text).toBe('0 0 4 1');
    expect(readingOrder(line('0041', [0, 21, 42, 63])).text).toBe('0041');
    // A word space at 16 px (4.4 px in a 18 px glyph box) separates words.
    expect(
      readingOrder([
        ...line('ab', [0, 9], 0, 9).map((g) => ({ ...g, box: { ...g.box, h: 18 } })),
        { ch: 'c', box: { x: 22.4, y: 0, w: 9, h: 18 } },
      ]).text,
    ).toBe('ab c');
  });

  it('keeps a slightly raised glyph on its line (superscript, baseline shift)', () => {
    const glyphs = line('0041', [0, 20, 40, 60]);
    glyphs[2].box.y = -8;
    expect(readingOrder(glyphs).text).toBe('0041');
  });

  it('flags glyphs drawn over each other, but not inferred boxes', () => {
    expect(readingOrder(line('8190', [0, 3, 6, 9], 0, 2)).overlap).toBe(true);
    expect(readingOrder(line('8190', [0, 20, 40, 60])).overlap).toBe(false);
    const estimated: Glyph[] = [{ ch: '0', box: { x: 0, y: 0, w: 20, h: 40 }, estimated: true }, ...line('041', [2, 22, 42])];
    expect(readingOrder(estimated).overlap).toBe(false);
    // Narrow letters and punctuation stand close by design ("il:" in "Control code:").
    expect(readingOrder(line('il:', [0, 4, 8], 0, 4)).overlap).toBe(false);
  });

  it('orders a pseudo-element string as one unit', () => {
    const glyphs: Glyph[] = [...line('041', [20, 40, 60]), { ch: '0', box: { x: 0, y: 0, w: 20, h: 40 }, estimated: true }];
    expect(readingOrder(glyphs).text).toBe('0041');
  });

  it('reads nothing from no glyphs', () => {
    expect(readingOrder([])).toEqual({ text: '', overlap: false, words: [] });
  });

  it('numbers the word each glyph is painted in, in the order given', () => {
    // "Smart ID" with a word gap, given in DOM order with the I and D first.
    const glyphs = [...line('ID', [130, 150]), ...line('Smart', [0, 20, 40, 60, 80])];
    const reading = readingOrder(glyphs);
    expect(reading.text).toBe('Smart ID');
    expect(reading.words).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });
});

describe('writtenReading', () => {
  const chars = (s: string, words: (number | undefined)[], spaces: number[] = []) =>
    [...s].map((ch, k) => ({ ch, word: words[k], space: spaces.includes(k) }));

  it('keeps the DOM order and splits words where the screen does', () => {
    // Letter boxes "lecnaC" painted as one word "Cancel" (row-reverse): the DOM reads one word too.
    expect(writtenReading(chars('lecnaC', [0, 0, 0, 0, 0, 0]))).toBe('lecnaC');
    // Boxes standing apart on screen are apart in the DOM reading as well.
    expect(writtenReading(chars('0041', [0, 1, 2, 3]))).toBe('0 0 4 1');
    // A shuffled word stays one word however its letters are ordered.
    expect(writtenReading(chars('Smart-ID', [0, 0, 0, 0, 0, 0, 0, 0]))).toBe('Smart-ID');
  });

  it('uses the DOM spacing for characters that are not painted', () => {
    expect(writtenReading(chars('SmartID', [0, 0, 0, 0, 0, undefined, undefined], [5]))).toBe('Smart ID');
    expect(writtenReading(chars('abc', [undefined, undefined, undefined]))).toBe('abc');
  });
});

describe('sameCharacters', () => {
  it('ignores spaces and case (text-transform is recorded apart)', () => {
    expect(sameCharacters('0 0 4 1', '0041')).toBe(true);
    expect(sameCharacters('KODAS 0041', 'Kodas 0041')).toBe(true);
    expect(sameCharacters('1400', '0041')).toBe(false);
  });
});

describe('contentString', () => {
  it('reads the strings a computed content value draws', () => {
    expect(contentString('"0"')).toBe('0');
    expect(contentString('"Code: " "7"')).toBe('Code: 7');
    expect(contentString("'\\2192  '")).toBe('→ ');
    expect(contentString('"\\"q\\""')).toBe('"q"');
  });

  it('draws the content, not its alternative text for speech', () => {
    expect(contentString('"4" / "four"')).toBe('4');
  });

  it('draws nothing for none, normal and images', () => {
    expect(contentString('none')).toBeUndefined();
    expect(contentString('normal')).toBeUndefined();
    expect(contentString('url("logo.svg")')).toBeUndefined();
  });
});
