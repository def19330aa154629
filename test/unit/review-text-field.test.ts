// @vitest-environment happy-dom
/**
 * The review page's text fields (src/review-page/text-field.tsx) keep what the reviewer typed while the page
 * re-renders for another write (a verdict chosen just before the note): a field showing only the stored value was set
 * back to it, and the note was lost with no change event to save it (seen in review.e2e under load).
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from '../../src/review-page/text-field';

const root = () => document.body.appendChild(document.createElement('div'));
afterEach(() => {
  document.body.textContent = '';
});

function show(into: HTMLElement, stored: string, saved: string[], multiline = false) {
  act(() => render(h(TextField, { stored, multiline, 'data-note': 'flow', onSave: (v: string) => saved.push(v) }), into));
  return into.querySelector(multiline ? 'textarea' : 'input') as HTMLInputElement;
}

function type(field: HTMLInputElement, text: string) {
  act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('review page text field', () => {
  for (const multiline of [false, true]) {
    it(`keeps typed text through a re-render with the old stored value, then saves it on change (${multiline ? 'textarea' : 'input'})`, () => {
      const into = root();
      const saved: string[] = [];
      const field = show(into, '', saved, multiline);
      type(field, 'Returns to the start page after signing.');
      // The verdict's write lands: the page renders again, the store still without the note.
      show(into, '', saved, multiline);
      expect(field.value).toBe('Returns to the start page after signing.');
      act(() => {
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
      expect(saved).toEqual(['Returns to the start page after signing.']);
    });
  }

  it('shows the stored value once it holds the typing, and a value stored from elsewhere (an import) after that', () => {
    const into = root();
    const saved: string[] = [];
    const field = show(into, 'old', saved, true);
    expect(field.value).toBe('old');
    type(field, 'new');
    show(into, 'new', saved, true);
    expect(field.value).toBe('new');
    show(into, 'imported', saved, true);
    expect(field.value).toBe('imported');
  });
});
