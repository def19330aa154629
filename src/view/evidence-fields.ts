/**
 * People's names for the evidence fields the rules write (the field names themselves are the report contract and
 * stay as they are in JSON). Catalogue keys field_<name>; a field without a label is shown by its name.
 */
export const evidenceFieldLabels: Record<string, string> = {
  // What was found on the page
  text: 'Text', code: 'Code', label: 'Label', term: 'Term', form: 'Form', kind: 'Kind', name: 'Name', type: 'Type',
  tag: 'Element type', element: 'Element', selector: 'Selector', frameUrl: 'Frame', context: 'Context', source: 'Source',
  expected: 'Expected', decoy: 'Not a code (why)', coveredBy: 'Covered by', hidden: 'Hidden by', disabled: 'Disabled',
  href: 'Link', fileName: 'File name', pages: 'Pages', chars: 'Characters', count: 'Count', in: 'Found in',
  value: 'Value', field: 'Field',
  // Look and size
  box: 'Box (px)', fontSize: 'Font size (px)', fontWeight: 'Font weight', color: 'Colour', background: 'Background',
  backgroundUncertain: 'Background uncertain', contrast: 'Contrast ratio', inViewport: 'In the first screen',
  colorUnreadable: 'Colour that could not be read',
  opacity: 'Opacity', effects: 'Visual effects', src: 'Image source', alt: 'Alternative text', natural: 'Natural size (px)',
  aspectError: 'Aspect ratio off by (%)', clearSpace: 'Clear space (px)', settings: 'Thresholds',
  brand: 'Brand', brandId: 'Brand id', method: 'Method',
  placement: 'Where the logo is', recognisedBy: 'Recognised as the logo by',
  // Logo compared with the official files
  logoHash: 'Logo fingerprint', official: 'Closest official logo', hashDistance: 'Difference (bits)', picture: 'Logo on the page',
  officialPicture: 'Official logo',
  // Language
  language: 'Language', requested: 'Language requested', declared: 'Declared language', detected: 'Detected language', confidence: 'Confidence', words: 'Words read',
  page: 'Page language',
  // Code sent by the API (deep inspection)
  receivedCode: 'Code in the API response', receivedFrom: 'API response from', matchesApi: 'Matches the API',
  // What is painted against what the DOM text says (gather/visual-text.ts)
  domCode: 'Code in the page text', visualText: 'Text as painted', visualCause: 'CSS that moves or draws the glyphs',
  domText: 'Text in the page (DOM)',
  glyphsOverlap: 'Glyphs drawn over each other',
  // Network and flow
  url: 'URL', request: 'Request', result: 'Result', requests: 'Requests', frames: 'Frames', allowed: 'Allowed hosts',
  params: 'Parameters', at: 'Time', where: 'Where', masked: 'Value (masked)', seenAt: 'Seen at',
  redirectTo: 'Redirected to',
  scanTruncated: 'Scan cut short (budget)',
  naturalSize: 'Image size',
  series: 'Status checks', endpoint: 'Endpoint', first: 'First request', last: 'Last request',
  medianIntervalMs: 'Typical interval (ms)', spreadMs: 'Spread (ms)', medianDurationMs: 'Typical duration (ms)',
  longPoll: 'Long poll', overlaps: 'Overlapping requests', timestamps: 'Request times', terminal: 'Ended by',
  terminalAt: 'Ended at', stoppedAt: 'Stopped at', afterEnd: 'Requests after the end',
  endKind: 'How it ended', lateRequests: 'Status checks after the end (time, answer)', openedAt: 'Opened at', closedAt: 'Closed at',
  failedAt: 'Failed at', shown: 'Shown to the user', shownAt: 'Shown at', lastStatusCheck: 'Last status check', busy: 'Spinner shown',
  step: 'Step', observedUntil: 'Observed until', stepShownAt: 'Step shown at', stepText: 'Step text', startPage: 'Start page',
  navigations: 'Navigations', endedAt: 'Ended at', ended: 'Ended by', landedOn: 'Landed on', httpStatus: 'HTTP status',
  sandbox: 'Sandbox hosts', production: 'Production hosts', declaredEnvironment: 'Declared environment', scheme: 'Scheme',
};
