import { useWatch, type UseFieldArrayReturn, type UseFormReturn } from 'react-hook-form';
import { MAX_VARIANTS } from '@nexus/contract';
import type { ProductFormValues } from '../../lib/variant-form';
import { generateVariants } from '../../lib/variant-combinations';
import { EmptyState } from '../../ui/feedback';
import { useToast } from '../../ui/toast';
import { VariantRow } from './variant-row';

interface VariantsTableProps {
  form: UseFormReturn<ProductFormValues>;
  variants: UseFieldArrayReturn<ProductFormValues, 'variants'>;
}

/** The variants, one row per combination of the options; the missing combinations can be generated. */
export function VariantsTable({ form, variants }: VariantsTableProps) {
  const options = useWatch({ control: form.control, name: 'options' });
  const notify = useToast();
  const ready = options.length > 0 && options.every((option) => option.name.trim() && option.values.length);
  const rootError = form.formState.errors.variants?.root?.message ?? form.formState.errors.variants?.message;
  const generate = () => {
    const before = variants.fields.length;
    const { variants: rows, notAdded } = generateVariants(form.getValues());
    variants.replace(rows);
    const added = rows.length - before;
    notify(
      notAdded
        ? `${added} added; ${notAdded} more combinations do not fit (a product has at most ${MAX_VARIANTS} variants).`
        : added
          ? `${added} variant${added === 1 ? '' : 's'} added.`
          : 'Every combination has a variant already.',
    );
  };
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 style={{ margin: 0 }}>Variants</h3>
        <button type="button" className="btn" disabled={!ready} onClick={generate}>
          Generate missing variants
        </button>
      </div>
      {rootError ? (
        <p className="alert error" role="alert">
          {rootError}
        </p>
      ) : null}
      {variants.fields.length === 0 ? (
        <EmptyState>
          {ready ? 'No variants yet: generate them from the options.' : 'Name each option and give it values first.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="variants-table">
            <caption className="visually-hidden">Variants</caption>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col">SKU</th>
                <th scope="col">Price (USD)</th>
                <th scope="col">Stock</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {variants.fields.map((field, index) => (
                <VariantRow
                  key={field.id}
                  form={form}
                  index={index}
                  combination={field.combination}
                  options={options}
                  onRemove={() => variants.remove(index)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
