import type { UseFormReturn } from 'react-hook-form';
import type { ProductFormValues } from '../../lib/variant-form';
import { Field } from '../../ui/field';
import { Card } from '../../ui/page';

/** Price, stock and SKU of a product sold in one variant. */
export function SimplePricingFields({ form }: { form: UseFormReturn<ProductFormValues> }) {
  const { register, formState } = form;
  const { errors } = formState;
  return (
    <Card title="Price and stock">
      <div className="form-grid">
        <Field label="Price (USD)" hint="e.g. 1299.00" error={errors.price?.message}>
          {(field) => <input {...field} {...register('price')} inputMode="decimal" />}
        </Field>
        <Field label="Stock" error={errors.stock?.message}>
          {(field) => <input {...field} {...register('stock')} type="number" min={0} step={1} />}
        </Field>
        <Field label="SKU" hint="Leave empty to have one generated." error={errors.sku?.message}>
          {(field) => <input {...field} {...register('sku')} className="mono" />}
        </Field>
      </div>
    </Card>
  );
}
