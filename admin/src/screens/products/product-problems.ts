import type { UseFormReturn } from 'react-hook-form';
import { applyProblemToForm } from '../../lib/problems';
import type { ProductFormValues } from '../../lib/variant-form';
import { formFieldNames, formPathOf } from '../../lib/variant-form-paths';

/**
 * Shows a failed write's problem on the product form: each `errors[].path` next to its field (`fieldFor` maps a wire
 * path to a form path; a taken SKU comes as `variants.N.sku` and lands on its row); answers what no field shows,
 * for the summary.
 */
export function showProductProblem(
  error: unknown,
  form: UseFormReturn<ProductFormValues>,
  values: ProductFormValues,
  fieldFor: (path: string) => string = (path) => formPathOf(path, values),
): string | null {
  return applyProblemToForm(error, form.setError, formFieldNames(values), fieldFor);
}
