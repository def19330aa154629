import { describe, expect, it } from 'vitest';
import { applyLogoComparisons, dHash, hammingDistance } from '../../src/audit/logo-compare';
import type { CheckResult } from '../../src/audit/types';

/** A 9×8 RGBA block from a function of (x, y) → grey level. */
const block = (f: (x: number, y: number) => number, alpha = 255) => {
  const px: number[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 9; x++) px.push(f(x, y), f(x, y), f(x, y), alpha);
  return px;
};

describe('logo perceptual hash', () => {
  it('gives identical images distance 0 and a mirrored gradient the maximum', () => {
    const rising = block((x) => x * 25);
    const falling = block((x) => 255 - x * 25);
    expect(hammingDistance(dHash(rising), dHash(rising))).toBe(0);
    expect(hammingDistance(dHash(rising), dHash(falling))).toBe(64);
  });

  it('is stable under small brightness noise', () => {
    const base = block((x, y) => (x * 29 + y * 7) % 256);
    const noisy = block((x, y) => Math.min(255, ((x * 29 + y * 7) % 256) + ((x + y) % 2)));
    expect(hammingDistance(dHash(base), dHash(noisy))).toBeLessThanOrEqual(6);
  });

  it('treats a transparent image as drawn over white', () => {
    expect(dHash(block(() => 0, 0))).toBe(dHash(block(() => 255)));
  });

  it('turns a passing logo that differs from the official file into needs review, with both pictures', () => {
    const check: CheckResult = {
      id: 'brand-logo', status: 'pass', title: 't', summary: 's',
      findings: [{ severity: 'minor', message: 'the Smart-ID logo is unmodified', target: ['#logo'], frameUrl: 'u', evidence: {}, outcome: 'pass' }],
    };
    const comparisons = new Map([[JSON.stringify(['#logo']), { target: '["#logo"]', hash: '0000000000000000', picture: 'data:a', closest: { name: 'Smart-ID_login_btn.png', distance: 30, dataUrl: 'data:b' } }]]);
    const out = applyLogoComparisons(check, comparisons);
    expect(out.status).toBe('review');
    expect(out.findings[0].outcome).toBe('review');
    expect(out.findings[0].evidence).toMatchObject({ picture: 'data:a', officialPicture: 'data:b', hashDistance: 30 });
    const close = new Map([[JSON.stringify(['#logo']), { target: '', hash: '0', picture: 'data:a', closest: { name: 'x', distance: 3, dataUrl: 'data:b' } }]]);
    expect(applyLogoComparisons(check, close).status).toBe('pass');
  });
});
