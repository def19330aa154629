/**
 * The audit engine's public surface, and the only door into it: the extension's shells (content script, service
 * worker, popup, options, review page), the view, the review, the i18n catalogue and the CLI import the engine from
 * here (a test in test/unit/layers.test.ts fails on any other edge). No extension APIs here.
 */
// Gather: the page → a serialisable snapshot, and the DOM reads the content script shares with it.
export {
  gatherFrame,
  gatherFrameSliced,
  gatherFrames,
  type GatherMemo,
  type GatherOptions,
  roundPx,
  walkReaders,
  yieldToPage,
} from './gather/gather';
export { type Rereader, rereader } from './gather/regather';
export type { LocalChanges } from './gather/reread';
export { finishSteps } from './gather/steps';
export { ImageSizes } from './gather/image-sizes';
export { borderOffsetOf, boxOf, rectOf } from './gather/dom';
export { resolveTarget } from './resolve';
// Evaluate: the rules and the engine that runs them, over one snapshot or a session.
export { auditPage, evaluatePage, ruleMetas } from './engine';
export { checkOf } from './report';
export { notePatchedFrame } from './model';
export { uniformFrame, uniformLayout, uniformNode } from './uniform';
export { rules, type RuleId } from './rules';
export { mergeSession } from './session';
export { pageStateOf } from './signals/state';
// The network timeline the background records and the report carries.
export { TimelineRecorder } from './network/timeline';
export { summariseTimeline, timelineEnglish, timelineMessages } from './network/summary';
// Official logo files (options page) and the perceptual hash they are compared by.
export { closestOfficial, dHash, LOGO_HASH_THRESHOLD, type LogoComparison, type OfficialLogo } from './logo-compare';
// Words: message templates, catalogue keys and the parts a text was written from.
export { engineMessages, format } from './messages';
export { checkTitleKey, keyOf, templateKeysOf } from './message-keys';
export { partsText, substitute, translateParts, type MessagePart } from './message-parts';
export { PRODUCTION_HOSTS, SANDBOX_HOSTS } from './urls';
export type * from './types';
export type * from './network/types';
