import { useEffect, useRef, useState } from 'react';
import { Field } from './field';

interface SearchInputProps {
  label: string;
  /** The search in effect (from the URL: trimmed). */
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Wait this long after the last keystroke before searching. */
  delayMs?: number;
}

/** A search box that asks the server once typing pauses, not once per keystroke. */
export function SearchInput({ label, value, onSearch, placeholder, delayMs = 300 }: SearchInputProps) {
  const [draft, setDraft] = useState(value);
  // The latest callback without restarting the wait: screens pass a new function on every render.
  const search = useRef(onSearch);
  search.current = onSearch;
  useEffect(() => setDraft((current) => (current.trim() === value ? current : value)), [value]);
  useEffect(() => {
    // The URL keeps the search trimmed: "ada " is already in effect as "ada".
    if (draft.trim() === value) return;
    const timer = setTimeout(() => search.current(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);
  return (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          type="search"
          value={draft}
          placeholder={placeholder}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && draft.trim() !== value && onSearch(draft)}
        />
      )}
    </Field>
  );
}
