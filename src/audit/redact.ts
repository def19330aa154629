/** Secrets never enter a snapshot or a report: token-like query parameters are masked, keeping their length. */
export const SECRET_PARAM = /token|secret|passw|api[_-]?key|^key$|auth|signature|^sig$|session/i;

/** origin + path of a URL (query and fragment dropped): the same page whatever its parameters. */
export function originAndPath(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return url;
  }
}

export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const [k, v] of [...u.searchParams]) {
    if (SECRET_PARAM.test(k) && v) {
      u.searchParams.set(k, `[redacted:${v.length}]`);
      changed = true;
    }
  }
  if (u.password) {
    u.password = 'redacted';
    changed = true;
  }
  return changed ? u.toString().replace(/%5Bredacted%3A(\d+)%5D/g, '[redacted:$1]') : url;
}

/** Does `src` (relative to `base`) point at the same page as `url`? */
export function sameDocument(src: string, base: string, url: string): boolean {
  try {
    return originAndPath(new URL(src, base).toString()) === originAndPath(url);
  } catch {
    return false;
  }
}
