/** Builds findings with the evidence every verdict must carry: selector path and frame, plus rule data. */
import { type FrameModel, pageTarget } from './model';
import type { Finding, NodeLayout, Severity } from './types';

export function nodeFinding(
  models: FrameModel[],
  frame: number,
  node: number,
  severity: Severity,
  message: string,
  evidence: Record<string, unknown>,
  outcome?: Finding['outcome'],
): Finding {
  const model = models[frame];
  const target = pageTarget(models, frame, node);
  const finding: Finding = {
    severity,
    message,
    target,
    frameUrl: model.frame.url,
    evidence: { ...evidence, selector: target[target.length - 1], element: model.describe(node) },
  };
  if (model.frame.frameId !== undefined) finding.frameId = model.frame.frameId;
  if (outcome) finding.outcome = outcome;
  return finding;
}

/** The layout facts a reviewer needs to judge what was seen: size, colours, contrast, position, cover. */
export function layoutEvidence(layout: NodeLayout | undefined): Record<string, unknown> {
  if (!layout) return {};
  const out: Record<string, unknown> = {
    fontSize: layout.fontSize,
    fontWeight: layout.fontWeight,
    color: layout.color,
    background: layout.background,
    contrast: layout.contrast,
    box: layout.box,
    inViewport: layout.inViewport,
  };
  if (layout.cssFontSize !== undefined) out.cssFontSize = layout.cssFontSize;
  if (layout.hidden) out.hidden = layout.hidden;
  if (layout.coveredBy) out.coveredBy = layout.coveredBy;
  if (layout.backgroundUncertain) out.backgroundUncertain = true;
  if (layout.colorUnreadable) out.colorUnreadable = layout.colorUnreadable;
  return out;
}
