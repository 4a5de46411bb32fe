import { Controller, type UseFieldArrayReturn, type UseFormReturn } from 'react-hook-form';
import { MAX_OPTION_VALUES, MAX_OPTIONS } from '@nexus/contract';
import type { ProductFormValues } from '../../lib/variant-form';
import { withoutOption } from '../../lib/variant-combinations';
import { Field } from '../../ui/field';
import { OptionValuesInput } from './option-values-input';

interface OptionsEditorProps {
  form: UseFormReturn<ProductFormValues>;
  options: UseFieldArrayReturn<ProductFormValues, 'options'>;
  variants: UseFieldArrayReturn<ProductFormValues, 'variants'>;
}

/** What the product's variants differ by: up to MAX_OPTIONS options, each with a name and its values. */
export function OptionsEditor({ form, options, variants }: OptionsEditorProps) {
  const { register, control, formState, getValues, setValue } = form;
  const { errors } = formState;
  const remove = (index: number) => {
    const next = withoutOption(getValues(), index);
    options.replace(next.options);
    variants.replace(next.variants);
    if (next.options.length === 0) {
      setValue('price', next.price);
      setValue('stock', next.stock);
    }
  };
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        Sold in several sizes or colours? Add up to {MAX_OPTIONS} options with up to {MAX_OPTION_VALUES} values each;
        every combination can then be a variant with its own SKU, price and stock.
      </p>
      {errors.options?.root?.message ? (
        <p className="alert error" role="alert">
          {errors.options.root.message}
        </p>
      ) : null}
      {options.fields.map((option, index) => (
        <div className="option-row" key={option.id}>
          <Field label={`Option ${index + 1}`} error={errors.options?.[index]?.name?.message}>
            {(field) => <input {...field} {...register(`options.${index}.name`)} placeholder="e.g. Size" />}
          </Field>
          <Controller
            control={control}
            name={`options.${index}.values`}
            render={({ field }) => (
              <Field
                label={`Values of option ${index + 1}`}
                hint="Press Enter or type a comma after each value."
                error={errors.options?.[index]?.values?.message}
              >
                {(wiring) => (
                  <OptionValuesInput
                    control={wiring}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    inputRef={field.ref}
                  />
                )}
              </Field>
            )}
          />
          <button type="button" className="btn danger" onClick={() => remove(index)}>
            Remove option {index + 1}
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="btn"
          disabled={options.fields.length >= MAX_OPTIONS}
          onClick={() => options.append({ name: '', values: [] })}
        >
          Add option
        </button>
      </div>
    </div>
  );
}
