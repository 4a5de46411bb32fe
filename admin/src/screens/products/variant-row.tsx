import { useId, type ComponentProps } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { combinationLabel, type OptionDraft, type ProductFormValues } from '../../lib/variant-form';
import { Badge } from '../../ui/feedback';

/** A table cell's input, named by its row and column (a visible label per cell would drown the table). */
function CellInput({ label, error, ...input }: { label: string; error: string | undefined } & ComponentProps<'input'>) {
  const id = useId();
  return (
    <>
      <input
        {...input}
        aria-label={label}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span className="cell-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

interface VariantRowProps {
  form: UseFormReturn<ProductFormValues>;
  index: number;
  combination: string[];
  options: OptionDraft[];
  onRemove: () => void;
}

/** One variant: its combination, and its SKU, price and stock to edit. */
export function VariantRow({ form, index, combination, options, onRemove }: VariantRowProps) {
  const errors = form.formState.errors.variants?.[index];
  const label = combinationLabel(combination) || `Variant ${index + 1}`;
  const matchesOptions =
    combination.length === options.length && combination.every((value, at) => options[at]?.values.includes(value));
  return (
    <tr>
      <th scope="row">
        {label}
        {matchesOptions ? null : (
          <>
            {' '}
            <Badge tone="warn">not in the options</Badge>
          </>
        )}
        {errors?.combination?.message ? (
          <span className="cell-error" role="alert">
            {errors.combination.message}
          </span>
        ) : null}
      </th>
      <td>
        <CellInput
          label={`SKU of ${label}`}
          error={errors?.sku?.message}
          className="mono"
          placeholder="Generated"
          {...form.register(`variants.${index}.sku`)}
        />
      </td>
      <td>
        <CellInput
          label={`Price of ${label}`}
          error={errors?.price?.message}
          inputMode="decimal"
          {...form.register(`variants.${index}.price`)}
        />
      </td>
      <td>
        <CellInput
          label={`Stock of ${label}`}
          error={errors?.stock?.message}
          type="number"
          min={0}
          step={1}
          {...form.register(`variants.${index}.stock`)}
        />
      </td>
      <td>
        <button type="button" className="btn small danger" onClick={onRemove}>
          Remove<span className="visually-hidden"> variant {label}</span>
        </button>
      </td>
    </tr>
  );
}
