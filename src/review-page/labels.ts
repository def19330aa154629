/** Labels of the review page (their message-catalogue keys are reviewpage_<name>). */
import type { Verdict } from '../review/model';

export const labels = {
  title: 'WYSIWYS review',
  reviews: 'Reviews',
  newReview: 'New review',
  delete: 'Delete',
  confirmDelete: 'Delete this review? This cannot be undone.',
  name: 'Name', integrator: 'Integrator', environment: 'Environment', sites: 'Sites',
  attach: 'Attach current audit results',
  attached: 'Attached results of ${n} page(s).',
  noReports: 'No audited tabs yet: open the integrator\'s pages with the extension active, then attach.',
  checklist: 'Checklist',
  how: 'How to test',
  auto: 'Automatic',
  verdict: 'Verdict',
  note: 'Note',
  testData: 'Sandbox test data',
  testDataWarn: 'This review is on a production host: sandbox test identities do not work there.',
  copy: 'Copy',
  export: 'Export',
  exportHtml: 'HTML report', exportMd: 'Markdown', exportJson: 'JSON',
  import: 'Import JSON',
  importReplace: 'A review with this id exists. Replace it with the imported one?',
  imported: 'Review imported.',
  empty: 'No review yet. Start one with "New review".',
  verdicts: { pass: 'Pass', fail: 'Fail', 'not-tested': 'Not tested' } as Record<Verdict, string>,
};
