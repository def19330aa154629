/** The bench's generated pages have the size and make-up they are asked for (counted by a DOM parser, not the generator). */
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { contractPage, PAGE_IDS } from '../../bench/pages';

function parse(html: string): Document {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('bench pages', () => {
  for (const size of [1_000, 10_000]) {
    it(`a ${size}-element contract page has ${size} elements (±10 %), ≈ 5.5 % of them buttons`, () => {
      const doc = parse(contractPage({ elements: size }));
      const elements = doc.querySelectorAll('*').length;
      expect(Math.abs(elements - size) / size).toBeLessThan(0.1);
      const buttons = doc.querySelectorAll('button').length;
      expect(buttons / elements).toBeGreaterThan(0.04);
      expect(buttons / elements).toBeLessThan(0.07);
    });
  }

  it('holds the signing step, prices, tables, lists, the shadow hosts, the preview frame and a deep chain', () => {
    const doc = parse(contractPage({ elements: 10_000 }));
    expect(doc.getElementById(PAGE_IDS.code)?.textContent).toBe('4821');
    expect(doc.getElementById(PAGE_IDS.cancel)?.textContent).toBe('Atšaukti');
    expect(doc.querySelectorAll('table').length).toBeGreaterThan(50);
    expect(doc.querySelectorAll('li').length).toBeGreaterThan(500);
    expect((doc.body.textContent?.match(/\b\d{4}(,00)? (EUR|€)/g) ?? []).length).toBeGreaterThan(1000);
    expect(doc.querySelector('#help-widget')).not.toBeNull();
    expect(doc.querySelector('#contact-card')).not.toBeNull();
    expect(doc.querySelector('iframe')?.getAttribute('src')).toBe('/preview.html');
    let depth = 0;
    for (let el: Element | null = doc.querySelector('.wrap'); el; el = el.querySelector(':scope > .wrap')) depth++;
    expect(depth).toBe(200);
  });

  it('leaves the code slot empty when no code is asked for', () => {
    const doc = parse(contractPage({ elements: 1_000, code: null }));
    expect(doc.getElementById(PAGE_IDS.codeSlot)?.children.length).toBe(0);
  });
});
