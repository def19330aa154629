/**
 * Serves the generated hostile pages with real headers (CSP, redirects, SVG content type) on several loopback
 * hosts at one port: the extension is granted some of them and not others, so the same page can be loaded with the
 * extension present and absent. Counts CSP violation reports per host (the auditor must never cause one).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostilePage } from './pages';

export interface HostileServer {
  port: number;
  url(host: string, path: string): string;
  cspReports: Map<string, number>;
  close(): Promise<void>;
}

export async function serveHostile(pages: HostilePage[], hosts: string[]): Promise<HostileServer> {
  const byName = new Map(pages.map((p) => [p.name, p]));
  const cspReports = new Map<string, number>();
  const handler: http.RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const host = (req.headers.host ?? '').split(':')[0];
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
    if (path === '/csp-report') {
      cspReports.set(host, (cspReports.get(host) ?? 0) + 1);
      req.resume();
      return send(204, 'text/plain', '');
    }
    // The page a tab is found by shows no text: the tab's session report keeps a check's last verdict while later
    // pages do not apply it, so a marker with words (and no lang) would leave a localization failure behind.
    if (path.startsWith('/__tab/')) return send(200, 'text/html; charset=utf-8', '<!doctype html><title>tab</title>');
    let m = /^\/api\/code\/(\d{4})$/.exec(path);
    if (m) return send(200, 'application/json', JSON.stringify({ status: 'waiting', control_code: m[1] }));
    // A chain of redirects: HTTP 302 mostly, a client-side location.replace every tenth hop (browsers stop at 20 in a row).
    m = /^\/hop\/(\d+)\/([\w-]+)$/.exec(path);
    if (m) {
      const n = Number(m[1]);
      const next = n <= 1 ? `/p/${m[2]}` : `/hop/${n - 1}/${m[2]}`;
      if (n % 10 === 0)
        return send(200, 'text/html; charset=utf-8', `<!doctype html><script>location.replace(${JSON.stringify(next)})</script>`);
      return send(302, 'text/plain', '', { location: next });
    }
    m = /^\/p\/([\w-]+)(?:\/(\w+))?$/.exec(path);
    const page = m ? byName.get(m[1]) : undefined;
    if (page && !m![2]) return send(200, page.contentType ?? 'text/html; charset=utf-8', page.body, page.headers);
    const sub = page && m![2] ? page.sub?.[m![2]] : undefined;
    if (sub !== undefined) return send(200, 'text/html; charset=utf-8', sub);
    send(404, 'text/plain', 'not found');
  };
  const servers: http.Server[] = [];
  let port = 0;
  for (const host of hosts) {
    const server = http.createServer({ maxHeaderSize: 1 << 20 }, handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    cspReports,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
