import { useEffect, useRef, useState } from 'react';
import { PriceBoundSchema } from '@nexus/contract';
import { Field } from '../../ui/field';

interface PriceFilterProps {
  label: string;
  value: string;
  /** The API's message for this bound, if it refused it (e.g. max below min). */
  serverError: string | undefined;
  onChange: (value: string) => void;
}

/** A price bound of the catalogue query, applied when typing pauses, on Enter or on leaving, checked as the API does. */
export function PriceFilter({ label, value, serverError, onChange }: PriceFilterProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>(undefined);
  // Applied once typing pauses, as the search box is; Enter and leaving the box apply at once.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
    clearTimeout(pending.current);
    if (draft.trim() === '') {
      setError(undefined);
      if (value !== '') onChange('');
      return;
    }
    const parsed = PriceBoundSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'must be a decimal such as 10 or 99.99');
      return;
    }
    setError(undefined);
    if (parsed.data !== value) onChange(parsed.data);
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;
  return (
    <Field label={label} error={error ?? serverError}>
      {(control) => (
        <input
          {...control}
          className="price-filter"
          inputMode="decimal"
          placeholder="0.00"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            clearTimeout(pending.current);
            pending.current = setTimeout(() => applyRef.current(), 500);
          }}
          onBlur={apply}
          onKeyDown={(event) => event.key === 'Enter' && apply()}
        />
      )}
    </Field>
  );
}
