/** Message templates: `${name}` placeholders filled from data, as axe-core and Lighthouse do. */
export type Messages = Record<string, string>;

/** English messages of the engine itself (catalogue keys engine_msg_<name>). */
export const engineMessages = {
  error: 'The check could not run: ${error}',
  frameNotAudited: 'no access to this frame\'s origin (grant it with "Audit this site"), or it has not loaded',
};

/** While an evaluation runs in another language: English template → the same template translated. */
let translateTemplate: ((template: string) => string | undefined) | undefined;

export function setTemplateTranslator(fn: typeof translateTemplate): void {
  translateTemplate = fn;
}

/** A rule's own text in the evaluation's language, when no placeholder needs filling. */
export function translated(template: string): string {
  return translateTemplate?.(template) ?? template;
}

export function format(template: string, data: object = {}): string {
  return translated(template).replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const v = (data as Record<string, unknown>)[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
