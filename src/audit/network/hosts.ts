/** Dokobit and SK ID Solutions hosts by role and environment (domain.md §1.3, §2.3, §3.1). */

export const SANDBOX_HOSTS = /^(gateway-sandbox|id-sandbox|developers|beta)\.dokobit\.com$|^(sid|tsp)\.demo\.sk\.ee$/i;
export const PRODUCTION_HOSTS = /^(gateway|id|ws|portal|www)\.dokobit\.com$|^rp-api\.smart-id\.com$|^mid\.sk\.ee$/i;

/** API endpoints a browser must never call directly: the integration runs them server-side. */
export function isVendorApi(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.toLowerCase();
  if (/^(developers|ws)\.dokobit\.com$/.test(host)) return true;
  if (/^(gateway|gateway-sandbox|id|id-sandbox)\.dokobit\.com$/.test(host) && u.pathname.startsWith('/api/')) return true;
  return /^(rp-api\.smart-id\.com|sid\.demo\.sk\.ee|tsp\.demo\.sk\.ee|mid\.sk\.ee)$/.test(host);
}

/** Dokobit API paths (Documents / Identity API, gateways' /api): where an access_token must never come from a browser. */
export const DOKOBIT_API_PATH = /\/api\/|\/v2\/(mobile|smartid|sign|login)|\/(smartid|mobile)\/(login|sign)|\/signing\/create|\/file\/upload/i;

/** The per-signer Gateway page: {base}/signing/{token}?access_token=… is allowed by design. */
export function isSignerUrl(url: string): boolean {
  try {
    return /^\/signing\/[^/]+\/?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host) || host.endsWith('.localhost');
}
