import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/audit/redact';
import { contrastRatio, parseColor } from '../../src/audit/color';

describe('secrets in URLs', () => {
  it('masks token-like query parameters and keeps their length', () => {
    const url = redactUrl('https://gateway-sandbox.dokobit.com/signing/3f1c?access_token=abcdef123&lang=lt');
    expect(url).toBe('https://gateway-sandbox.dokobit.com/signing/3f1c?access_token=[redacted:9]&lang=lt');
  });
  it('leaves URLs without secrets untouched', () => {
    expect(redactUrl('http://127.0.0.1:8080/sign.html?step=2#x')).toBe('http://127.0.0.1:8080/sign.html?step=2#x');
  });
});

describe('colour contrast', () => {
  it('computes WCAG ratios for known pairs', () => {
    expect(contrastRatio(parseColor('rgb(0, 0, 0)'), parseColor('rgb(255, 255, 255)'))).toBe(21);
    expect(contrastRatio(parseColor('#767676'), parseColor('#fff'))).toBeCloseTo(4.54, 1);
    expect(contrastRatio(parseColor('#ccc'), parseColor('#fff'))).toBeCloseTo(1.61, 1);
  });
  it('blends a translucent foreground over the background first', () => {
    expect(contrastRatio(parseColor('rgba(0, 0, 0, 0.5)'), parseColor('rgb(255, 255, 255)'))).toBeLessThan(5);
  });
  it('parses the space syntax of computed colours', () => {
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
  });
});
