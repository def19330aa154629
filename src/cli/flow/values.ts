/**
 * Values in a flow file: `${env.NAME}` (an environment variable, so secrets stay out of the file) and
 * `${identity.<name>.code}` / `${identity.<name>.phone}` (a vendor sandbox test identity of the review card, by a
 * stable name). `$${` writes a literal `${`.
 */
import { TEST_IDENTITIES, type TestIdentity } from '../../review/test-identities';

/** A placeholder: `${env.NAME}`, `${identity.name.field}`, or anything else between `${` and `}` (an error). */
const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}/g;
const ENV = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/;
const IDENTITY = /^identity\.([a-z0-9-]+)\.(code|phone)$/;

/**
 * Each identity's name: `<method>-<country>-<result>` in lower case ("smartid-lt-ok", "smartid-lv-refused",
 * "mobileid-ee-ok"), the result being the sandbox answer's first word without `USER_`. When an earlier identity
 * already has that name, the later one adds the API version its result names ("…-v3"), else its position among the
 * namesakes ("-2"). The list's order is the review card's, so the names stay put while identities are only added.
 */
export const IDENTITIES_BY_NAME: ReadonlyMap<string, TestIdentity> = (() => {
  const names = new Map<string, TestIdentity>();
  const seen = new Map<string, number>();
  for (const identity of TEST_IDENTITIES) {
    const method = identity.method.toLowerCase().replace(/[^a-z]/g, '');
    const result = (identity.result.split(/[\s(]/)[0] ?? '').toLowerCase().replace(/^user_/, '');
    const base = `${method}-${identity.country.toLowerCase()}-${result}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const version = /\bv(\d+)\b/i.exec(identity.result)?.[1];
    let name = count === 1 ? base : version ? `${base}-v${version}` : `${base}-${count}`;
    if (names.has(name)) name = `${base}-${count}`;
    names.set(name, identity);
  }
  return names;
})();

/** Problems with the placeholders of one value that do not depend on the environment (unknown identity, bad syntax). */
export function placeholderErrors(text: string): string[] {
  const errors: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[0] === '$${') continue;
    const expr = m[1].trim();
    if (ENV.test(expr)) continue;
    const id = IDENTITY.exec(expr);
    if (id) {
      const identity = IDENTITIES_BY_NAME.get(id[1]);
      if (!identity) errors.push(`unknown identity "${id[1]}" (known: ${[...IDENTITIES_BY_NAME.keys()].join(', ')})`);
      else if (id[2] === 'phone' && !identity.phone) errors.push(`identity "${id[1]}" has no phone number (only Mobile-ID identities do)`);
      continue;
    }
    errors.push(`"\${${expr}}" is not a value this tool knows: write \${env.NAME} or \${identity.<name>.code} / .phone`);
  }
  return errors;
}

/** Names of the environment variables a value reads. */
export function envNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].flatMap((m) => {
    const env = m[1] === undefined ? null : ENV.exec(m[1].trim());
    return env ? [env[1]] : [];
  });
}

/** Thrown when a value names an environment variable that is not set. */
export class MissingEnvError extends Error {
  constructor(readonly variable: string) {
    super(`the environment variable ${variable} is not set`);
  }
}

/**
 * The value with its placeholders filled. Environment values are added to `secrets`, so messages can hide them.
 * Throws MissingEnvError for an unset (or empty) variable; unknown placeholders were refused when the flow was read.
 */
export function substitute(text: string, env: Record<string, string | undefined>, secrets?: Set<string>): string {
  return text.replace(PLACEHOLDER, (whole, expr: string | undefined) => {
    if (expr === undefined) return '${';
    const trimmed = expr.trim();
    const e = ENV.exec(trimmed);
    if (e) {
      const value = env[e[1]];
      if (value === undefined || value === '') throw new MissingEnvError(e[1]);
      secrets?.add(value);
      return value;
    }
    const id = IDENTITY.exec(trimmed);
    const identity = id && IDENTITIES_BY_NAME.get(id[1]);
    if (id && identity) return (id[2] === 'phone' ? identity.phone : identity.code) ?? whole;
    return whole;
  });
}

/** The message with every secret value replaced by `***` (longest first, so a secret inside another is covered). */
export function redact(message: string, secrets: Iterable<string>): string {
  let out = message;
  for (const s of [...secrets].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out;
}
