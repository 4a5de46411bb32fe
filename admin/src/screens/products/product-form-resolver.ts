import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, Resolver } from 'react-hook-form';
import { validateProductForm, type ProductFormValues } from '../../lib/variant-form';

/**
 * Validates the product form with the contract's own schema, applied to the body the form would send, so the
 * form refuses exactly what the API would; each issue lands on the field that shows it.
 */
export const productFormResolver: Resolver<ProductFormValues> = (values, _context, options) => {
  const checked = validateProductForm(values);
  if (checked.ok) return { values, errors: {} };
  const flat: Record<string, FieldError> = {};
  for (const [path, message] of Object.entries(checked.errors)) flat[path] = { type: 'validation', message };
  return { values: {}, errors: toNestErrors(flat, options) };
};
