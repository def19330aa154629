/**
 * brand-logo: Smart-ID / Mobile-ID logos, wherever the page draws them (method choice, step heading, "Sign with …"
 * line, button, card), are unmodified and large enough; every offered method shows its logo.
 * Sources: SK "Logos and buttons" (official button assets), domain.md §1.1, §6.1 BR-3..BR-5. SK's branding page
 * (minimum size, clear space) was not available, so those numbers are settings with documented defaults; that a
 * phone step shows the mark of its method is guidance, not a sourced rule, and only ever "needs review".
 */
import {
  brandOfText,
  controlLabel,
  findBrandMarks,
  findMethodOffers,
  isImageNode,
  markPlacement,
  type Brand,
  type MethodOffer,
} from '../signals/brands';
import { findConfirmationStep } from '../signals/step';
import { layoutEvidence, nodeFinding } from '../findings';
import { format } from '../messages';
import { LOGO_HASH_THRESHOLD, type LogoComparison } from '../logo-compare';
import { boxDistance, isHiddenNode, isVisible, modelsOf, type FrameModel } from '../model';
import type { Box, Finding, NodeVisual, PageSnapshot, Rule, RuleOutcome, SnapNode } from '../types';

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
  notApplicable: 'Smart-ID and Mobile-ID are not offered as a method, not used in a phone step and not shown as a logo on this page.',
  pass: 'Each offered method shows its logo unmodified (${methods}).',
  passShown: 'Every Smart-ID / Mobile-ID logo on the page is shown unmodified (${methods}).',
  fail: 'Brand logo problems: ${reasons}.',
  review: 'Brand logos need a look: ${reasons}.',
  missing: '${brand} is offered ("${name}") without its logo',
  distorted:
    'the ${brand} logo is drawn at ${rendered} but its image is ${natural} (aspect ratio off by ${percent} %, setting aspectTolerance ${tolerance} %)',
  effect: 'the ${brand} logo is altered by CSS: ${effects}',
  transparent: 'the ${brand} logo is drawn at opacity ${opacity}',
  small: 'the ${brand} logo is ${height} px high (setting minLogoHeightPx: ${min} px)',
  clearSpace:
    'the ${brand} logo has ${space} px of clear space to ${neighbour} (setting clearSpaceRatio: ${min} px = ${ratio} × its height)',
  unknownRatio: 'the ${brand} logo is a CSS background with background-size ${size}; its natural size could not be read to check the ratio',
  sizeUnknown:
    'the ${brand} logo is a CSS background (background-size ${size}) whose image size is unknown: the auditor loads no image the page does not show as an image, so the size it is drawn at could not be checked',
  hidden: 'the ${brand} logo is hidden (${how})',
  cropped:
    'the ${brand} logo is cropped: ${how} fits the ${natural} image into a ${rendered} box, cutting off ${cut} % of it (aspect ratio off by ${percent} %, setting aspectTolerance ${tolerance} %)',
  ok: 'the ${brand} logo (${w}×${h} px) is unmodified',
  noMark: 'the ${brand} step ("${text}") shows no ${brand} logo; showing the mark where the method is used is guidance, not a sourced rule',
  // Written when the background compares page logos with the official files (logo-compare.ts).
  differsFromOfficial: '${message}; it differs from the official logo "${name}" (${distance} of 64 bits differ, threshold ${threshold})',
  reviewOfficial: '${count} logo(s) differ from the official files loaded on the options page; compare the pictures.',
};

export const meta = {
  id: 'brand-logo' as const,
  title: 'Smart-ID / Mobile-ID logos are shown unmodified',
  failureTitle: 'Smart-ID / Mobile-ID logos are missing or modified',
  description:
    'Wherever a Smart-ID or Mobile-ID logo appears (method choice, step heading, "Sign with …" line, button, card), it keeps its own proportions, has no filters, blending, transparency, rotation or skew, and is legible with clear space around it. An offered method shows its logo next to its control; a phone step that shows no mark of its method needs a look.',
  severity: 'moderate' as const,
  source:
    'SK ID Solutions logos and buttons; domain.md §1.1, §6.1 (BR-3..BR-5); size and clear space are settings; the mark in the phone step is guidance',
};

const BRAND_NAME: Record<Brand, string> = { 'smart-id': 'Smart-ID', 'mobile-id': 'Mobile-ID' };

const isImage = isImageNode;

/** What an image says it is: src, alt, title, aria-label, id/class, svg title, background URL. */
function imageWords(model: FrameModel, n: SnapNode): string {
  const parts = [
    n.attrs.src,
    n.attrs.alt,
    n.attrs.title,
    n.attrs['aria-label'],
    n.attrs.id,
    n.attrs.class,
    n.name,
    n.layout?.visual?.backgroundImage,
    n.layout?.pseudoImage?.url,
  ];
  if (n.tag === 'svg') parts.push(model.subtreeText(n.i, 100));
  const picture = model.node(n.parent);
  if (picture?.tag === 'picture') parts.push(picture.attrs.class, picture.attrs.id);
  return parts.filter(Boolean).join(' ');
}

/**
 * An icon, not a logo: icon-library classes (MUI, Material, Font Awesome, Bootstrap Icons…), or a small square
 * image hidden from assistive technology, never a wide one. Only asked of images that name no brand.
 */
function isIcon(n: SnapNode): boolean {
  const box = n.layout?.box;
  // Icon glyphs are square-ish; a wide image is a logo even when a sprite system classes it "icon".
  if (box && box.h > 0 && box.w / box.h >= 1.5) return false;
  if (ICON_CLASS.test(n.attrs.class ?? '')) return true;
  const small = !!box && box.w <= 32 && box.h <= 32 && box.w > 0 && box.h > 0 && Math.max(box.w / box.h, box.h / box.w) <= 1.25;
  return n.attrs['aria-hidden'] === 'true' && small;
}

const ICON_CLASS =
  /(^|\s)(Mui(?:(?!Icon)\w)*Icon[\w-]*|material-icons[\w-]*|material-symbols[\w-]*|fa[srlbd]?|fa-[\w-]+|svg-inline--fa|bi|bi-[\w-]+|glyphicon[\w-]*|icon|icons|ico|feather[\w-]*|lucide[\w-]*|heroicon[\w-]*|anticon[\w-]*)(?=\s|$)/i;

/** The logo of an offer: a brand image inside the control, or next to it (same small container, or within reach). */
function findLogo(model: FrameModel, offer: MethodOffer, others: MethodOffer[]): SnapNode | undefined {
  const control = model.node(offer.node);
  // A radio's label[for] is part of the control: its logo sits there (Bootstrap btn-check, custom radio cards).
  const labels =
    control.tag === 'input' && control.attrs.id ? model.nodes.filter((n) => n.tag === 'label' && n.attrs.for === control.attrs.id) : [];
  const inside = [offer.node, ...labels.map((l) => l.i)]
    .flatMap((k) => model.descendants(k))
    .map((k) => model.node(k))
    .filter(isImage);
  inside.unshift(...(isImage(control) ? [control] : []));
  const branded = (n: SnapNode) => brandOfText(imageWords(model, n)) === offer.brand;
  const unbranded = (n: SnapNode) => !brandOfText(imageWords(model, n)) && !isIcon(n);
  // Inside the control, an image is its logo unless it names the other brand or is an icon (a generic phone glyph).
  const own = inside.find(branded) ?? inside.find(unbranded);
  if (own) return own;
  // Next to the control: within the nearest small containers that do not also hold another offer, and close by.
  const box = control.layout?.box;
  const close = (n: SnapNode) => !box || !n.layout?.box || boxDistance(n.layout.box, box) <= settings.nearControlPx * 2;
  let scope = control.parent;
  for (let up = 0; up < 3 && scope > 0; up++) {
    if (PAGE_REGIONS.has(model.node(scope).tag)) break;
    if (others.some((o) => o.frame === model.index && o.node !== offer.node && model.contains(scope, o.node))) break;
    const near = model
      .descendants(scope)
      .map((k) => model.node(k))
      .filter((n) => isImage(n) && branded(n) && close(n));
    if (near.length) return near[0];
    // A decorative logo beside the control in its own row (alt="", the control names the method): the one unbranded,
    // non-icon image among the control's siblings, when the row holds no other control.
    if (up === 0 && box) {
      const siblings = model.children[scope].map((k) => model.node(k)).filter((n) => n.i !== offer.node);
      const images = siblings.filter(
        (n) => isImage(n) && unbranded(n) && n.layout && boxDistance(n.layout.box, box) <= settings.nearControlPx,
      );
      const busy = model
        .descendants(scope, 60)
        .some((k) => k !== offer.node && !model.contains(offer.node, k) && (model.node(k).control || isOfferLike(model.node(k))));
      if (images.length === 1 && !busy) return images[0];
    }
    scope = model.node(scope).parent;
  }
  // Within reach on screen, named for this brand.
  if (!box) return undefined;
  return model.nodes.find(
    (n) => isImage(n) && branded(n) && n.layout && !n.layout.hidden && boxDistance(n.layout.box, box) <= settings.nearControlPx,
  );
}

/** Form fields and radios: a row that holds one is a form, not a method row. */
function isOfferLike(n: SnapNode): boolean {
  return n.tag === 'input' || n.tag === 'select' || n.tag === 'textarea';
}

/** Containers that are whole regions of the page, not the control's neighbourhood. */
const PAGE_REGIONS = new Set(['body', 'html', 'main', 'header', 'footer', 'nav']);

/** The control or card around the logo when it draws a visible edge (border or its own background). */
function edgeOf(model: FrameModel, logo: SnapNode): SnapNode | undefined {
  return model.firstUp(logo.parent, drawsEdge, 4);
}
const drawsEdge = (a: SnapNode) => !!a.layout?.edge;

/** The nearest visible element with text or an image that is not part of the logo, or the inner edge of its frame. */
function nearestNeighbour(model: FrameModel, logo: SnapNode, box: Box, edge?: SnapNode): { distance: number; what: string } | undefined {
  let best: { distance: number; what: string } | undefined;
  if (edge?.layout) {
    const e = edge.layout.box;
    const inner = Math.min(box.x - e.x, box.y - e.y, e.x + e.w - (box.x + box.w), e.y + e.h - (box.y + box.h));
    if (inner >= 0) best = { distance: Math.round(inner * 10) / 10, what: `the edge of ${model.describe(edge.i)}` };
  }
  for (const n of model.nodes) {
    // Whatever paints next to the logo: text, a picture, a field's value, an edge (a button's or a card's border).
    const words = n.text ?? (n.tag === 'input' ? n.attrs.value : undefined);
    if (n.i === logo.i || !isVisible(n) || !(words || isImage(n) || n.layout?.edge)) continue;
    if (model.contains(logo.i, n.i) || model.contains(n.i, logo.i)) continue;
    // An edge drawn around the logo is its container's (a web component's shadow button around a slotted logo).
    const b = n.layout!.box;
    if (!words && !isImage(n) && b.x <= box.x && b.y <= box.y && b.x + b.w >= box.x + box.w && b.y + b.h >= box.y + box.h) continue;
    const d = boxDistance(box, b);
    if (d > 200) continue;
    if (!best || d < best.distance)
      best = { distance: Math.round(d * 10) / 10, what: words ? `"${words.slice(0, 30)}"` : model.describe(n.i) };
  }
  return best;
}

interface Judgement {
  fails: string[];
  reviews: string[];
  evidence: Record<string, unknown>;
  /** The size the image is drawn at (its box, or less when CSS fits it inside). */
  drawn?: { w: number; h: number };
}

/**
 * How the image is drawn in its box: 'keep' (contain, auto, an svg's default) keeps the ratio at the size given;
 * 'stretch' draws it at w×h whatever its ratio; 'crop' (cover, svg slice) fills the box and cuts off the overflow;
 * 'unknown' when the CSS size could not be read.
 */
type Fit = { kind: 'keep' | 'stretch' | 'crop' | 'unknown'; w?: number; h?: number; how?: string };

function fitOf(logo: SnapNode, v: NodeVisual | undefined, w: number, h: number): Fit {
  if (logo.tag === 'svg' && !v?.backgroundImage) {
    const par = v?.preserveAspectRatio ?? '';
    if (par === 'none') return { kind: 'stretch', w, h };
    return /slice/.test(par) ? { kind: 'crop', how: `preserveAspectRatio="${par}"` } : { kind: 'keep' };
  }
  if (v?.objectFit === 'cover') return { kind: 'crop', how: 'object-fit: cover' };
  // none: drawn at its own size, clipped by the box.
  if (v?.objectFit === 'none') return { kind: 'keep', w: v.natural && Math.min(v.natural.w, w), h: v.natural && Math.min(v.natural.h, h) };
  if (v?.objectFit && v.objectFit !== 'fill') return { kind: 'keep' };
  if (!v?.backgroundImage) return { kind: 'stretch', w, h };
  // The first background layer: "contain", "cover", or one or two of auto / px / %.
  const size = (v.backgroundSize ?? 'auto').split(',')[0].trim();
  if (size === 'contain') return { kind: 'keep' };
  if (size === 'cover') return { kind: 'crop', how: 'background-size: cover' };
  const parts = size.split(/\s+/);
  const length = (t: string | undefined, of: number): number | 'auto' | undefined => {
    if (t === undefined || t === 'auto') return 'auto';
    const m = /^(-?[\d.]+)(px|%)$/.exec(t);
    if (!m) return undefined;
    return m[2] === '%' ? (Number(m[1]) / 100) * of : Number(m[1]);
  };
  const bw = length(parts[0], w),
    bh = length(parts[1], h);
  if (bw === undefined || bh === undefined) return { kind: 'unknown' };
  const natural = v.natural;
  if (bw === 'auto' && bh === 'auto') return { kind: 'keep', w: natural && Math.min(natural.w, w), h: natural && Math.min(natural.h, h) };
  if (bw === 'auto') return { kind: 'keep', w: natural ? ((bh as number) * natural.w) / natural.h : undefined, h: bh as number };
  if (bh === 'auto') return { kind: 'keep', w: bw, h: natural ? (bw * natural.h) / natural.w : undefined };
  return { kind: 'stretch', w: bw, h: bh };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
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
      natural: pseudo.natural,
      backgroundImage: pseudo.url,
      backgroundSize: pseudo.backgroundSize,
      // What recolours or distorts the element (or an ancestor) recolours its pseudo-element too.
      effects: [...(v?.effects ?? pseudo.effects ?? []), ...(pseudo.filter ? [`filter: ${pseudo.filter}`] : [])],
      opacity: (v?.opacity ?? pseudo.inheritedOpacity ?? 1) * (Number.isFinite(pseudo.opacity) ? pseudo.opacity : 1),
    };
  }
  const evidence: Record<string, unknown> = {
    ...layoutEvidence(l),
    src: logo.attrs.src ?? v?.backgroundImage,
    alt: logo.attrs.alt,
    natural: v?.natural,
    effects: v?.effects,
    opacity: v?.opacity,
  };
  if (!l || isHiddenNode(logo) || (l.hidden && l.hidden !== 'offscreen')) {
    fails.push(format(messages.hidden, { brand, how: l?.hidden ?? 'not rendered' }));
    return { fails, reviews, evidence };
  }
  const { w, h } = l.box;
  const natural = v?.natural;
  const ratio = natural && natural.w > 0 && natural.h > 0 ? natural.w / natural.h : undefined;
  // The size the image is drawn at: CSS may fit it inside its box (contain, a background-size in px or %).
  const fit = fitOf(logo, v, w, h);
  let drawn = { w: fit.w ?? w, h: fit.h ?? h };
  if (fit.kind === 'keep' && ratio && fit.w === undefined && fit.h === undefined && w > 0 && h > 0) {
    drawn = w / h > ratio ? { w: h * ratio, h } : { w, h: w / ratio };
  }
  if (fit.kind === 'crop') drawn = { w, h };
  drawn = { w: round1(drawn.w), h: round1(drawn.h) };
  if (ratio && (fit.kind === 'stretch' || fit.kind === 'crop') && drawn.w > 0 && drawn.h > 0) {
    const shown = drawn.w / drawn.h;
    const off = Math.abs(shown / ratio - 1);
    evidence.aspectError = round1(off * 100);
    if (off > settings.aspectTolerance) {
      const values = {
        brand,
        rendered: `${drawn.w}×${drawn.h}`,
        natural: `${natural!.w}×${natural!.h}`,
        percent: round1(off * 100),
        tolerance: settings.aspectTolerance * 100,
      };
      // Cover fills the box and cuts off what overflows: say how much of the logo is out of view. (Told as a CSS
      // alteration, so the message catalogue needs no new entry.)
      const cut = Math.round((1 - Math.min(shown / ratio, ratio / shown)) * 100);
      if (fit.kind === 'crop')
        fails.push(
          format(messages.cropped, {
            brand,
            how: fit.how,
            natural: values.natural,
            rendered: values.rendered,
            cut,
            percent: values.percent,
            tolerance: values.tolerance,
          }),
        );
      else fails.push(format(messages.distorted, values));
    }
  } else if (v?.backgroundImage && !ratio && (fit.kind === 'stretch' || fit.kind === 'crop' || fit.kind === 'unknown')) {
    reviews.push(format(messages.unknownRatio, { brand, size: v.backgroundSize }));
    evidence.naturalSize = 'unknown';
  } else if (v?.backgroundImage && !ratio) {
    // Kept in proportion (contain, auto), but drawn at a size that depends on the image's own: not known without
    // loading it, which the auditor does not do. Its box is no measure of the logo, so neither pass nor fail.
    reviews.push(format(messages.sizeUnknown, { brand, size: v.backgroundSize }));
    evidence.naturalSize = 'unknown';
  }
  if (v?.effects.length) fails.push(format(messages.effect, { brand, effects: v.effects.join('; ') }));
  if (v && v.opacity < 0.99) fails.push(format(messages.transparent, { brand, opacity: v.opacity }));
  if (drawn.h < settings.minLogoHeightPx) fails.push(format(messages.small, { brand, height: drawn.h, min: settings.minLogoHeightPx }));
  // Clear space around what is drawn: an image fitted inside a larger box sits in its middle (object-position and
  // the usual background-position: center of icon boxes).
  const rect: Box = { x: l.box.x + (w - drawn.w) / 2, y: l.box.y + (h - drawn.h) / 2, w: drawn.w, h: drawn.h };
  const neighbour = nearestNeighbour(model, logo, drawn.w <= w && drawn.h <= h ? rect : l.box, edgeOf(model, logo));
  if (neighbour) {
    evidence.clearSpace = neighbour.distance;
    const min = Math.round(drawn.h * settings.clearSpaceRatio * 10) / 10;
    if (neighbour.distance < min)
      reviews.push(
        format(messages.clearSpace, { brand, space: neighbour.distance, neighbour: neighbour.what, min, ratio: settings.clearSpaceRatio }),
      );
  }
  return { fails, reviews, evidence, drawn };
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const offers = findMethodOffers(models);
  const marks = findBrandMarks(models);
  const step = findConfirmationStep(models);
  // The phone step itself (a code, a compare instruction, a waiting message), not a PIN hint in a help text.
  const stepMethod = step.strength === 'strong' ? step.method : undefined;
  if (!offers.length && !marks.length && !stepMethod) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const findings: Finding[] = [];
  const fails: string[] = [];
  const reviews: string[] = [];
  const judgedLogos = new Set<string>();
  /** Brands whose mark the page shows (a logo found for an offer, or an image named for the brand). */
  const shown = new Set<Brand>();
  const judge = (frame: number, logo: SnapNode, brandId: Brand, where: Record<string, unknown>): boolean => {
    const key = `${frame}:${logo.i}`;
    if (judgedLogos.has(key)) return false;
    judgedLogos.add(key);
    shown.add(brandId);
    const brand = BRAND_NAME[brandId];
    const j = judgeLogo(models[frame], logo, brand);
    fails.push(...j.fails);
    reviews.push(...j.reviews);
    const outcome = j.fails.length ? 'fail' : j.reviews.length ? 'review' : 'pass';
    const size = j.drawn ?? logo.layout!.box;
    const message = outcome === 'pass' ? format(messages.ok, { brand, w: size.w, h: size.h }) : [...j.fails, ...j.reviews].join('; ');
    findings.push(
      nodeFinding(
        models,
        frame,
        logo.i,
        outcome === 'fail' ? 'moderate' : 'minor',
        message,
        { kind: 'logo', brand, brandId, ...where, ...j.evidence, settings },
        outcome,
      ),
    );
    return true;
  };
  for (const offer of offers) {
    const model = models[offer.frame];
    const logo = findLogo(model, offer, offers);
    const control = model.node(offer.node);
    if (!logo) {
      const brand = BRAND_NAME[offer.brand];
      const msg = format(messages.missing, { brand, name: controlLabel(model, control) });
      fails.push(msg);
      findings.push(
        nodeFinding(
          models,
          offer.frame,
          offer.node,
          'moderate',
          msg,
          { kind: 'missing-logo', brand, brandId: offer.brand, name: offer.name, ...layoutEvidence(control.layout) },
          'fail',
        ),
      );
      continue;
    }
    judge(offer.frame, logo, offer.brand, { method: offer.name, placement: 'method choice' });
  }
  // Every other mark the page draws: in a step heading, a "Sign with …" line, on a button, in a card or the footer.
  let elsewhere = 0;
  for (const mark of marks) {
    const model = models[mark.frame];
    if (
      judge(mark.frame, model.node(mark.node), mark.brand, {
        placement: markPlacement(model, mark.node),
        recognisedBy: `${mark.source}: "${mark.words}"`,
      })
    )
      elsewhere++;
  }
  // A phone step that uses a method without any mark of it: guidance, so "needs review" and never a failure.
  // (An offered method without its logo already fails above.)
  if (stepMethod && !shown.has(stepMethod) && !offers.some((o) => o.brand === stepMethod)) {
    const anchor = step.anchors.find((a) => a.kind !== 'pin-entry') ?? step.anchors[0];
    const brand = BRAND_NAME[stepMethod];
    const msg = format(messages.noMark, { brand, text: anchor.text.slice(0, 80) });
    reviews.push(msg);
    findings.push(
      nodeFinding(
        models,
        anchor.frame,
        anchor.node,
        'minor',
        msg,
        { kind: 'no-mark', brand, brandId: stepMethod, stepText: anchor.text },
        'review',
      ),
    );
  }
  const differing = judgeOfficialLogos(findings, page.logoComparisons);
  findings.sort(
    (a, b) => (a.outcome === 'fail' ? 0 : a.outcome === 'review' ? 1 : 2) - (b.outcome === 'fail' ? 0 : b.outcome === 'review' ? 1 : 2),
  );
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: [...new Set(fails)].join('; ') }), findings };
  if (differing) return { status: 'review', summary: format(messages.reviewOfficial, { count: differing }), findings };
  if (reviews.length)
    return { status: 'review', summary: format(messages.review, { reasons: [...new Set(reviews)].join('; ') }), findings };
  if (offers.length && !elsewhere)
    return {
      status: 'pass',
      summary: format(messages.pass, { methods: [...new Set(offers.map((o) => BRAND_NAME[o.brand]))].join(', ') }),
      findings,
    };
  return { status: 'pass', summary: format(messages.passShown, { methods: [...shown].map((b) => BRAND_NAME[b]).join(', ') }), findings };
}

export const brandLogo = { meta, evaluate, messages } satisfies Rule;

/**
 * The official logo files (options page) against the pictures the background took of the logos judged here: a
 * matching logo gains the comparison as evidence; one far from every official file of its brand turns its finding
 * into "needs review" with both pictures (a failing finding stays failing). Returns how many differ.
 */
export function judgeOfficialLogos(findings: Finding[], comparisons: LogoComparison[] | undefined): number {
  if (!comparisons?.length) return 0;
  const byTarget = new Map(comparisons.map((c) => [c.target, c]));
  let differing = 0;
  for (const f of findings) {
    const c = f.evidence.kind === 'logo' ? byTarget.get(JSON.stringify(f.target)) : undefined;
    if (!c?.closest) continue;
    Object.assign(f.evidence, {
      logoHash: c.hash,
      official: c.closest.name,
      hashDistance: c.closest.distance,
      picture: c.picture,
      officialPicture: c.closest.dataUrl,
    });
    if (c.closest.distance <= LOGO_HASH_THRESHOLD) continue;
    differing++;
    f.message = format(messages.differsFromOfficial, {
      message: f.message,
      name: c.closest.name,
      distance: c.closest.distance,
      threshold: LOGO_HASH_THRESHOLD,
    });
    if (f.outcome !== 'fail') f.outcome = 'review';
  }
  return differing;
}
