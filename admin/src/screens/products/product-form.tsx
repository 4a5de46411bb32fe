import type { ReactNode } from 'react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { Link } from 'react-router';
import type { ProductFormValues } from '../../lib/variant-form';
import { Card } from '../../ui/page';
import { OptionsEditor } from './options-editor';
import { ProductDetailsFields } from './product-details-fields';
import { SimplePricingFields } from './simple-pricing-fields';
import { VariantsTable } from './variants-table';

interface ProductFormProps {
  form: UseFormReturn<ProductFormValues>;
  onSubmit: (values: ProductFormValues) => Promise<void>;
  /** What went wrong that no field shows. */
  summary: ReactNode;
  submitLabel: string;
  cancelTo: string;
}

/** The product form of the new and edit screens: details, then price and stock or options and variants. */
export function ProductForm({ form, onSubmit, summary, submitLabel, cancelTo }: ProductFormProps) {
  const options = useFieldArray({ control: form.control, name: 'options' });
  const variants = useFieldArray({ control: form.control, name: 'variants' });
  const hasOptions = options.fields.length > 0;
  const { isSubmitting } = form.formState;
  return (
    <form className="stack" onSubmit={form.handleSubmit(onSubmit)} noValidate aria-label="Product">
      {summary ? (
        <div className="alert error" role="alert">
          {summary}
        </div>
      ) : null}
      <ProductDetailsFields form={form} />
      {hasOptions ? null : <SimplePricingFields form={form} />}
      <Card title="Options and variants">
        <div className="stack">
          <OptionsEditor form={form} options={options} variants={variants} />
          {hasOptions ? <VariantsTable form={form} variants={variants} /> : null}
        </div>
      </Card>
      <div className="form-actions">
        <Link className="btn" to={cancelTo}>
          Cancel
        </Link>
        <button type="submit" className="btn primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
