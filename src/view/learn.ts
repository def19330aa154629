/**
 * Each check's "learn more" page, shipped with the extension (public/learn/<check id>.html), the way axe's helpUrl
 * points at a rule's page: derived from the check id, so the report contract needs no field of its own.
 */
export const LEARN_DIR = 'learn';

/** The page's path inside the extension (pass it to runtime.getURL). */
export function learnPath(checkId: string): string {
  return `${LEARN_DIR}/${encodeURIComponent(checkId)}.html`;
}
