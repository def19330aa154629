import type { Timeline, TimelineSummary } from './network/types';
import type { SecretScan } from './gather/secrets';
import type { MessagePart } from './message-parts';
import type { LogoComparison } from './logo-compare';

/**
 * The audit engine's data shapes. Everything here is plain JSON: a snapshot gathered in a frame travels through
 * extension messaging to the background, and a report travels to the popup, the CLI and other tools.
 */

/** Layout and style facts about one gathered element, read once by `gather` so rules never touch the DOM. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NodeLayout {
  /** Bounding box in the frame's viewport coordinates (CSS px). */
  box: Box;
  /** Why the element cannot be seen, or undefined when it renders. */
  hidden?: 'display' | 'visibility' | 'opacity' | 'size' | 'clipped' | 'aria-hidden' | 'offscreen' | 'content-visibility';
  /**
   * Font size as painted, in CSS px of the frame's viewport: the computed size times the scale of the transforms,
   * zoom or svg viewBox around the text (its vertical scale; under a rotation or a skew the computed size stays).
   */
  fontSize: number;
  /** The computed font size, present only when the text is painted at another size (`fontSize`). */
  cssFontSize?: number;
  fontWeight: number;
  /**
   * Foreground colour as rgba() after opacity, the effective background behind the element, and their WCAG
   * contrast (1..21). Read for elements whose looks a rule judges (digits, controls, media), not for every text.
   */
  color?: string;
  background?: string;
  /** True when the background could not be decided (image or gradient behind text). */
  backgroundUncertain?: boolean;
  contrast?: number;
  /**
   * A colour of the text or of its background that could not be read, as "property: computed value"
   * ("color: future-color(…)"). Contrast is then left undefined and the text is not taken as hidden: rules that
   * judge legibility say "review" and show this value.
   */
  colorUnreadable?: string;
  /** The element at the centre of the box belongs to something else (banner, modal, overlay). */
  coveredBy?: string;
  /** Part of the box lies in the first viewport (scroll 0,0) or the page scrolled it into view. */
  inViewport: boolean;
  pointerEvents?: 'none';
  /** CSS text-transform of the element's own text, when it changes what the user reads. */
  textTransform?: 'uppercase' | 'lowercase' | 'capitalize';
  /** Set when the element or an ancestor is position: fixed (floating widgets, sticky action bars). */
  fixed?: boolean;
  /** A logo drawn by the element's ::before / ::after pseudo-element. */
  pseudoImage?: {
    url: string;
    w?: number;
    h?: number;
    backgroundSize: string;
    natural?: { w: number; h: number };
    filter?: string;
    opacity: number;
    /** CSS that recolours or distorts, on the element or an ancestor (as NodeVisual.effects). */
    effects?: string[];
    /** Opacity of the element with its ancestors (the pseudo-element's own is `opacity`). */
    inheritedOpacity?: number;
  };
  /** The element draws a visible edge: a border, or a background unlike what is behind it (buttons, cards). */
  edge?: true;
  /** How an image (img, svg, input type=image, CSS background) is drawn: for logo checks. */
  visual?: NodeVisual;
}

export interface NodeVisual {
  /** Intrinsic size: img natural size, svg viewBox, or the loaded background image. */
  natural?: { w: number; h: number };
  /** CSS that recolours or distorts, on the element or an ancestor ("filter: grayscale(1)", "transform: rotate(8deg)"). */
  effects: string[];
  /** Opacity including ancestors. */
  opacity: number;
  /** url(...) of a CSS background image (data: URLs shortened), with its background-size. */
  backgroundImage?: string;
  backgroundSize?: string;
  objectFit?: string;
  /** svg preserveAspectRatio="none" stretches; otherwise an svg keeps its ratio inside any box. */
  preserveAspectRatio?: string;
}

/**
 * One element of the frame, or a shadow root boundary. Nodes form a tree through `parent` so rules can reason
 * about containers (same dialog, cookie banner) and nearby text without the DOM.
 */
export interface SnapNode {
  /** Index in FrameSnapshot.nodes. */
  i: number;
  /** Index of the parent node, -1 for the document element. Shadow children point at their host. */
  parent: number;
  /** Lower-case tag name. */
  tag: string;
  /** 1-based position among siblings with the same tag, for stable selectors. */
  nth: number;
  /** Set on a shadow host: the kind of shadow root its children live in. */
  shadow?: 'open' | 'closed';
  /** Selected attributes (id, class, role, type, href, src, aria-*, …), values capped in length. */
  attrs: Record<string, string>;
  /** The element's own text: its direct text-node children, whitespace collapsed. */
  text?: string;
  /** For a small element with text in inline children: its rendered text in order ("Sign with Smart-ID"). */
  flow?: string;
  /** The element itself is position: fixed (a floating widget, a sticky bar). */
  fixed?: boolean;
  /** For a <slot>: the text of the light-DOM nodes it shows (already the host's text; used for control names). */
  slotted?: string;
  /** Accessible name for controls, frames and media (aria-labelledby, aria-label, text, alt, title, value). */
  name?: string;
  /** Disabled by attribute, aria-disabled, inert, fieldset or pointer-events. */
  disabled?: 'disabled' | 'aria-disabled' | 'inert' | 'pointer-events' | 'fieldset';
  /** Present for elements with own text, controls, media and frames. */
  layout?: NodeLayout;
  /** A direct child of a shadow root (its parent is the shadow host). */
  inShadow?: true;
  /** A button, link, role=button or other control the user can activate. */
  control?: true;
  /** The id attribute is not unique in its tree, so selectors must not rely on it. */
  duplicateId?: true;
  /** The page made this element unreadable: only its place in the tree is known (its children are read). */
  unread?: true;
  /** Set on <iframe>/<frame> children whose document was walked in the same snapshot (same-origin, test mode). */
  frame?: number;
  /**
   * What a short text looks like on screen, when that differs from its DOM text (gather/visual-text.ts): only set on
   * code-like regions and short names (controls' texts, brand names, letter boxes), and only when the painted reading
   * differs or its glyphs overlap.
   */
  visual?: VisualText;
}

/**
 * A text as painted: its glyphs read by their rendered boxes, lines top to bottom and each line left to right, with
 * ::before / ::after content in its place and glyphs nobody can see (clipped, transparent, hidden) left out. Differs
 * from the DOM text when CSS reorders (bidi override, flex `order`, `row-reverse`, positioning), adds or hides glyphs.
 */
export interface VisualText {
  /** The painted reading, spaces where the glyphs stand apart. */
  text: string;
  /** 'own': the element's own text nodes (and its pseudo-elements); 'content': everything drawn inside it (digit boxes). */
  scope: 'own' | 'content';
  /**
   * For 'content': the region's DOM characters in DOM order, split into words where the screen splits them (letter
   * boxes painted as one word read as one word), so a rule can set what the DOM says beside what is painted.
   */
  dom?: string;
  /** Two glyphs are drawn over each other (negative spacing or offsets), so the reading is not legible. */
  overlap?: true;
  /** The CSS seen in the region that can move or draw glyphs ("unicode-bidi: bidi-override", "order", "::before content"). */
  cues?: string[];
}

export interface FrameSnapshot {
  /** The frame's URL (with secrets in the query string redacted). */
  url: string;
  /** Chrome frame id when known (0 = top). */
  frameId?: number;
  parentFrameId?: number;
  isTop: boolean;
  title: string;
  /** <html lang> as written, '' when missing. */
  lang: string;
  viewport: { w: number; h: number };
  scroll: { x: number; y: number };
  nodes: SnapNode[];
  /** Milliseconds since the epoch at gather time. */
  gatheredAt: number;
  /** Wall time the gather took, and how many DOM elements were seen. */
  gatherMs: number;
  /**
   * How the snapshot was read when not whole: only the elements around the page's changes were read again, the rest
   * kept from the previous snapshot — 'in place' after text or attributes changed, 'reshaped' after elements were
   * added or removed. Either reads what a whole gather would (src/audit/gather/regather.ts, reshape.ts).
   */
  reread?: 'in place' | 'reshaped';
  /** In a 'reshaped' re-read: how many boxes moved with a region that moved as one piece, instead of being read (rigid.ts). */
  rigidlyMoved?: number;
  elementCount: number;
  /** True when the node budget was hit and the rest of the document was not read. */
  truncated?: boolean;
  /**
   * Elements whose own reading failed (the page made a member throw or clobbered it): each is left out, its children
   * are still read. Evidence that the snapshot is incomplete, never a reason to stop.
   */
  unreadElements?: number;
  /** Frames this frame could not read (cross-origin), reported by their element index. */
  unreachableFrames?: number[];
  /** Tokens, vendor hosts and test identities the document exposes to scripts (values masked). */
  exposure?: SecretScan;
  /** Verification codes the page received in its own API responses (deep inspection, opt-in), newest last. */
  receivedCodes?: { codes: string[]; url: string; at: number }[];
}

/** Everything the rules get: the frames of one tab, and what was recorded of it over time. */
export interface PageSnapshot {
  url: string;
  frames: FrameSnapshot[];
  /** Network, navigation and page-state history of the tab (absent in one-shot audits of a DOM). */
  timeline?: Timeline;
  /** When the evaluation happens (ms since epoch), for rules that judge time. */
  now?: number;
  /** The pictures of judged logos compared with the official files loaded on the options page (background only). */
  logoComparisons?: LogoComparison[];
}

export type Status = 'pass' | 'fail' | 'review' | 'not-applicable' | 'error';
export type Severity = 'critical' | 'serious' | 'moderate' | 'minor';

export interface Finding {
  severity: Severity;
  /** English. */
  message: string;
  /** What `message` was written from (catalogue keys and values), for showing it in another language. */
  messageParts?: MessagePart[];
  /** One selector per frame level; a nested array holds shadow-root hops inside one frame. */
  target: (string | string[])[];
  frameUrl: string;
  /** Which frame snapshot the node came from, for "Show on page". */
  frameId?: number;
  /** What the verdict rests on: the text found, font size, contrast, colours, selector, … */
  evidence: Record<string, unknown>;
  /** Outcome of this finding alone (a passing candidate, a failing one). */
  outcome?: 'pass' | 'fail' | 'review';
}

export interface VerdictChange {
  status: Status;
  summary: string;
  summaryParts?: MessagePart[];
  at: number;
  url: string;
}

export interface CheckResult {
  id: string;
  status: Status;
  /** The control the auditor may press to exercise this check (the cancel check's usable cancel control). */
  press?: PressTarget;
  /** English; surfaces translate it from the rule id and status (catalogue keys rule_<id>_title / _failureTitle). */
  title: string;
  /** English. */
  summary: string;
  /** What `summary` was written from (catalogue keys and values), for showing it in another language. */
  summaryParts?: MessagePart[];
  findings: Finding[];
  /** When this verdict was observed (ms since epoch). */
  observedAt?: number;
  /** False when the step the check judges has ended and this is the last verdict seen while it applied. */
  live?: boolean;
  /** Earlier verdicts of this check in this session, oldest first. */
  history?: VerdictChange[];
}

export interface TabReport {
  url: string;
  finishedAt: string;
  checks: CheckResult[];
  timing: { auditMs: number; nodes: number };
  frames: { url: string; frameId?: number; lang: string; truncated?: boolean; unreadElements?: number }[];
  /** What happened over time: pages, status-check series, states, actions, verdict changes (extension and CLI). */
  timeline?: TimelineSummary;
  /** Frames the page shows whose content the audit could not read (no access to their origin, or not loaded). */
  unaudited?: { url: string; inFrame: string; reason: string; reasonParts?: MessagePart[] }[];
}

export interface Report {
  tool: { name: string; version: string };
  reports: TabReport[];
}

/** What a rule returns before the engine adds its metadata. */
export interface RuleOutcome {
  status: Exclude<Status, 'error'>;
  /** Message key from the rule's messages, with values for its ${placeholders}. */
  summary: string;
  findings: Finding[];
  /** The control the auditor may press to exercise the check (cancel: the usable cancel control). */
  press?: PressTarget;
}

/** A control on the page, as the surfaces need it to press it ("Test cancel" in the popup, the CLI's --exercise). */
export interface PressTarget {
  target: Finding['target'];
  frameId?: number;
  frameUrl: string;
  /** Its name as the check read it. */
  name?: string;
}

export interface RuleMeta {
  id: string;
  /** Shown when the check passes or does not apply. */
  title: string;
  /** Shown when the check fails. */
  failureTitle: string;
  description: string;
  severity: Severity;
  /** Where the requirement comes from. */
  source: string;
}

export interface Rule {
  meta: RuleMeta;
  evaluate(page: PageSnapshot): RuleOutcome;
  /** The rule's message templates (English), the source of its entries in the message catalogue. */
  messages: Record<string, string>;
  /**
   * What the rule reads of the page: 'frames' when its outcome follows from the page's frame snapshots alone (never
   * its URL, time, timeline or logo comparisons), so the same frames judged again (a network event, time passing) keep
   * the verdict it gave them. Unset: it reads more, and is judged every time. The fixture runner holds every
   * 'frames' rule to it on every fixture (a page that throws on any other read).
   */
  reads?: 'frames';
}
