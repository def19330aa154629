/**
 * The flow demo's scenarios run four at a time in one browser profile, and every demo page removes a token a
 * token-exposure page may have left in the origin's localStorage. A page that keeps its evidence there must be
 * marked to run alone, or a neighbour's load can wipe it before the first audit reads it.
 */
import { describe, expect, it } from 'vitest';
import { flowPages } from '../../demo/flows/pages';
import { flowScenarios } from '../../demo/flows/scenarios';

const pageOf = (path: string) => flowPages[path.replace(/^\/flows\//, '').replace(/\?.*$/, '')]!();
const keepsStorage = (html: string) => /localStorage\.setItem\(/.test(html);
const cleansStorage = (html: string) => /<script>try \{ localStorage\.removeItem\('dokobitToken'\); \} catch/.test(html);

describe('flow demo scenarios', () => {
  it('run alone exactly when their page writes to the localStorage the other pages clean', () => {
    const mismatched = flowScenarios
      .filter((s) => keepsStorage(pageOf(s.path)) !== !!s.aloneInOrigin)
      .map((s) => `${s.path}: writes localStorage ${keepsStorage(pageOf(s.path))}, aloneInOrigin ${!!s.aloneInOrigin}`);
    expect(mismatched).toEqual([]);
    expect(flowScenarios.some((s) => s.aloneInOrigin)).toBe(true);
  });

  it('every other page removes the demo token on load', () => {
    const notCleaning = flowScenarios.filter((s) => !s.aloneInOrigin && !cleansStorage(pageOf(s.path))).map((s) => s.path);
    expect(notCleaning).toEqual([]);
  });
});
