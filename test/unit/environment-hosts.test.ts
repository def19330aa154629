/**
 * The environment rule reads the Dokobit / SK hosts a frame's elements name once per frame snapshot (the background
 * judges the same frames again on every network event of a polling page), and the timeline's hosts on every
 * judgement: a request seen after the first judgement must still count, and a new snapshot must be read anew.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/audit/rules/environment';
import type { NetEvent, Timeline } from '../../src/audit/network/types';
import type { PageSnapshot, SnapNode } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const linkTo = (href: string): SnapNode[] => [
  { i: 0, parent: -1, tag: 'html', nth: 1, attrs: {} },
  { i: 1, parent: 0, tag: 'body', nth: 1, attrs: {} },
  { i: 2, parent: 1, tag: 'a', nth: 1, attrs: { href }, text: 'Terms' },
  // A relative link and the same URL again: parsed once, no host.
  { i: 3, parent: 1, tag: 'a', nth: 2, attrs: { href: '/help' }, text: 'Help' },
  { i: 4, parent: 1, tag: 'a', nth: 3, attrs: { href: '/help' }, text: 'Help' },
];

const request = (url: string): NetEvent => ({ id: url, kind: 'request', method: 'GET', url, type: 'xmlhttprequest', frameId: 0, start: 1 });
const timeline = (events: NetEvent[]): Timeline => ({ events, navigations: [], states: [], actions: [], dropped: 0 });

describe('environment hosts', () => {
  it("reads the elements' hosts per frame snapshot and the timeline's on every judgement", () => {
    const frame = emptyFrame('https://shop.example/sign', { nodes: linkTo('https://gateway-sandbox.dokobit.com/terms') });
    const page = (events: NetEvent[], frames = [frame]): PageSnapshot => ({
      url: 'https://shop.example/sign',
      frames,
      now: 1,
      timeline: timeline(events),
    });

    const first = evaluate(page([]));
    expect(first.status).toBe('pass');
    expect(first.findings[0].evidence).toMatchObject({ sandbox: ['gateway-sandbox.dokobit.com'], production: [] });

    // The same frame object judged again after a request to a production host: mixed.
    const again = evaluate(page([request('https://gateway.dokobit.com/api/signing/create.json')]));
    expect(again.status).toBe('fail');
    expect(again.findings[0].evidence).toEqual({ sandbox: ['gateway-sandbox.dokobit.com'], production: ['gateway.dokobit.com'] });

    // A new snapshot of the frame whose link now names production: read anew, not taken from the last one.
    const patched = emptyFrame('https://shop.example/sign', { nodes: linkTo('https://gateway.dokobit.com/terms') });
    const next = evaluate(page([], [patched]));
    expect(next.status).toBe('pass');
    expect(next.findings[0].evidence).toMatchObject({ sandbox: [], production: ['gateway.dokobit.com'] });
  });
});
