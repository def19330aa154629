/**
 * The labels of the one view of a report (badges, report lines, timeline kinds) as flat message keys with English
 * defaults, and the translator type every surface passes around. Keys follow the chrome.i18n rules and `$1`…`$9`
 * mark substitutions, so the catalogue ships them as `_locales/<lang>/messages.json`.
 */
import { substitute, timelineEnglish } from '../audit';
import { evidenceFieldLabels } from './evidence-fields';

export { substitute };

export type Translate = (key: string, substitutions?: string[]) => string;

export const ViewStrings = {
  verdict_pass: 'Pass',
  verdict_fail: 'Fail',
  verdict_not_tested: 'Not tested',
  status_pass: 'Pass',
  status_fail: 'Fail',
  status_review: 'Needs review',
  status_not_applicable: 'Not applicable',
  status_error: 'Error',
  label_observed: 'observed $1',
  label_step_ended: 'step ended, last verdict kept',
  timeline_page: 'page',
  timeline_redirect: 'redirect',
  timeline_navigation_error: 'navigation failed',
  timeline_series: 'status checks',
  timeline_state: 'page state',
  timeline_action: 'auditor',
  timeline_verdict: 'verdict',
  timeline_request_failed: 'request failed',
  timeline_title: 'Timeline ($1)',
  label_live: 'live',
  label_history: 'Verdict history',
  label_frame: 'Frame',
  report_no_findings: 'No findings.',
  report_timing: '$1 elements read, $2 frame(s), $3 ms',
  report_truncated: 'Page too large: only the first 30,000 elements were audited.',
  report_unaudited: 'Frame not audited: $1 ($2)',
  report_unread: '$1 element(s) could not be read (the page made them throw); the rest, their children included, was audited.',
} as const;

/** An English catalogue of the view's labels plus `more` (a surface's own); an unknown key comes back as itself. */
export function englishWith(more: Record<string, string> = {}): Translate {
  return (key, substitutions) => {
    if (key.startsWith('timeline_text_')) return timelineEnglish(key, substitutions);
    const message =
      more[key] ??
      (ViewStrings as Record<string, string>)[key] ??
      (key.startsWith('field_') ? evidenceFieldLabels[key.slice(6)] : undefined);
    return message === undefined ? key : substitute(message, substitutions);
  };
}

/** The English catalogue of the view, so a missing label is visible, never blank. */
export const english: Translate = englishWith();

/** Wraps a translator that answers '' for unknown keys (chrome.i18n.getMessage) so English fills the gaps. */
export function withFallback(t: Translate, fallback: Translate = english): Translate {
  return (key, substitutions) => t(key, substitutions) || fallback(key, substitutions);
}
