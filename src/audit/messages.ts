/** Message templates: `${name}` placeholders filled from data, as axe-core and Lighthouse do. */
export type Messages = Record<string, string>;

export function format(template: string, data: object = {}): string {
  return template.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const v = (data as Record<string, unknown>)[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
