import { useEffect, useState } from 'react';
import { Field } from './field';

interface SearchInputProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Wait this long after the last keystroke before searching. */
  delayMs?: number;
}

/** A search box that asks the server once typing pauses, not once per keystroke. */
export function SearchInput({ label, value, onSearch, placeholder, delayMs = 300 }: SearchInputProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onSearch(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch, delayMs]);
  return (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          type="search"
          value={draft}
          placeholder={placeholder}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && onSearch(draft)}
        />
      )}
    </Field>
  );
}
