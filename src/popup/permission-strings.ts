/** What the popup says when it asks for permissions (English; the catalogue holds them as popup_permission_*). */
export const permissionStrings = {
  intro: 'Your browser will ask you to allow:',
  site: 'Access to this site and the Dokobit gateways it embeds: to read its pages in every frame, after reloads and navigation. The extension never changes the page.',
  webRequest:
    'Observing requests (webRequest): to time the status checks, see failed requests and tokens in URLs. Observe only: nothing is blocked, changed or sent.',
  webNavigation:
    'Observing navigation (webNavigation; Chrome calls it "Read your browsing history"): to follow redirects and where the flow lands. Kept only for audited tabs, in memory.',
  notObserved: 'Status checks, redirects and failed requests are not observed: permission not granted.',
  allowNetwork: 'Allow observing requests and navigation',
  denied: 'Not granted. The checks that need it say "not observed".',
};
