/** Secrets never enter a snapshot or a report: token-like query parameters are masked, keeping their length. */
const SECRET_PARAM = /token|secret|passw|api[_-]?key|^key$|auth|signature|^sig$|session/i;

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
