/**
 * What a URL is, in one place: the vendors' hosts by role and environment (domain.md §1.3, §2.3, §3.1), their
 * information sites, the Gateway's signer page, and URLs that are or show a document (a PDF, an online viewer).
 * Pure string work: no request is ever made.
 */
import { BoundedMap } from './text';

/** Dokobit's and SK ID Solutions' domains: their APIs, gateways and portals live on these and their subdomains. */
export const VENDOR_DOMAINS = ['dokobit.com', 'smart-id.com', 'sk.ee'] as const;
/** The brands' information sites (SK's and the operators'), linked from pickers; not API hosts. */
export const BRAND_SITE_DOMAINS = ['smart-id.com', 'mobile-id.lt', 'mobiil.id.ee', 'id.ee', 'sk.ee', 'skidsolutions.eu'] as const;

function onDomain(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** A vendor host (dokobit.com, smart-id.com, sk.ee or a subdomain): "desk.ee" is not one. */
export function isVendorHost(host: string | undefined): boolean {
  return !!host && onDomain(host, VENDOR_DOMAINS);
}

/** A page served by the vendors themselves or their brand sites, where a code label is always the phone step. */
export function isVendorPage(url: string): boolean {
  const u = parsed(url);
  return !!u && /^https?:$/.test(u.protocol) && onDomain(u.hostname, [...VENDOR_DOMAINS, 'mobile-id.lt', 'skidsolutions.eu']);
}

/** A link to a brand's information site (absolute or protocol-relative). */
export function isBrandSiteHref(href: string): boolean {
  const m = /^(?:https?:)?\/\/([^/:?#]+)/i.exec(href.trim());
  return !!m && onDomain(m[1], BRAND_SITE_DOMAINS);
}

/**
 * Vendor host names inside free text (script source, attributes). A host starts where no host character precedes
 * it, so a run of labels is tried once (linear time: `\b` alone restarts at every label and backtracks over the
 * rest, quadratic on a long chain).
 */
export const VENDOR_HOST_IN_TEXT = /(?<![a-z0-9.-])(?:[a-z0-9-]+\.)*(?:dokobit\.com|smart-id\.com|sk\.ee)\b/gi;

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
export const DOKOBIT_API_PATH =
  /\/api\/|\/v2\/(mobile|smartid|sign|login)|\/(smartid|mobile)\/(login|sign)|\/signing\/create|\/file\/upload/i;

/** The signer page's path, /signing/{token} (and pages under it). */
const SIGNING_PATH = /^\/signing\/[^/]+/;

/**
 * The Dokobit Documents Gateway signer page: {base}/signing/{token}?access_token=… (domain.md §3.3). Only this page,
 * on the Gateway's own host, may carry a (signer-scoped) access_token by design: the same path elsewhere may not.
 */
export function isGatewaySigningUrl(url: string): boolean {
  const u = parsed(url);
  return !!u && isGatewayHost(u.hostname) && SIGNING_PATH.test(u.pathname);
}

/** The Dokobit Documents Gateway's hosts (production and sandbox). */
export function isGatewayHost(host: string | undefined): boolean {
  return !!host && /^gateway(-sandbox)?\.dokobit\.com$/i.test(host);
}

/** A path shaped like the signer page's (/signing/{token}), on whatever host. */
export function hasSigningPath(url: string): boolean {
  const u = parsed(url);
  return !!u && SIGNING_PATH.test(u.pathname);
}

/** Hosts already read (null: not a URL): a rule asks for the host of every link of a page on every evaluation. */
const hosts = /* @__PURE__ */ new BoundedMap<string | null>(500_000);

export function hostOf(url: string): string | undefined {
  let host = hosts.get(url);
  if (host === undefined) {
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      host = null;
    }
    hosts.set(url, host);
  }
  return host ?? undefined;
}

/**
 * The site a host belongs to, approximately its registrable domain: the last two labels, or three under a country's
 * generic second level (shop.co.uk, example.com.au). An IP address or a single label is its own site.
 */
export function siteOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.') || h.includes(':') || /^[\d.]+$/.test(h)) return h;
  const labels = h.split('.');
  const n =
    labels.length >= 3 && /^[a-z]{2}$/.test(labels[labels.length - 1]) && GENERIC_SECOND_LEVEL.test(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(-n).join('.');
}
const GENERIC_SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gv)$/;

export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host) || host.endsWith('.localhost');
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The URL is a PDF file itself (its path ends in .pdf, or a blob: / data:application/pdf URL): a frame with it is the
 * browser's own PDF viewer, which no script can read (and touching a blob: PDF's document can crash the renderer).
 */
export function pointsToPdf(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (u.startsWith('blob:') || u.startsWith('data:application/pdf')) return true;
  return u.split(/[?#]/)[0].endsWith('.pdf');
}

/** The URL shows a PDF: the file itself, a viewer page given the file (pdf.js "viewer.html?file=…pdf"), a /pdf/ path. */
export function showsPdf(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (pointsToPdf(u)) return true;
  const path = u.split(/[?#]/)[0];
  return paramValueHas(u, '&', /(?:file|url|src|doc)=/, /\.pdf/) || /\/(pdf|pdfjs|viewer)(\/|\.html|$)/.test(path);
}

/**
 * An online document viewer showing a named file: Office Online, Google Docs viewer and the like take the file's URL
 * as a parameter ("embed.aspx?src=…/contract.docx"). Such frames are cross-origin and cannot be read, but their URL
 * says which document they show.
 */
export function isDocumentViewerUrl(url: string): boolean {
  let u = url.trim().toLowerCase();
  try {
    u = decodeURIComponent(u);
  } catch {
    /* keep it encoded */
  }
  return (
    paramValueHas(u, '&#', /(?:src|url|file|doc|document)=/, /\.(?:pdf|docx?|odt|rtf|xlsx?|pptx?)(?=$|\?)/) ||
    /^https:\/\/(view\.officeapps\.live\.com\/op\/(embed|view)|docs\.google\.com\/(viewer|gview|document\/d\/[^/]+\/preview))/.test(u)
  );
}

/**
 * Whether a URL parameter named by `name` (after '?' or '&') has a value, up to the next of `stops`, in which `value`
 * matches: the former single pattern ([?&]name=[^&]*value) in linear time. Each stretch between stops is read from
 * the first name in it (any later one's value is part of the first's), instead of re-reading it from every name.
 */
function paramValueHas(u: string, stops: string, name: RegExp, value: RegExp): boolean {
  const afterQuestion = new RegExp(`\\?${name.source}`);
  const atStart = new RegExp(`^${name.source}|\\?${name.source}`);
  let from = 0;
  let previous = '';
  for (let i = 0; i <= u.length; i++) {
    if (i < u.length && !stops.includes(u[i])) continue;
    const stretch = u.slice(from, i);
    const at = stretch.search(previous === '&' ? atStart : afterQuestion);
    if (at >= 0 && value.test(stretch.slice(at))) return true;
    previous = u[i] ?? '';
    from = i + 1;
  }
  return false;
}
