/**
 * The message catalogue, Lighthouse-style: English strings live next to the code that uses them (each rule's
 * messages and metadata, the popup's, panel's, settings' and review page's labels, the report's labels); this module
 * collects them under stable chrome.i18n-compatible keys. `npm run catalogue` writes them to
 * public/_locales/en/messages.json, and translations live beside it in _locales/<lang>/messages.json.
 */
import { engineMessages, keyOf, rules, templateKeysOf, timelineMessages } from '../audit';
import { strings as popupStrings } from '../popup/strings';
import { permissionStrings } from '../popup/permission-strings';
import { panelStrings } from '../content/panel-strings';
import { optionsStrings } from '../options/strings';
import { labels as reviewPageLabels } from '../review-page/labels';
import { ReviewStrings } from '../review/strings';
import { ViewStrings } from '../view/strings';
import { evidenceFieldLabels } from '../view/evidence-fields';

/** Keys chrome.i18n accepts (letters, digits, underscore); the engine records the same keys in reports. */
export { keyOf };

/** Code templates write ${name}; catalogue messages write {name} (a `$` would be chrome.i18n syntax). */
export function toCatalogueText(template: string): string {
  return template.replace(/\$\{(\w+)\}/g, '{$1}');
}

function flatten(prefix: string, obj: Record<string, unknown>, out: Record<string, string>): void {
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[keyOf(prefix, k)] = toCatalogueText(v);
    else if (v && typeof v === 'object') flatten(keyOf(prefix, k), v as Record<string, unknown>, out);
  }
}

/** Every English string the product shows, by key. */
export function englishCatalogue(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    const id = rule.meta.id;
    out[keyOf('rule', id, 'title')] = rule.meta.title;
    out[keyOf('rule', id, 'failureTitle')] = rule.meta.failureTitle;
    out[keyOf('rule', id, 'description')] = rule.meta.description;
    flatten(keyOf('rule', id, 'msg'), rule.messages, out);
  }
  flatten('popup', popupStrings as unknown as Record<string, unknown>, out);
  flatten('popup_permission', permissionStrings, out);
  for (const [k, v] of Object.entries(panelStrings)) out[k.startsWith('panel_') ? keyOf(k) : keyOf('panel', k)] = toCatalogueText(v);
  flatten('options', optionsStrings, out);
  flatten('reviewpage', reviewPageLabels as unknown as Record<string, unknown>, out);
  for (const [k, v] of Object.entries(ViewStrings)) out[keyOf(k)] = v;
  for (const [k, v] of Object.entries(ReviewStrings)) out[keyOf(k)] = v;
  flatten(keyOf('engine', 'msg'), engineMessages, out);
  for (const [k, v] of Object.entries(timelineMessages)) out[keyOf('timeline', 'text', k)] = v;
  for (const [k, v] of Object.entries(evidenceFieldLabels)) out[keyOf('field', k)] = v;
  return out;
}

let templateKeys: Map<string, string> | undefined;

/**
 * English template (as written in code) → catalogue key: the engine's map of rule and engine templates
 * (src/audit/message-keys.ts, the one the engine records reports with) plus the rules' titles and descriptions.
 */
export function ruleTemplateKeys(): Map<string, string> {
  if (templateKeys) return templateKeys;
  const map = new Map<string, string>();
  for (const [template, keys] of templateKeysOf(rules)) map.set(template, keys[0]);
  for (const rule of rules) {
    const id = rule.meta.id;
    map.set(rule.meta.title, keyOf('rule', id, 'title'));
    map.set(rule.meta.failureTitle, keyOf('rule', id, 'failureTitle'));
    map.set(rule.meta.description, keyOf('rule', id, 'description'));
  }
  templateKeys = map;
  return map;
}
