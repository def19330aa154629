/**
 * A text field of the review page that keeps what the reviewer typed until the store holds it. The page re-renders on
 * every write it makes (a verdict chosen a moment before the note is typed), and a field whose value is only the
 * stored one would be set back to it meanwhile: the typing gone, and no change event left to save it.
 */
import { useEffect, useState } from 'preact/hooks';

/** The attributes the page gives its fields besides the value. */
type Shared = { id?: string; rows?: number; placeholder?: string; 'data-note'?: string };

export function TextField({
  stored,
  onSave,
  multiline = false,
  ...attrs
}: Shared & { stored: string; onSave: (value: string) => void; multiline?: boolean }) {
  // What the reviewer typed and the store does not hold yet (null: nothing of the kind).
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => {
    if (draft === stored) setDraft(null);
  }, [draft, stored]);
  const props = {
    ...attrs,
    value: draft ?? stored,
    onInput: (e: Event) => setDraft((e.target as HTMLInputElement).value),
    onChange: (e: Event) => onSave((e.target as HTMLInputElement).value),
  };
  return multiline ? <textarea {...props} /> : <input type="text" {...props} />;
}
