/**
 * The flow demo: one small node:http server on 127.0.0.1 with scripted signing backends, for the network-level
 * checks (polling, flow, error-handling, token-exposure, environment). See demo/flows/README.md.
 *
 * Pages (HTML from ./pages.ts)
 *   GET  /flows/{name}.html                      scenario and support pages; / and /flows/ go to the index
 *   GET  /flows/return?session={token}           302 → /flows/done.html once the session is "ok"
 *   GET  /flows/loop-a|loop-b?session={token}    302 to each other; 508 from the 21st hop of a session
 *   GET  /flows/files/service-agreement-signed.pdf
 *   GET  /signing/3f1c9a0d?access_token=signer-token-abc   the per-signer signing page (framed)
 * API (JSON, per-session state in memory, keyed by a random token)
 *   POST /api/sign/start            {"flow": "<scenario>"} → {"token", "control_code"}
 *   GET  /api/sign/status/{token}.json   {"status":"waiting"} until the scenario's scripted moment, then ok / error
 *   POST /api/sign/cancel/{token}.json   → {"status":"canceled"}; later status answers say "canceled"
 *   GET  /api/sse/{token}                text/event-stream: the status at once and every 3 s
 *   GET  /api/sign/result/{token}.json   held until the flow's result time, then {"status":"ok"} (one request, not polled)
 *   GET  /api/config.json, POST /api/v2/smartid/sign.json?access_token=…,
 *   GET  /api/v2/smartid/sign/status/{token}.json?access_token=…   the leaky client-side integration
 *
 * Nothing here contacts another host, and no timer outlives close(): the only timers are the SSE streams', which
 * stop when their request closes or the server closes.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { flowScenarios, type FlowScenario } from './scenarios';
import { errorPage, flowPages, signingFramePage } from './pages';

export type { FlowScenario, FlowCheckId, FlowVerdict } from './scenarios';
export { flowScenarios, flowSupportPages } from './scenarios';

export interface FlowDemoOptions {
  /** Port to listen on (127.0.0.1); 0 (default) picks a free one. */
  port?: number;
}

export interface FlowDemoServer {
  /** http://127.0.0.1:<port> */
  url: string;
  scenarios: FlowScenario[];
  close(): Promise<void>;
}

const HERE: string = (import.meta as { dirname?: string }).dirname ?? path.dirname(decodeURIComponent(new URL(import.meta.url).pathname));
const SIGNED_PDF = path.join(HERE, '..', 'site', 'files', 'contract.pdf');

/** The Dokobit-style API token the token-in-request page leaks (a made-up sandbox-looking value). */
export const LEAKED_API_TOKEN = 'testgw_a1b2c3d4e5f6a7b8c9d0';
/** The per-signer signing URL framed by signer-url-ok.html. */
export const SIGNER_TOKEN = '3f1c9a0d';
export const SIGNER_ACCESS_TOKEN = 'signer-token-abc';

/** Redirect hops a loop may take before the server answers 508 (Chromium gives up after 20 redirects too). */
const MAX_LOOP_HOPS = 20;
const SSE_INTERVAL_MS = 3000;
const SESSION_TTL_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 2000;
const MAX_BODY = 16 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// Scripted backends

interface Behaviour {
  /** "ok" from this many ms after start. */
  okAfterMs?: number;
  /** The raw Smart-ID error from this many ms after start (HTTP 200). */
  errorAfterMs?: number;
  /** Status requests after this many answer HTTP 500. */
  http500AfterPolls?: number;
  /** GET /api/sign/result/{token}.json is held until this many ms after start, then answers "ok" (the status stays "waiting"). */
  resultAfterMs?: number;
}

/** Keyed by the "flow" the page sends to /api/sign/start. No okAfterMs: "waiting" until cancelled. */
const BEHAVIOUR: Record<string, Behaviour> = {
  'poll-good': { okAfterMs: 7000 },
  'poll-hammer': { okAfterMs: 6000 },
  'poll-no-stop-after-cancel': {},
  'poll-timeout-silent': {},
  'poll-success-keeps-polling': { resultAfterMs: 7000 },
  'raw-json-error': { errorAfterMs: 5000 },
  'error-good-lt': { http500AfterPolls: 2 },
  'redirect-good': { okAfterMs: 7000 },
  'redirect-loop': { okAfterMs: 7000 },
  'return-to-start': { okAfterMs: 7000 },
  'token-in-request': { okAfterMs: 7000 },
  'token-in-html': { okAfterMs: 7000 },
  'ws-status': { okAfterMs: 7000 },
  'no-status-checks': { okAfterMs: 7000 },
  'all-at-once': { errorAfterMs: 5000 },
};
const DEFAULT_BEHAVIOUR: Behaviour = { okAfterMs: 7000 };

const RAW_ERROR = { status: 'error', error_code: 6006, message: 'User does not have Smart-ID account.' } as const;

interface Session {
  token: string;
  flow: string;
  behaviour: Behaviour;
  controlCode: string;
  created: number;
  /** Status requests answered so far (HTTP polling only, not SSE). */
  polls: number;
  canceled: boolean;
}

type Status = { status: 'waiting' | 'ok' | 'canceled' } | typeof RAW_ERROR;

function stateOf(s: Session, now: number): Status {
  if (s.canceled) return { status: 'canceled' };
  const elapsed = now - s.created;
  if (s.behaviour.errorAfterMs !== undefined && elapsed >= s.behaviour.errorAfterMs) return RAW_ERROR;
  if (s.behaviour.okAfterMs !== undefined && elapsed >= s.behaviour.okAfterMs) return { status: 'ok' };
  return { status: 'waiting' };
}

const isTerminal = (st: Status): boolean => st.status !== 'waiting';

// ---------------------------------------------------------------------------------------------------------------
// HTTP helpers

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function sendBody(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  head = false,
  extra: http.OutgoingHttpHeaders = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...NO_STORE, 'Content-Type': type, 'Content-Length': buf.length, ...extra });
  res.end(head ? undefined : buf);
}

const json = (res: http.ServerResponse, status: number, value: unknown, extra?: http.OutgoingHttpHeaders): void =>
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), false, extra);

const html = (res: http.ServerResponse, status: number, body: string, head = false): void =>
  sendBody(res, status, 'text/html; charset=utf-8', body, head);

function redirect(res: http.ServerResponse, location: string, head = false): void {
  sendBody(res, 302, 'text/plain; charset=utf-8', `Found: ${location}\n`, head, { Location: location });
}

/** Read (and discard beyond MAX_BODY) a request body. */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const addr = server.address();
      if (addr && typeof addr === 'object') resolve(addr.port);
      else reject(new Error('flow demo server: no address'));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** Start the flow demo server. Call close() when done. */
export async function startFlowDemo(opts: FlowDemoOptions = {}): Promise<FlowDemoServer> {
  const sessions = new Map<string, Session>();
  /** Redirect-loop hop counters by session token ('' when none). */
  const loops = new Map<string, { hops: number; last: number }>();
  /** Open SSE streams: each entry ends its stream and clears its timer. */
  const streams = new Set<() => void>();

  function createSession(flow: string): Session {
    const now = Date.now();
    for (const [key, s] of sessions) {
      if (now - s.created > SESSION_TTL_MS || sessions.size >= MAX_SESSIONS) sessions.delete(key);
      else break; // insertion order = age order
    }
    const session: Session = {
      token: randomBytes(16).toString('hex'),
      flow,
      behaviour: BEHAVIOUR[flow] ?? DEFAULT_BEHAVIOUR,
      // Mobile-ID style: 13 bits, always four digits.
      controlCode: String(randomInt(0, 8192)).padStart(4, '0'),
      created: now,
      polls: 0,
      canceled: false,
    };
    sessions.set(session.token, session);
    return session;
  }

  /** One HTTP status request: counts the poll, applies the scripted HTTP 500. */
  function answerStatus(res: http.ServerResponse, token: string): void {
    const session = sessions.get(token);
    if (!session) {
      json(res, 404, { status: 'error', message: 'Session not found' });
      return;
    }
    session.polls += 1;
    const limit = session.behaviour.http500AfterPolls;
    if (limit !== undefined && session.polls > limit && !session.canceled) {
      json(res, 500, { error: 'internal_error', message: 'Internal Server Error', trace_id: randomBytes(6).toString('hex') });
      return;
    }
    json(res, 200, stateOf(session, Date.now()));
  }

  function serveSse(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
    const session = sessions.get(token);
    if (!session) {
      json(res, 404, { status: 'error', message: 'Session not found' });
      return;
    }
    res.writeHead(200, { ...NO_STORE, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    let id = 0;
    let timer: NodeJS.Timeout | undefined;
    const stopTimer = () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    };
    const push = () => {
      const st = stateOf(session, Date.now());
      res.write(`id: ${++id}\ndata: ${JSON.stringify(st)}\n\n`);
      if (isTerminal(st)) stopTimer(); // the stream stays open (idle) until the page closes it
    };
    const end = () => {
      stopTimer();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    req.on('close', end);
    push();
    if (timer === undefined && !isTerminal(stateOf(session, Date.now()))) timer = setInterval(push, SSE_INTERVAL_MS);
  }

  /** The one-shot result request: held until the flow's result time (the timer ends with the request or close()). */
  function holdResult(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
    const session = sessions.get(token);
    const after = session?.behaviour.resultAfterMs;
    if (!session || after === undefined) {
      json(res, 404, { status: 'error', message: 'No result for this session' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const end = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      streams.delete(end);
      if (!res.writableEnded) res.destroy();
    };
    streams.add(end);
    req.on('close', end);
    timer = setTimeout(
      () => {
        timer = undefined;
        streams.delete(end);
        json(res, 200, session.canceled ? { status: 'canceled' } : { status: 'ok' });
      },
      Math.max(0, session.created + after - Date.now()),
    );
  }

  function loopHop(res: http.ServerResponse, which: 'a' | 'b', session: string, head: boolean): void {
    const now = Date.now();
    for (const [key, l] of loops) if (now - l.last > 60_000) loops.delete(key);
    const entry = loops.get(session) ?? { hops: 0, last: now };
    entry.hops += 1;
    entry.last = now;
    loops.set(session, entry);
    if (entry.hops > MAX_LOOP_HOPS) {
      sendBody(res, 508, 'text/html; charset=utf-8', errorPage(508, 'Loop Detected', 'The server stopped a redirect loop.'), head);
      return;
    }
    const next = which === 'a' ? 'loop-b' : 'loop-a';
    redirect(res, `/flows/${next}${session ? `?session=${encodeURIComponent(session)}` : ''}`, head);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const head = method === 'HEAD';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    const isGet = method === 'GET' || head;
    const notAllowed = (allow: string) => {
      res.setHeader('Allow', allow);
      sendBody(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', head);
    };

    // ---- API
    if (p.startsWith('/api/')) {
      let m: RegExpMatchArray | null;
      if (p === '/api/sign/start') {
        if (method !== 'POST') return notAllowed('POST');
        const body = await readBody(req);
        if (body === undefined) return json(res, 413, { status: 'error', message: 'Request too large' });
        let flow = '';
        try {
          const parsed = JSON.parse(body || '{}') as { flow?: unknown };
          if (typeof parsed.flow === 'string') flow = parsed.flow;
        } catch {
          return json(res, 400, { status: 'error', message: 'Invalid JSON' });
        }
        const s = createSession(flow);
        return json(res, 200, { token: s.token, control_code: s.controlCode });
      }
      if ((m = p.match(/^\/api\/sign\/status\/([0-9a-f]{32})\.json$/))) {
        if (!isGet) return notAllowed('GET, HEAD');
        return answerStatus(res, m[1]!);
      }
      if ((m = p.match(/^\/api\/sign\/cancel\/([0-9a-f]{32})(?:\.json)?$/))) {
        if (method !== 'POST') return notAllowed('POST');
        await readBody(req);
        const s = sessions.get(m[1]!);
        if (!s) return json(res, 404, { status: 'error', message: 'Session not found' });
        if (stateOf(s, Date.now()).status === 'waiting') s.canceled = true;
        return json(res, 200, stateOf(s, Date.now()));
      }
      if ((m = p.match(/^\/api\/sign\/result\/([0-9a-f]{32})\.json$/))) {
        if (!isGet) return notAllowed('GET, HEAD');
        return holdResult(req, res, m[1]!);
      }
      if ((m = p.match(/^\/api\/sse\/([0-9a-f]{32})$/))) {
        if (method !== 'GET') return notAllowed('GET');
        return serveSse(req, res, m[1]!);
      }
      if (p === '/api/config.json') {
        if (!isGet) return notAllowed('GET, HEAD');
        return json(res, 200, { dokobit: { api: 'https://developers.dokobit.com/api/v2', access_token: LEAKED_API_TOKEN } });
      }
      if (p === '/api/v2/smartid/sign.json' || (m = p.match(/^\/api\/v2\/smartid\/sign\/status\/([0-9a-f]{32})\.json$/))) {
        if (url.searchParams.get('access_token') !== LEAKED_API_TOKEN) {
          if (req.method === 'POST') await readBody(req);
          return json(res, 401, { status: 'error', message: 'Access token is invalid' });
        }
        if (m) {
          if (!isGet) return notAllowed('GET, HEAD');
          return answerStatus(res, m[1]!);
        }
        if (method !== 'POST') return notAllowed('POST');
        await readBody(req);
        const s = createSession('token-in-request');
        return json(res, 200, { status: 'ok', control_code: s.controlCode, token: s.token });
      }
      return json(res, 404, { status: 'error', message: 'Not found' });
    }

    // ---- Pages and redirects
    if (!isGet) return notAllowed('GET, HEAD');

    if (p === '/' || p === '/flows' || p === '/flows/') return redirect(res, '/flows/index.html', head);
    if (p === '/favicon.ico') {
      res.writeHead(204, NO_STORE);
      res.end();
      return;
    }
    if (p === '/flows/return') {
      const s = sessions.get(url.searchParams.get('session') ?? '');
      if (s && stateOf(s, Date.now()).status === 'ok') return redirect(res, '/flows/done.html', head);
      return html(res, 400, errorPage(400, 'Bad Request', 'This signing session is unknown or not finished.'), head);
    }
    if (p === '/flows/loop-a' || p === '/flows/loop-b') {
      return loopHop(res, p.endsWith('a') ? 'a' : 'b', url.searchParams.get('session') ?? '', head);
    }
    if (p === '/flows/files/service-agreement-signed.pdf') {
      let pdf: Buffer;
      try {
        pdf = fs.readFileSync(SIGNED_PDF);
      } catch {
        return html(res, 404, errorPage(404, 'Not Found', 'The document is not available.'), head);
      }
      return sendBody(res, 200, 'application/pdf', pdf, head, {
        'Content-Disposition': 'attachment; filename="service-agreement-signed.pdf"',
      });
    }
    if (p === `/signing/${SIGNER_TOKEN}`) {
      if (url.searchParams.get('access_token') !== SIGNER_ACCESS_TOKEN) {
        return html(res, 403, errorPage(403, 'Forbidden', 'This signing link is not valid.'), head);
      }
      return html(res, 200, signingFramePage(), head);
    }
    const page = p.startsWith('/flows/') ? flowPages[p.slice('/flows/'.length)] : undefined;
    if (page) return html(res, 200, page(), head);
    return html(res, 404, errorPage(404, 'Not Found', 'There is no such page.'), head);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { status: 'error', message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  const port = await listen(server, opts.port ?? 0);

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    scenarios: flowScenarios.map((s) => ({ ...s, expect: { ...s.expect } })),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const end of [...streams]) end();
        sessions.clear();
        loops.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
