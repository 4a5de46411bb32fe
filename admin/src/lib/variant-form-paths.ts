import type { ProductFormValues } from './variant-form';

/**
 * The form field that shows the error of a wire path (a Zod issue's or a problem's `errors[].path`):
 * `variants.1.sku` is the SKU box of row 1, `variants.1.options.Size` that row's combination, `options.0.values.2`
 * the chips of option 0. Without options the product's one variant is the top-level price, stock and SKU.
 */
export function formPathOf(wirePath: string, values: Pick<ProductFormValues, 'options'>): string {
  const [head = '', index, field] = wirePath.split('.');
  if (head === 'variants' && values.options.length === 0 && field) return field;
  if (head === 'variants' || head === 'options') {
    if (index === undefined) return `${head}.root`;
    if (field === undefined) return head === 'variants' ? `variants.${index}.combination` : `options.${index}.name`;
    if (head === 'variants' && field === 'options') return `variants.${index}.combination`;
    return `${head}.${index}.${field}`;
  }
  return head;
}

/** Every form path that shows an error, for `applyProblemToForm`; anything else goes in the summary. */
export function formFieldNames(values: Pick<ProductFormValues, 'options' | 'variants'>): string[] {
  return [
    'name',
    'slug',
    'category_id',
    'description',
    ...(values.options.length ? ['options.root', 'variants.root'] : ['price', 'stock', 'sku']),
    ...values.options.flatMap((_, index) => [`options.${index}.name`, `options.${index}.values`]),
    ...values.variants.flatMap((_, index) =>
      ['sku', 'price', 'stock', 'combination'].map((field) => `variants.${index}.${field}`),
    ),
  ];
}
