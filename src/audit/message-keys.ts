/**
 * Catalogue keys of what the engine writes (rule and engine messages, check titles), shared by the engine, which
 * records keys in reports, and by the message catalogue (src/i18n/catalogue.ts), which writes the messages under them.
 */
import { engineMessages } from './messages';
import type { Rule, Status } from './types';

/** Keys chrome.i18n accepts: letters, digits, underscore. */
export function keyOf(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** The key of a check's title: the failure title when it fails, its title otherwise. */
export function checkTitleKey(ruleId: string, status: Status | string): string {
  return keyOf('rule', ruleId, status === 'fail' ? 'failureTitle' : 'title');
}

export function engineMessageKey(name: keyof typeof engineMessages): string {
  return keyOf('engine', 'msg', name);
}

/** English template → its catalogue keys (several rules may share a wording): rule messages and the engine's. */
export type TemplateKeys = Map<string, string[]>;

function add(map: TemplateKeys, template: string, key: string): void {
  const keys = map.get(template);
  if (!keys) map.set(template, [key]);
  else if (!keys.includes(key)) keys.push(key);
}

/** The templates of one rule's messages (`rule_<id>_msg_<name>`). */
export function addRuleTemplates(map: TemplateKeys, ruleId: string, messages: Record<string, string>): TemplateKeys {
  for (const [name, template] of Object.entries(messages)) add(map, template, keyOf('rule', ruleId, 'msg', name));
  return map;
}

const built = new WeakMap<readonly Pick<Rule, 'meta' | 'messages'>[], TemplateKeys>();

/** The template keys of a rule set and of the engine, built once per rule set. */
export function templateKeysOf(rules: readonly Pick<Rule, 'meta' | 'messages'>[]): TemplateKeys {
  let map = built.get(rules);
  if (map) return map;
  map = new Map();
  for (const rule of rules) addRuleTemplates(map, rule.meta.id, rule.messages ?? {});
  for (const [name, template] of Object.entries(engineMessages)) add(map, template, engineMessageKey(name as keyof typeof engineMessages));
  built.set(rules, map);
  return map;
}
