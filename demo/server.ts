/**
 * The bundled demo: two small static servers on 127.0.0.1.
 *
 * - the integrator site "Demo Lizingas" (demo/site/), reached as http://127.0.0.1:<A>
 * - a fake Dokobit-style signing gateway (demo/gateway/), reached as http://localhost:<B>, so it is another
 *   origin than the site (different host and port) and its frame is cross-origin.
 *
 * HTML, CSS and JS may contain the placeholders {{GATEWAY}} and {{SITE}}; they are replaced with the two base URLs
 * when served. The site's Tailwind CSS stylesheet is compiled when the demo starts (demo/tailwind.ts) and served
 * from memory. Otherwise only node:http, node:fs and node:path are used.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { demoPages, type DemoPage } from './pages';
import { demoTailwindStylesheet, TAILWIND_STYLESHEET_PATH } from './tailwind';

export type { DemoPage } from './pages';

export interface DemoOptions {
  /** Port of the integrator site; 0 (default) picks a free one. */
  port?: number;
  /** Port of the fake gateway; 0 (default) picks a free one. */
  gatewayPort?: number;
}

export interface DemoServer {
  /** http://127.0.0.1:<port> */
  siteUrl: string;
  /** http://localhost:<port> */
  gatewayUrl: string;
  pages: DemoPage[];
  close(): Promise<void>;
}

const HERE: string = (import.meta as { dirname?: string }).dirname ?? path.dirname(decodeURIComponent(new URL(import.meta.url).pathname));

export const SITE_ROOT = path.join(HERE, 'site');
export const GATEWAY_ROOT = path.join(HERE, 'gateway');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types whose body gets {{GATEWAY}} / {{SITE}} substituted. */
const TEMPLATED = new Set(['.html', '.css', '.js', '.mjs', '.svg']);

interface Route {
  /** Directory the request path maps into. */
  root: string;
  /** Path relative to root, with '/' separators, already decoded. */
  rel: string;
}

type Router = (pathname: string) => Route | undefined;

/** Files built when the demo starts, served from memory: request path → body. */
type Generated = ReadonlyMap<string, { body: string; type: string }>;

const siteRouter: Router = (pathname) => ({ root: SITE_ROOT, rel: pathname });

/** Gateway: /signing/<token> is the signer's page, /files/*.pdf are the documents, everything else is static. */
const gatewayRouter: Router = (pathname) => {
  if (/^\/signing\/[^/]+\/?$/.test(pathname)) return { root: GATEWAY_ROOT, rel: '/signing.html' };
  if (/^\/files\/[^/]+\.pdf$/i.test(pathname)) return { root: SITE_ROOT, rel: pathname };
  return { root: GATEWAY_ROOT, rel: pathname };
};

/** Map a request path into root, or undefined when it escapes root (resolve, then check the prefix). */
function resolveInside(root: string, rel: string): string | undefined {
  if (rel.includes('\0')) return undefined;
  const base = path.resolve(root);
  const target = path.resolve(base, '.' + (rel.startsWith('/') ? rel : '/' + rel));
  if (target !== base && !target.startsWith(base + path.sep)) return undefined;
  return target;
}

function send(res: http.ServerResponse, status: number, body: string, head = false): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
}

function handler(router: Router, vars: () => Record<string, string>, generated: Generated = new Map()): http.RequestListener {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const isHead = method === 'HEAD';
    if (method !== 'GET' && !isHead) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'Method not allowed\n');
      return;
    }

    const raw = (req.url ?? '/').split(/[?#]/, 1)[0] || '/';
    let pathname: string;
    try {
      pathname = decodeURIComponent(raw);
    } catch {
      send(res, 400, 'Bad request\n', isHead);
      return;
    }
    if (!pathname.startsWith('/')) pathname = '/' + pathname;

    const built = generated.get(pathname);
    if (built) {
      const body = Buffer.from(built.body);
      res.writeHead(200, {
        'Content-Type': built.type,
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(isHead ? undefined : body);
      return;
    }

    const route = router(pathname);
    let file = route && resolveInside(route.root, route.rel);
    if (!file) {
      send(res, 404, 'Not found\n', isHead);
      return;
    }

    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      stat = undefined;
    }
    if (!stat?.isFile()) {
      send(res, 404, 'Not found\n', isHead);
      return;
    }

    const ext = path.extname(file).toLowerCase();
    let body: Buffer = fs.readFileSync(file);
    if (TEMPLATED.has(ext)) {
      const v = vars();
      body = Buffer.from(body.toString('utf8').replace(/\{\{(GATEWAY|SITE)\}\}/g, (_, name: string) => v[name] ?? ''));
    }

    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (ext === '.pdf') headers['Content-Disposition'] = `inline; filename="${path.basename(file)}"`;
    res.writeHead(200, headers);
    res.end(isHead ? undefined : body);
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const addr = server.address();
      if (addr && typeof addr === 'object') resolve(addr.port);
      else reject(new Error('demo server: no address'));
    });
  });
}

function shut(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Start the integrator site and the fake gateway. Call close() when done. */
export async function startDemo(opts: DemoOptions = {}): Promise<DemoServer> {
  const urls = { SITE: '', GATEWAY: '' };
  const vars = () => urls;
  const tailwind = await demoTailwindStylesheet();
  const siteGenerated: Generated = new Map([[TAILWIND_STYLESHEET_PATH, { body: tailwind.css, type: TYPES['.css'] }]]);

  const site = http.createServer(handler(siteRouter, vars, siteGenerated));
  const gateway = http.createServer(handler(gatewayRouter, vars));
  try {
    const sitePort = await listen(site, opts.port ?? 0);
    const gatewayPort = await listen(gateway, opts.gatewayPort ?? 0);
    urls.SITE = `http://127.0.0.1:${sitePort}`;
    urls.GATEWAY = `http://localhost:${gatewayPort}`;
  } catch (err) {
    await Promise.all([shut(site), shut(gateway)]);
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    siteUrl: urls.SITE,
    gatewayUrl: urls.GATEWAY,
    pages: demoPages.map((p) => ({ ...p, expect: { ...p.expect } })),
    close() {
      closing ??= Promise.all([shut(site), shut(gateway)]).then(() => undefined);
      return closing;
    },
  };
}
