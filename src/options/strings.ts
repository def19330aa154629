/** Labels of the settings page (message-catalogue keys options_<name>). */
export const optionsStrings = {
  title: 'WYSIWYS Auditor — settings',
  intro:
    'Load the official logo files (SK ID Solutions\' Smart-ID login buttons, your Mobile-ID kit). The brand-logo check then compares each logo on the page with them by perceptual hash; a logo that differs is marked "needs review" with both pictures. The files stay in this browser.',
  notImage: '${name} is not an image (PNG, SVG, JPEG or WebP).',
  unreadable: '${name} could not be read: ${error}',
  hash: 'hash ${hash}',
  remove: 'Remove',
  language: 'Language of the extension',
  languageAuto: 'Same as the browser',
  brand_smart_id: 'Smart-ID',
  brand_mobile_id: 'Mobile-ID',
  logosHeading: 'Official logos',
  loadLogos: '${brand} logo files',
  panelHeading: 'Panel on the page',
  panelHighContrast: 'High contrast, large type (for a video call that compresses the picture)',
  panelHighContrastHint:
    'White on black, larger letters and digits, thick outlines: readable on a blurred screen share. The panel has the same switch.',
};
