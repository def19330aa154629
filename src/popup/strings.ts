/**
 * The popup's own labels (buttons, notices). What it shows of a report (statuses, evidence, timeline) comes from
 * the shared view (src/view/report-view.ts). Catalogue keys popup_<name>.
 */
export const strings = {
  appName: 'WYSIWYS Auditor',
  auditSite: 'Audit this site',
  auditSiteHint: 'Grants access to this site (and the Dokobit gateways it embeds) so the audit follows reloads and navigation.',
  siteGranted: 'Auditing this site live.',
  reaudit: 'Re-audit',
  reset: 'New session',
  settings: 'Settings',
  language: 'Language',
  review: 'Review checklist',
  panel: 'Panel on page (Alt+Shift+W)',
  deepInspection: "Deep inspection: compare the code shown with the code in the page's API responses",
  deepInspectionHint:
    "Adds a small observer to the page's own fetch/XMLHttpRequest that reads copies of responses for control_code / verificationCode. The page receives the same responses at the same time; switching it off removes the observer. Nothing is sent anywhere.",
  deepInspectionNextLoad:
    "Deep inspection starts when the page next loads: reload it. The observer must be in place before the page's own scripts run, so the page cannot imitate it.",
  sessionMark: 'Session mark:',
  sessionMarkHint: "The extension's panel on the page shows this same mark. A panel with another mark, or none, was drawn by the page.",
  tamperPanelHidden: 'The page hid the panel: the extension cannot show it right now.',
  tamperPanelRestored: 'The page removed, restyled or covered the panel; the extension put it back on top. Times:',
  tamperOverlayHidden: 'The page hid the outlines: the extension cannot show them right now.',
  tamperOverlayRestored: 'The page removed, restyled or covered the outlines; the extension put them back on top. Times:',
  tamperLast: 'last:',
  tamperRemoved: 'removed',
  tamperRestyled: 'restyled',
  tamperHidden: 'hidden',
  tamperCovered: 'covered',
  testCancel: 'Test cancel',
  testCancelHint:
    'Presses the cancel control the audit found, then keeps watching: polling must stop and the page must leave the waiting step.',
  pressing: 'Pressing…',
  pressed: 'Pressed',
  notPressed: 'Not pressed:',
  keepWatching: 'watching whether polling stops',
  /** A check's advice when it was observed too briefly, worded for the popup (the rules' "watch longer"). */
  keepPageOpen: 'keep the page open',
  clearHighlight: 'Clear outline',
  showEvidence: 'Show evidence on page',
  showOnPage: 'Show on page',
  /** Opens the check's page shipped with the extension: what is required, the source, how to fix, examples. */
  learnMore: 'Learn more: what is required and how to fix',
  picture: 'Picture',
  pictureAlt: 'What the user sees of this element',
  pictureTaking: 'Taking a picture…',
  pictureFailed: 'The picture could not be taken.',
  waiting: 'Auditing this tab…',
  noAccess: 'This page cannot be audited (browser pages, the web store and local files are off limits).',
  injectFailed: 'Could not read this tab: ',
  noTab: 'No tab to audit.',
};
