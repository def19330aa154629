/**
 * brand-logo: every offered Smart-ID / Mobile-ID method shows its logo, unmodified and large enough.
 * Sources: SK "Logos and buttons" (official button assets), domain.md §1.1, §6.1 BR-3..BR-5. SK's branding page
 * (minimum size, clear space) was not available, so those numbers are settings with documented defaults.
 */
import { brandOfText, controlLabel, findMethodOffers, type Brand, type MethodOffer } from '../signals/brands';
import { layoutEvidence, nodeFinding } from '../findings';
import { format } from '../messages';
import { boxDistance, isHiddenNode, isVisible, modelsOf, type FrameModel } from '../model';
import type { Finding, PageSnapshot, Rule, RuleOutcome, SnapNode } from '../types';

/** Settings (no source gives SK's numbers yet): the finding names the setting that decided. */
export const settings = {
  /** Minimum rendered logo height, CSS px. */
  minLogoHeightPx: 20,
  /** Allowed difference between rendered and natural aspect ratio. */
  aspectTolerance: 0.02,
  /** Clear space around the logo, as a share of its height; less is "needs review". */
  clearSpaceRatio: 0.25,
  /** How far from its control a logo may sit and still belong to it, CSS px. */
  nearControlPx: 80,
};

export const messages = {
  notApplicable: 'Neither Smart-ID nor Mobile-ID is offered as a method on this page.',
  pass: 'Each offered method shows its logo unmodified (${methods}).',
  fail: 'Brand logo problems: ${reasons}.',
  review: 'Brand logos need a look: ${reasons}.',
  missing: '${brand} is offered ("${name}") without its logo',
  distorted: 'the ${brand} logo is drawn at ${rendered} but its image is ${natural} (aspect ratio off by ${percent} %, setting aspectTolerance ${tolerance} %)',
  effect: 'the ${brand} logo is altered by CSS: ${effects}',
  transparent: 'the ${brand} logo is drawn at opacity ${opacity}',
  small: 'the ${brand} logo is ${height} px high (setting minLogoHeightPx: ${min} px)',
  clearSpace: 'the ${brand} logo has ${space} px of clear space to ${neighbour} (setting clearSpaceRatio: ${min} px = ${ratio} × its height)',
  unknownRatio: 'the ${brand} logo is a CSS background with background-size ${size}; its natural size could not be read to check the ratio',
  hidden: 'the ${brand} logo is hidden (${how})',
  ok: 'the ${brand} logo (${w}×${h} px) is unmodified',
  // Written when the background compares page logos with the official files (logo-compare.ts).
  differsFromOfficial: '${message}; it differs from the official logo "${name}" (${distance} of 64 bits differ, threshold ${threshold})',
  reviewOfficial: '${count} logo(s) differ from the official files loaded on the options page; compare the pictures.',
};

export const meta = {
  id: 'brand-logo',
  title: 'Smart-ID / Mobile-ID logos are shown unmodified',
  failureTitle: 'Smart-ID / Mobile-ID logos are missing or modified',
  description:
    'Where Smart-ID or Mobile-ID is offered as a method, its logo is shown next to the control, at its own proportions, without filters, blending, transparency, rotation or skew, and at a legible size with clear space around it.',
  severity: 'moderate' as const,
  source: 'SK ID Solutions logos and buttons; domain.md §1.1, §6.1 (BR-3..BR-5); size and clear space are settings',
};

const BRAND_NAME: Record<Brand, string> = { 'smart-id': 'Smart-ID', 'mobile-id': 'Mobile-ID' };

function isImage(n: SnapNode): boolean {
  return n.tag === 'img' || n.tag === 'svg' || (n.tag === 'input' && (n.attrs.type ?? '').toLowerCase() === 'image')
    || !!n.layout?.visual?.backgroundImage || !!n.layout?.pseudoImage;
}

/** What an image says it is: src, alt, title, aria-label, id/class, svg title, background URL. */
function imageWords(model: FrameModel, n: SnapNode): string {
  const parts = [n.attrs.src, n.attrs.alt, n.attrs.title, n.attrs['aria-label'], n.attrs.id, n.attrs.class, n.name, n.layout?.visual?.backgroundImage, n.layout?.pseudoImage?.url];
  if (n.tag === 'svg') parts.push(model.subtreeText(n.i, 100));
  const picture = model.node(n.parent);
  if (picture?.tag === 'picture') parts.push(picture.attrs.class, picture.attrs.id);
  return parts.filter(Boolean).join(' ');
}

/** The logo of an offer: a brand image inside the control, or next to it (same small container, or within reach). */
function findLogo(model: FrameModel, offer: MethodOffer, others: MethodOffer[]): SnapNode | undefined {
  const control = model.node(offer.node);
  const inside = model.descendants(offer.node).map((k) => model.node(k)).filter(isImage);
  inside.unshift(...(isImage(control) ? [control] : []));
  const branded = (n: SnapNode) => brandOfText(imageWords(model, n)) === offer.brand;
  // Inside the control, an image is its logo unless it names the other brand.
  const own = inside.find(branded) ?? inside.find((n) => !brandOfText(imageWords(model, n)));
  if (own) return own;
  // Next to the control: within the nearest small containers that do not also hold another offer, and close by.
  const box = control.layout?.box;
  const close = (n: SnapNode) => !box || !n.layout?.box || boxDistance(n.layout.box, box) <= settings.nearControlPx * 2;
  let scope = control.parent;
  for (let up = 0; up < 3 && scope > 0; up++) {
    if (PAGE_REGIONS.has(model.node(scope).tag)) break;
    if (others.some((o) => o.frame === model.index && o.node !== offer.node && model.contains(scope, o.node))) break;
    const near = model.descendants(scope).map((k) => model.node(k)).filter((n) => isImage(n) && branded(n) && close(n));
    if (near.length) return near[0];
    scope = model.node(scope).parent;
  }
  // Within reach on screen, named for this brand.
  if (!box) return undefined;
  return model.nodes.find((n) => isImage(n) && branded(n) && n.layout && !n.layout.hidden && boxDistance(n.layout.box, box) <= settings.nearControlPx);
}

/** Containers that are whole regions of the page, not the control's neighbourhood. */
const PAGE_REGIONS = new Set(['body', 'html', 'main', 'header', 'footer', 'nav']);

/** The control or card around the logo when it draws a visible edge (border or its own background). */
function edgeOf(model: FrameModel, logo: SnapNode): SnapNode | undefined {
  return [...model.ancestors(logo.i)].slice(0, 4).find((a) => a.layout?.edge);
}

/** The nearest visible element with text or an image that is not part of the logo, or the inner edge of its frame. */
function nearestNeighbour(model: FrameModel, logo: SnapNode, edge?: SnapNode): { distance: number; what: string } | undefined {
  const box = logo.layout!.box;
  let best: { distance: number; what: string } | undefined;
  if (edge?.layout) {
    const e = edge.layout.box;
    const inner = Math.min(box.x - e.x, box.y - e.y, e.x + e.w - (box.x + box.w), e.y + e.h - (box.y + box.h));
    if (inner >= 0) best = { distance: Math.round(inner * 10) / 10, what: `the edge of ${model.describe(edge.i)}` };
  }
  for (const n of model.nodes) {
    if (n.i === logo.i || !isVisible(n) || !(n.text || isImage(n))) continue;
    if (model.contains(logo.i, n.i) || model.contains(n.i, logo.i)) continue;
    const d = boxDistance(box, n.layout!.box);
    if (d > 200) continue;
    if (!best || d < best.distance) best = { distance: Math.round(d * 10) / 10, what: n.text ? `"${n.text.slice(0, 30)}"` : model.describe(n.i) };
  }
  return best;
}

interface Judgement {
  fails: string[];
  reviews: string[];
  evidence: Record<string, unknown>;
}

function judgeLogo(model: FrameModel, logo: SnapNode, brand: string): Judgement {
  const fails: string[] = [];
  const reviews: string[] = [];
  let l = logo.layout;
  let v = l?.visual;
  // A logo drawn by ::before / ::after: judge the pseudo-element's own size, image and effects.
  const pseudo = l?.pseudoImage;
  if (l && pseudo && !v?.backgroundImage && logo.tag !== 'img' && logo.tag !== 'svg') {
    l = { ...l, box: { ...l.box, w: pseudo.w ?? l.box.w, h: pseudo.h ?? l.box.h } };
    v = {
      natural: pseudo.natural, backgroundImage: pseudo.url, backgroundSize: pseudo.backgroundSize,
      effects: [...(v?.effects ?? []), ...(pseudo.filter ? [`filter: ${pseudo.filter}`] : [])],
      opacity: (v?.opacity ?? 1) * (Number.isFinite(pseudo.opacity) ? pseudo.opacity : 1),
    };
  }
  const evidence: Record<string, unknown> = { ...layoutEvidence(l), src: logo.attrs.src ?? v?.backgroundImage, alt: logo.attrs.alt, natural: v?.natural, effects: v?.effects, opacity: v?.opacity };
  if (!l || isHiddenNode(logo) || (l.hidden && l.hidden !== 'offscreen')) {
    fails.push(format(messages.hidden, { brand, how: l?.hidden ?? 'not rendered' }));
    return { fails, reviews, evidence };
  }
  const { w, h } = l.box;
  // Aspect ratio: an svg keeps its ratio unless preserveAspectRatio="none"; object-fit contain/cover keeps it too.
  const keepsRatio = (logo.tag === 'svg' && v?.preserveAspectRatio !== 'none') || (v?.objectFit && v.objectFit !== 'fill')
    || (v?.backgroundImage && /^(auto|contain|cover)(\s+auto)?$/.test(v.backgroundSize ?? 'auto'));
  if (v?.natural && !keepsRatio && w > 0 && h > 0) {
    const off = Math.abs(w / h / (v.natural.w / v.natural.h) - 1);
    evidence.aspectError = Math.round(off * 1000) / 10;
    if (off > settings.aspectTolerance) {
      fails.push(format(messages.distorted, { brand, rendered: `${w}×${h}`, natural: `${v.natural.w}×${v.natural.h}`, percent: Math.round(off * 1000) / 10, tolerance: settings.aspectTolerance * 100 }));
    }
  } else if (v?.backgroundImage && !v.natural && !keepsRatio) {
    reviews.push(format(messages.unknownRatio, { brand, size: v.backgroundSize }));
  }
  if (v?.effects.length) fails.push(format(messages.effect, { brand, effects: v.effects.join('; ') }));
  if (v && v.opacity < 0.99) fails.push(format(messages.transparent, { brand, opacity: v.opacity }));
  if (h < settings.minLogoHeightPx) fails.push(format(messages.small, { brand, height: h, min: settings.minLogoHeightPx }));
  const neighbour = nearestNeighbour(model, logo, edgeOf(model, logo));
  if (neighbour) {
    evidence.clearSpace = neighbour.distance;
    const min = Math.round(h * settings.clearSpaceRatio * 10) / 10;
    if (neighbour.distance < min) reviews.push(format(messages.clearSpace, { brand, space: neighbour.distance, neighbour: neighbour.what, min, ratio: settings.clearSpaceRatio }));
  }
  return { fails, reviews, evidence };
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const offers = findMethodOffers(models);
  if (!offers.length) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const findings: Finding[] = [];
  const fails: string[] = [];
  const reviews: string[] = [];
  const judgedLogos = new Set<string>();
  for (const offer of offers) {
    const model = models[offer.frame];
    const brand = BRAND_NAME[offer.brand];
    const logo = findLogo(model, offer, offers);
    const control = model.node(offer.node);
    if (!logo) {
      const msg = format(messages.missing, { brand, name: controlLabel(model, control) });
      fails.push(msg);
      findings.push(nodeFinding(models, offer.frame, offer.node, 'moderate', msg, { kind: 'missing-logo', brand, brandId: offer.brand, name: offer.name, ...layoutEvidence(control.layout) }, 'fail'));
      continue;
    }
    const key = `${offer.frame}:${logo.i}`;
    if (judgedLogos.has(key)) continue;
    judgedLogos.add(key);
    const j = judgeLogo(model, logo, brand);
    fails.push(...j.fails);
    reviews.push(...j.reviews);
    const outcome = j.fails.length ? 'fail' : j.reviews.length ? 'review' : 'pass';
    const message = outcome === 'pass' ? format(messages.ok, { brand, w: logo.layout!.box.w, h: logo.layout!.box.h }) : [...j.fails, ...j.reviews].join('; ');
    findings.push(nodeFinding(models, offer.frame, logo.i, outcome === 'fail' ? 'moderate' : 'minor', message, { kind: 'logo', brand, brandId: offer.brand, method: offer.name, ...j.evidence, settings }, outcome));
  }
  findings.sort((a, b) => (a.outcome === 'fail' ? 0 : a.outcome === 'review' ? 1 : 2) - (b.outcome === 'fail' ? 0 : b.outcome === 'review' ? 1 : 2));
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: [...new Set(fails)].join('; ') }), findings };
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: [...new Set(reviews)].join('; ') }), findings };
  const methods = [...new Set(offers.map((o) => BRAND_NAME[o.brand]))].join(', ');
  return { status: 'pass', summary: format(messages.pass, { methods }), findings };
}

export const brandLogo: Rule = { meta, evaluate, messages };
