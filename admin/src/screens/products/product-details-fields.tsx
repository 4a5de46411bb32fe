import { Controller, type UseFormReturn } from 'react-hook-form';
import type { ProductFormValues } from '../../lib/variant-form';
import { Field } from '../../ui/field';
import { Card } from '../../ui/page';
import { choiceLabel, useCategoryChoices } from './category-choices';

/** Name, slug, category and description of a product. */
export function ProductDetailsFields({ form }: { form: UseFormReturn<ProductFormValues> }) {
  const { register, control, formState } = form;
  const { errors } = formState;
  const categories = useCategoryChoices();
  return (
    <Card title="Details">
      <div className="stack">
        <div className="form-grid">
          <Field label="Name" error={errors.name?.message}>
            {(field) => <input {...field} {...register('name')} />}
          </Field>
          <Field label="Slug" hint="Its URL; leave empty to make one from the name." error={errors.slug?.message}>
            {(field) => <input {...field} {...register('slug')} className="mono" />}
          </Field>
          {/* Controlled, so the saved category shows once the list has loaded. */}
          <Controller
            control={control}
            name="category_id"
            render={({ field: { ref, ...select } }) => (
              <Field
                label="Category"
                error={
                  errors.category_id?.message ?? (categories.error ? 'The categories could not be loaded.' : undefined)
                }
              >
                {(field) => (
                  <select {...field} {...select} ref={ref}>
                    <option value="">{categories.isPending ? 'Loading categories…' : 'Choose a category'}</option>
                    {categories.data?.map((choice) => (
                      <option key={choice.id} value={choice.id}>
                        {choiceLabel(choice)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          />
        </div>
        <Field label="Description" error={errors.description?.message}>
          {(field) => <textarea {...field} {...register('description')} rows={4} />}
        </Field>
      </div>
    </Card>
  );
}
