import { describe, expect, it } from 'vitest';
import { dHash, hammingDistance, type LogoComparison } from '../../src/audit/logo-compare';
import { judgeOfficialLogos } from '../../src/audit/rules/brand-logo';
import type { Finding } from '../../src/audit/types';

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
    const logo = (): Finding => ({
      severity: 'minor',
      message: 'the Smart-ID logo is unmodified',
      target: ['#logo'],
      frameUrl: 'u',
      evidence: { kind: 'logo' },
      outcome: 'pass',
    });
    const far: LogoComparison = {
      target: '["#logo"]',
      hash: '0000000000000000',
      picture: 'data:a',
      closest: { name: 'Smart-ID_login_btn.png', distance: 30, dataUrl: 'data:b' },
    };
    const findings = [logo()];
    expect(judgeOfficialLogos(findings, [far])).toBe(1);
    expect(findings[0].outcome).toBe('review');
    expect(findings[0].evidence).toMatchObject({ picture: 'data:a', officialPicture: 'data:b', hashDistance: 30 });
    expect(findings[0].message).toContain('differs from the official logo "Smart-ID_login_btn.png" (30 of 64 bits differ');
    // Within the threshold: the same logo, so only the evidence grows.
    const near = [logo()];
    expect(judgeOfficialLogos(near, [{ ...far, closest: { name: 'x', distance: 3, dataUrl: 'data:b' } }])).toBe(0);
    expect(near[0]).toMatchObject({ outcome: 'pass', message: 'the Smart-ID logo is unmodified', evidence: { hashDistance: 3 } });
  });

  it('keeps a failing logo failing, and leaves findings of other targets and kinds alone', () => {
    const far: LogoComparison = {
      target: '["#logo"]',
      hash: '0',
      picture: 'data:a',
      closest: { name: 'o.png', distance: 40, dataUrl: 'data:b' },
    };
    const failing: Finding = {
      severity: 'moderate',
      message: 'stretched',
      target: ['#logo'],
      frameUrl: 'u',
      evidence: { kind: 'logo' },
      outcome: 'fail',
    };
    const other: Finding = {
      severity: 'minor',
      message: 'fine',
      target: ['#other'],
      frameUrl: 'u',
      evidence: { kind: 'logo' },
      outcome: 'pass',
    };
    const missing: Finding = {
      severity: 'moderate',
      message: 'no logo',
      target: ['#logo'],
      frameUrl: 'u',
      evidence: { kind: 'missing-logo' },
      outcome: 'fail',
    };
    expect(judgeOfficialLogos([failing, other, missing], [far])).toBe(1);
    expect(failing.outcome).toBe('fail');
    expect(other).toMatchObject({ outcome: 'pass', evidence: { kind: 'logo' } });
    expect(missing.evidence).toEqual({ kind: 'missing-logo' });
  });
});
