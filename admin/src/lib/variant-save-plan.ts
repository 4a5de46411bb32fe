import {
  combinationKey,
  type CreateProductBody,
  type CreateVariantBody,
  type Product,
  type ProductOption,
  type UpdateProductBody,
  type UpdateVariantBody,
} from '@nexus/contract';
import { validateProductForm, type ProductFormValues } from './variant-form';
import { formPathOf } from './variant-form-paths';

/** One call of saving an edited product, in the order they are made. `row` is the form row a variant call is for. */
export type SaveStep =
  | { kind: 'replace'; body: CreateProductBody }
  | { kind: 'update'; body: UpdateProductBody }
  | { kind: 'updateVariant'; row: number; variantId: string; body: UpdateVariantBody }
  | { kind: 'createVariant'; row: number; body: CreateVariantBody }
  | { kind: 'deleteVariant'; variantId: string; title: string };

const sameOptions = (a: ProductOption[], b: ProductOption[]) =>
  a.length === b.length &&
  a.every(
    (option, index) =>
      option.name === b[index]?.name &&
      option.values.length === b[index]?.values.length &&
      option.values.every((value, at) => value === b[index]?.values[at]),
  );

/** `PUT /products/{id}` always with variants: a product that loses its options keeps one variant, with no option. */
function replaceBodyOf(body: CreateProductBody): CreateProductBody {
  if (body.variants) return body;
  const { price, stock, sku, ...product } = body;
  return { ...product, options: [], variants: [{ options: {}, price: price ?? '', stock, sku }] };
}

/** What a PATCH of the product changes: only the fields that differ from what was loaded. */
function productChanges(original: Product, body: CreateProductBody): UpdateProductBody {
  const changes: UpdateProductBody = {};
  if (body.name !== original.name) changes.name = body.name;
  // An empty slug box keeps the current slug, as PUT does.
  if (body.slug !== undefined && body.slug !== original.slug) changes.slug = body.slug;
  if (body.category_id !== original.category_id) changes.category_id = body.category_id;
  if ((body.description ?? '') !== original.description) changes.description = body.description ?? '';
  const only = original.variants[0];
  if (!body.variants && only) {
    if (body.price !== undefined && body.price !== only.price) changes.price = body.price;
    if ((body.stock ?? 0) !== only.stock) changes.stock = body.stock ?? 0;
    if (body.sku !== undefined && body.sku !== only.sku) changes.sku = body.sku;
  }
  return changes;
}

/**
 * The calls that save an edit of `original` (the product as it was loaded into the form, not as refetched since).
 *
 * While the options stay the same, only what changed is written: a PATCH of the product and, per variant, a PATCH,
 * a POST or a DELETE. A stock nobody touched is never written back, so orders placed meanwhile keep their effect.
 * Changed options need the one `PUT` that replaces the variant set (PATCH has no options; the server matches the
 * variants it keeps by combination). New variants go before deletions so a product never loses its last variant.
 */
export function planProductSave(original: Product, values: ProductFormValues): SaveStep[] {
  const checked = validateProductForm(values);
  if (!checked.ok) throw new Error('planProductSave needs a form that validates');
  const body = checked.body;
  if (!sameOptions(original.options, body.options ?? [])) return [{ kind: 'replace', body: replaceBodyOf(body) }];

  const changes = productChanges(original, body);
  const steps: SaveStep[] = Object.keys(changes).length ? [{ kind: 'update', body: changes }] : [];
  if (!body.variants) return steps;

  const names = original.options.map((option) => option.name);
  const unclaimed = new Map(original.variants.map((variant) => [variant.id, variant]));
  const updates: SaveStep[] = [];
  const creates: SaveStep[] = [];
  body.variants.forEach((input, row) => {
    const variantId = values.variants[row]?.variantId;
    // A row is its saved variant by id or, when it has none (regenerated, or added by a save that then failed),
    // by combination: the same rule the server's PUT applies.
    const match =
      (variantId ? unclaimed.get(variantId) : undefined) ??
      [...unclaimed.values()].find(
        (variant) => combinationKey(variant.options, names) === combinationKey(input.options, names),
      );
    if (!match) {
      creates.push({ kind: 'createVariant', row, body: input });
      return;
    }
    unclaimed.delete(match.id);
    const update: UpdateVariantBody = {};
    if (input.sku !== undefined && input.sku !== match.sku) update.sku = input.sku;
    if (input.price !== match.price) update.price = input.price;
    if ((input.stock ?? 0) !== match.stock) update.stock = input.stock ?? 0;
    if (combinationKey(input.options, names) !== combinationKey(match.options, names)) update.options = input.options;
    if (Object.keys(update).length) updates.push({ kind: 'updateVariant', row, variantId: match.id, body: update });
  });
  const deletes: SaveStep[] = [...unclaimed.values()].map((variant) => ({
    kind: 'deleteVariant',
    variantId: variant.id,
    title: variant.title,
  }));
  return [...steps, ...updates, ...creates, ...deletes];
}

/** The form field for an error of one step: a variant call's paths are the variant's own (`sku`, `options.Size`). */
export function stepFieldPath(step: SaveStep, wirePath: string, values: Pick<ProductFormValues, 'options'>): string {
  if (step.kind === 'updateVariant' || step.kind === 'createVariant') {
    return formPathOf(`variants.${step.row}.${wirePath}`, values);
  }
  return formPathOf(wirePath, values);
}

/** The titles of the saved variants a save deletes (for asking first: carts holding them lose them). */
export function variantsDroppedBy(original: Product, steps: SaveStep[]): string[] {
  const dropped: string[] = [];
  for (const step of steps) {
    if (step.kind === 'deleteVariant') dropped.push(step.title);
    if (step.kind !== 'replace') continue;
    const names = (step.body.options ?? []).map((option) => option.name);
    const kept = new Set((step.body.variants ?? []).map((variant) => combinationKey(variant.options, names)));
    for (const variant of original.variants) {
      if (!kept.has(combinationKey(variant.options, names))) dropped.push(variant.title || variant.sku);
    }
  }
  return dropped;
}

/**
 * The form with every stock nobody touched (still what `loaded` had when the form was filled) set to what `latest`,
 * read just before saving, has now: orders placed while the page was open keep their effect, whichever calls the
 * save makes (a PUT has to carry every variant's stock). A stock the admin typed is theirs and is written.
 */
export function withFreshStock(values: ProductFormValues, loaded: Product, latest: Product): ProductFormValues {
  const stockNow = new Map(latest.variants.map((variant) => [variant.id, String(variant.stock)]));
  const stockLoaded = new Map(loaded.variants.map((variant) => [variant.id, String(variant.stock)]));
  const fresh = (variantId: string | null | undefined, stock: string) =>
    variantId && stockLoaded.get(variantId) === stock.trim() ? (stockNow.get(variantId) ?? stock) : stock;
  const only = loaded.options.length === 0 ? loaded.variants[0]?.id : undefined;
  return {
    ...values,
    stock: values.options.length === 0 ? fresh(only, values.stock) : values.stock,
    variants: values.variants.map((row) => ({ ...row, stock: fresh(row.variantId, row.stock) })),
  };
}
