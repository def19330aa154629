/** The audit engine's public surface: gather a page, evaluate it, describe the checks. No extension APIs here. */
export { gatherFrame, gatherFrames, type GatherOptions } from './gather/gather';
export { auditPage, evaluatePage, ruleMetas } from './engine';
export { rules } from './rules';
export type * from './types';
