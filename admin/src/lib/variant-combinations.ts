import { MAX_VARIANTS, combinationKey } from '@nexus/contract';
import { rowOptions, type OptionDraft, type ProductFormValues, type VariantDraft } from './variant-form';

/** Every combination of the options' values, in option order, made one at a time (3 × 50 values is 125,000). */
export function* combinationsOf(options: OptionDraft[], prefix: string[] = []): Generator<string[]> {
  const [first, ...rest] = options;
  if (!first) {
    yield prefix;
    return;
  }
  for (const value of first.values) yield* combinationsOf(rest, [...prefix, value]);
}

/**
 * The rows with the missing combinations added (up to MAX_VARIANTS; `notAdded` says how many did not fit). A row
 * made before an option was added takes that option's first value, so it keeps its SKU, price and stock.
 */
export function generateVariants(values: ProductFormValues): { variants: VariantDraft[]; notAdded: number } {
  const names = values.options.map((option) => option.name.trim());
  const keyOf = (combination: string[]) => combinationKey(rowOptions(values.options, combination), names);
  const variants = values.variants.map((row) => ({
    ...row,
    combination: values.options.map((option, index) => row.combination[index] || option.values[0] || ''),
  }));
  const present = new Set(variants.map((row) => keyOf(row.combination)));
  const price = values.variants[0]?.price ?? values.price;
  let notAdded = 0;
  for (const combination of combinationsOf(values.options)) {
    const key = keyOf(combination);
    if (present.has(key)) continue;
    present.add(key);
    if (variants.length >= MAX_VARIANTS) notAdded += 1;
    else variants.push({ variantId: null, combination, sku: '', price, stock: '0' });
  }
  return { variants, notAdded };
}

/**
 * The form without option `index`: each row loses that value, and rows that became the same combination are merged
 * into the first. With no option left the product is a simple one again, priced and stocked as its first variant.
 */
export function withoutOption(values: ProductFormValues, index: number): ProductFormValues {
  const options = values.options.filter((_, at) => at !== index);
  const first = values.variants[0];
  if (options.length === 0) {
    return {
      ...values,
      options,
      variants: [],
      price: first?.price ?? values.price,
      stock: first?.stock ?? values.stock,
      // The variant that stays keeps its SKU: systems downstream (stock, accounting) know it by that.
      sku: first?.sku ?? values.sku,
    };
  }
  const seen = new Set<string>();
  const variants = values.variants
    .map((row) => ({ ...row, combination: row.combination.filter((_, at) => at !== index) }))
    .filter((row) => {
      const key = JSON.stringify(row.combination);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ...values, options, variants };
}
