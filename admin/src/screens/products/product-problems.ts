import { isNexusError } from '@nexus/client-sdk';
import type { UseFormReturn } from 'react-hook-form';
import { nexus } from '../../api/nexus';
import { applyProblemToForm } from '../../lib/problems';
import type { ProductFormValues } from '../../lib/variant-form';
import { formFieldNames, formPathOf } from '../../lib/variant-form-paths';

// Each look-up is one catalogue search; a form rarely has more typed SKUs than this.
const MAX_SKU_LOOKUPS = 20;
const TAKEN = 'is already the SKU of another product';

/**
 * The rows whose SKU another product has: when several variants are written at once the API's 409 `sku_taken`
 * names only `sku`, not the row, so each typed SKU is looked up in the catalogue (whose search matches SKUs).
 */
async function rowsWithTakenSku(values: ProductFormValues, ownProductId: string | null): Promise<number[]> {
  const typed = values.variants
    .map((row, index) => ({ sku: row.sku.trim(), index }))
    .filter((row) => row.sku)
    .slice(0, MAX_SKU_LOOKUPS);
  const taken = await Promise.all(
    typed.map(async ({ sku, index }) => {
      const page = await nexus.products.list({ query: { search: sku, page_size: 20 } }).catch(() => null);
      const holder = page?.results.find(
        (product) =>
          product.id !== ownProductId &&
          product.variants.some((variant) => variant.sku.toLowerCase() === sku.toLowerCase()),
      );
      return holder ? index : -1;
    }),
  );
  return taken.filter((index) => index >= 0);
}

/**
 * Shows a failed write's problem on the product form: each `errors[].path` next to its field (`fieldFor` maps a wire
 * path to a form path), a taken SKU on its row; answers what no field shows, for the summary.
 */
export async function showProductProblem(
  error: unknown,
  form: UseFormReturn<ProductFormValues>,
  values: ProductFormValues,
  ownProductId: string | null,
  fieldFor: (path: string) => string = (path) => formPathOf(path, values),
): Promise<string | null> {
  const summary = applyProblemToForm(error, form.setError, formFieldNames(values), fieldFor);
  // Only a write of the whole product leaves the row open: a variant's own call maps `sku` to its row already.
  const rowUnknown = fieldFor('sku') === 'sku' && values.options.length > 0;
  if (!isNexusError(error, 'sku_taken') || !rowUnknown) return summary;
  const rows = await rowsWithTakenSku(values, ownProductId);
  for (const row of rows) form.setError(`variants.${row}.sku`, { type: 'server', message: TAKEN });
  return rows.length ? null : summary;
}
