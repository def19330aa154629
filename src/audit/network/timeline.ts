/**
 * The per-tab timeline the background keeps: a bounded ring of network events, navigations, page states and the
 * auditor's own actions. Pure (no extension APIs), so it is unit-tested with recorded sequences.
 */
import { SECRET_PARAM, redactUrl } from '../redact';
import type { NavigationEvent, NetEvent, PageState, Timeline } from './types';
import type { SecretHit } from '../gather/secrets';

/** Dokobit sandbox tokens start with testgw_ (domain.md §3.8); API tokens are long opaque strings. */
const API_TOKEN = /^testgw_|^[A-Za-z0-9_-]{32,}$/;

/** Redacts a URL and says which secret parameters it carried, without keeping their values. */
export function inspectUrl(url: string): { url: string; secretParams?: string[]; apiTokenLike?: boolean } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url };
  }
  const names: string[] = [];
  let apiTokenLike = false;
  for (const [k, v] of u.searchParams) {
    if (SECRET_PARAM.test(k) && v) {
      names.push(k);
      if (API_TOKEN.test(v)) apiTokenLike = true;
    }
  }
  return { url: redactUrl(url), ...(names.length ? { secretParams: names } : {}), ...(apiTokenLike ? { apiTokenLike } : {}) };
}

export class TimelineRecorder {
  private events: NetEvent[] = [];
  private byId = new Map<string, NetEvent>();
  private navigations: NavigationEvent[] = [];
  private states: PageState[] = [];
  private actions: Timeline['actions'] = [];
  private exposures: NonNullable<Timeline['exposures']> = [];
  private dropped = 0;

  constructor(private readonly limit = 3000) {}

  requestStarted(e: Omit<NetEvent, 'url' | 'secretParams' | 'apiTokenLike'> & { url: string }): void {
    const event: NetEvent = { ...e, ...inspectUrl(e.url) };
    this.events.push(event);
    this.byId.set(event.id, event);
    if (this.events.length > this.limit) {
      const old = this.events.shift()!;
      this.byId.delete(old.id);
      this.dropped++;
    }
  }

  /** A redirect ends this hop; the browser continues the same request id to the new URL, recorded as a new hop. */
  requestRedirected(id: string, at: number, status: number | undefined, redirectTo: string): void {
    const e = this.byId.get(id);
    if (!e) return;
    e.end = at;
    e.status = status;
    e.redirectTo = inspectUrl(redirectTo).url;
    const hop = `${id}~${at}`;
    this.byId.delete(id);
    e.id = hop;
    this.byId.set(hop, e);
    this.requestStarted({ id, kind: e.kind, method: e.method, url: redirectTo, type: e.type, frameId: e.frameId, start: at });
  }

  responseStarted(id: string, contentType: string | undefined): void {
    const e = this.byId.get(id);
    if (e && contentType) e.contentType = contentType.split(';')[0].trim().toLowerCase();
  }

  requestEnded(id: string, at: number, result: { status?: number; error?: string }): void {
    const e = this.byId.get(id);
    if (!e) return;
    e.end = at;
    if (result.status !== undefined) e.status = result.status;
    if (result.error) e.error = result.error;
  }

  navigation(n: NavigationEvent): void {
    this.navigations.push({ ...n, url: inspectUrl(n.url).url });
    if (this.navigations.length > 500) this.navigations.shift();
  }

  /** Keeps a state only when it differs from the last one (the page is sampled at every audit). */
  state(s: PageState): void {
    const last = this.states[this.states.length - 1];
    if (last && sameState(last, s)) return;
    this.states.push(s);
    if (this.states.length > 1000) this.states.shift();
  }

  action(a: Timeline['actions'][number]): void {
    this.actions.push(a);
  }

  /** Records secrets a document exposed, once each. */
  exposure(hits: SecretHit[], url: string, at: number): void {
    for (const h of hits) {
      if (this.exposures.some((e) => e.where === h.where && e.name === h.name && e.masked === h.masked)) continue;
      this.exposures.push({ ...h, at, url });
      if (this.exposures.length > 200) this.exposures.shift();
    }
  }

  /** Whether anything a time-based verdict depends on happened since `since`, or a step is still waiting (no copy). */
  activeSince(since: number): boolean {
    const last = this.states[this.states.length - 1];
    return (
      last?.step === 'waiting' ||
      !!last?.busy ||
      this.events.some((e) => (e.end ?? e.start) > since) ||
      this.navigations.some((n) => n.at > since)
    );
  }

  timeline(): Timeline {
    return {
      events: [...this.events],
      navigations: [...this.navigations],
      states: [...this.states],
      actions: [...this.actions],
      exposures: [...this.exposures],
      dropped: this.dropped,
    };
  }
}

/**
 * Every field of a page state but its time, so that no change a rule reads is dropped as a repeat: a page judged
 * between pages (no frame yet) offers nothing, and the same page read a moment later offers to start again.
 */
const STATE_FIELDS: Record<Exclude<keyof PageState, 'at'>, true> = {
  url: true,
  step: true,
  text: true,
  outcome: true,
  errors: true,
  busy: true,
  offers: true,
};

function sameState(a: PageState, b: PageState): boolean {
  return (Object.keys(STATE_FIELDS) as (keyof typeof STATE_FIELDS)[]).every((key) =>
    key === 'errors'
      ? JSON.stringify(a.errors ?? []) === JSON.stringify(b.errors ?? [])
      : // Absent and false (or empty) say the same.
        (a[key] || undefined) === (b[key] || undefined),
  );
}
