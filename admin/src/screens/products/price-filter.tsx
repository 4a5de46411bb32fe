import { useEffect, useState } from 'react';
import { PriceBoundSchema } from '@nexus/contract';
import { Field } from '../../ui/field';

interface PriceFilterProps {
  label: string;
  value: string;
  /** The API's message for this bound, if it refused it (e.g. max below min). */
  serverError: string | undefined;
  onChange: (value: string) => void;
}

/** A price bound of the catalogue query, applied on Enter or when focus leaves, and checked like the API checks it. */
export function PriceFilter({ label, value, serverError, onChange }: PriceFilterProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
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
  return (
    <Field label={label} error={error ?? serverError}>
      {(control) => (
        <input
          {...control}
          className="price-filter"
          inputMode="decimal"
          placeholder="0.00"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={apply}
          onKeyDown={(event) => event.key === 'Enter' && apply()}
        />
      )}
    </Field>
  );
}
