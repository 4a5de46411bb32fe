import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { ProductOption, UpdateVariantBody, Variant, VariantInput } from '@nexus/contract';
import { MAX_OPTION_VALUES, combinationKey } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { AppError } from '../../errors.js';
import { renumberPositions } from '../../database/positions.js';

/** The SKU a variant gets when none is given: unique, from a UUID (the variant's; a bulk load's product's). */
export const generatedSku = (variantId: string) => `SKU-${variantId.replace(/-/g, '').slice(0, 16).toUpperCase()}`;

/** "M / Blue": the variant's values in the product's option order; empty without options. */
export const variantTitle = (options: Record<string, string>, productOptions: ProductOption[]) =>
  productOptions.map((option) => options[option.name]).join(' / ');

const VARIANT_COLUMNS = ['id', 'sku', 'title', 'options', 'price', 'stock', 'position'] as const;

interface LockedProduct {
  options: ProductOption[];
  variants: Array<{ id: string; sku: string; options: Record<string, string>; position: number }>;
}

/**
 * The one lock order of variant writes, the same as checkout's: the cart lines holding the product's variants
 * (only when some may be deleted, which cascades to them), then its variants by id, then the product. With the
 * product's variants locked, a concurrent write of the same product waits here, so "the last variant", the
 * next position and the aggregates the triggers compute are all read with no other writer in between.
 * Undefined when there is no such product.
 */
async function lockProduct(
  trx: Transaction<DB>,
  productId: string,
  { deleting = false } = {},
): Promise<LockedProduct | undefined> {
  if (deleting) {
    await sql`
      select ci.cart_id from cart_items ci
       where ci.variant_id in (select id from product_variants where product_id = ${productId})
       order by ci.cart_id, ci.variant_id for update`.execute(trx);
  }
  await trx
    .selectFrom('product_variants')
    .select('id')
    .where('product_id', '=', productId)
    .orderBy('id')
    .forUpdate()
    .execute();
  const product = await trx
    .selectFrom('products')
    .select('options')
    .where('id', '=', productId)
    .forUpdate()
    .executeTakeFirst();
  if (!product) return undefined;
  // Read again, now that the locks are held: a locking read that waited sees the rows it locked as they are
  // now, but not variants another writer added meanwhile; this statement's fresh snapshot does.
  const variants = await trx
    .selectFrom('product_variants')
    .select(['id', 'sku', 'options', 'position'])
    .where('product_id', '=', productId)
    .execute();
  return {
    options: product.options as unknown as ProductOption[],
    variants: variants
      .map((v) => ({ ...v, options: v.options as Record<string, string> }))
      .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)),
  };
}

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path} ${message}`, [{ path, message }]);

/**
 * A single variant's options against the product's: every option named exactly once (names match whatever
 * their case, and take the product's spelling), a value the option lacks is added to it. Answers the options
 * as stored and the product's options, grown by any new value.
 */
function placeOptions(given: Record<string, string>, productOptions: ProductOption[]) {
  const byName = new Map(productOptions.map((option) => [option.name.toLowerCase(), option]));
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const option = byName.get(name.toLowerCase());
    if (!option) {
      throw invalid(
        `options.${name}`,
        productOptions.length
          ? `is not an option of this product (${productOptions.map((o) => o.name).join(', ')})`
          : 'is not an option of this product, which has none: give it options and variants with PUT /products/{id}',
      );
    }
    if (option.name in options) throw invalid(`options.${name}`, 'is given twice');
    options[option.name] = option.values.find((known) => known.toLowerCase() === value.toLowerCase()) ?? value;
  }
  const missing = productOptions.filter((option) => !(option.name in options));
  if (missing.length) throw invalid('options', `must name ${missing.map((o) => `"${o.name}"`).join(', ')}`);
  for (const option of productOptions) {
    if (!option.values.includes(options[option.name]!) && option.values.length >= MAX_OPTION_VALUES) {
      throw invalid(`options.${option.name}`, `cannot take a new value: it has ${MAX_OPTION_VALUES} already`);
    }
  }
  const grown = productOptions.map((option) =>
    option.values.includes(options[option.name]!)
      ? option
      : { ...option, values: [...option.values, options[option.name]!] },
  );
  return { options, productOptions: grown };
}

function refuseDuplicate(locked: LockedProduct, options: Record<string, string>, exceptId?: string) {
  const names = locked.options.map((option) => option.name);
  const key = combinationKey(options, names);
  if (locked.variants.some((v) => v.id !== exceptId && combinationKey(v.options, names) === key)) {
    throw invalid('options', 'is the same combination as another variant of this product');
  }
}

async function setProductOptions(trx: Transaction<DB>, productId: string, options: ProductOption[]) {
  await trx
    .updateTable('products')
    .set({ options: JSON.stringify(options) })
    .where('id', '=', productId)
    .execute();
}

/** Locks the product's variants and the product (lockProduct's order); its variants, or undefined without it. */
export async function lockVariantsOf(trx: Transaction<DB>, productId: string) {
  return (await lockProduct(trx, productId))?.variants;
}

export function findVariant(trx: Transaction<DB>, productId: string, variantId: string) {
  return trx
    .selectFrom('product_variants')
    .select(VARIANT_COLUMNS)
    .where('id', '=', variantId)
    .where('product_id', '=', productId)
    .executeTakeFirst() as Promise<Variant | undefined>;
}

/** `POST /products/{id}/variants`: undefined when there is no such product. */
export async function createVariant(
  trx: Transaction<DB>,
  productId: string,
  body: VariantInput,
): Promise<Variant | undefined> {
  const locked = await lockProduct(trx, productId);
  if (!locked) return undefined;
  const placed = placeOptions(body.options, locked.options);
  refuseDuplicate(locked, placed.options);
  if (JSON.stringify(placed.productOptions) !== JSON.stringify(locked.options)) {
    await setProductOptions(trx, productId, placed.productOptions);
  }
  const id = randomUUID();
  await trx
    .insertInto('product_variants')
    .values({
      id,
      product_id: productId,
      sku: body.sku ?? generatedSku(id),
      title: variantTitle(placed.options, placed.productOptions),
      options: JSON.stringify(placed.options),
      price: body.price,
      stock: body.stock ?? 0,
      position: locked.variants.length,
    })
    .execute();
  return findVariant(trx, productId, id);
}

/** `PATCH /products/{id}/variants/{variant_id}`: undefined when the product has no such variant. */
export async function updateVariant(
  trx: Transaction<DB>,
  productId: string,
  variantId: string,
  body: UpdateVariantBody,
): Promise<Variant | undefined> {
  const locked = await lockProduct(trx, productId);
  const current = locked?.variants.find((v) => v.id === variantId);
  if (!locked || !current) return undefined;
  const { options: givenOptions, position, ...fields } = body;
  const changes: Record<string, unknown> = { ...fields };
  if (givenOptions) {
    const placed = placeOptions(givenOptions, locked.options);
    refuseDuplicate(locked, placed.options, variantId);
    if (JSON.stringify(placed.productOptions) !== JSON.stringify(locked.options)) {
      await setProductOptions(trx, productId, placed.productOptions);
    }
    changes.options = JSON.stringify(placed.options);
    changes.title = variantTitle(placed.options, placed.productOptions);
  }
  if (Object.keys(changes).length) {
    await trx.updateTable('product_variants').set(changes).where('id', '=', variantId).execute();
  }
  if (position !== undefined && position !== current.position) {
    await renumberPositions(
      trx,
      'product_variants',
      locked.variants.map((v) => v.id),
      { id: variantId, position },
    );
  }
  return findVariant(trx, productId, variantId);
}

/** `DELETE /products/{id}/variants/{variant_id}`. */
export async function deleteVariant(
  trx: Transaction<DB>,
  productId: string,
  variantId: string,
): Promise<'deleted' | 'not_found' | 'last_variant'> {
  const locked = await lockProduct(trx, productId, { deleting: true });
  if (!locked?.variants.some((v) => v.id === variantId)) return 'not_found';
  if (locked.variants.length === 1) return 'last_variant';
  await trx.deleteFrom('product_variants').where('id', '=', variantId).execute();
  await renumberPositions(
    trx,
    'product_variants',
    locked.variants.map((v) => v.id).filter((id) => id !== variantId),
  );
  return 'deleted';
}

/**
 * The rows of `variants` as given with `options` (POST/PUT /products), at positions 0, 1, 2, …; a variant the
 * product already has (`current`, by combination) keeps its id and, unless a new one is given, its SKU.
 */
function variantRows(
  productId: string,
  options: ProductOption[],
  variants: VariantInput[],
  current: (variant: VariantInput) => { id: string; sku: string } | undefined = () => undefined,
) {
  return variants.map((variant, position) => {
    const kept = current(variant);
    const id = kept?.id ?? randomUUID();
    return {
      id,
      product_id: productId,
      sku: variant.sku ?? kept?.sku ?? generatedSku(id),
      title: variantTitle(variant.options, options),
      options: JSON.stringify(variant.options),
      price: variant.price,
      stock: variant.stock ?? 0,
      position,
    };
  });
}

/** The variants of a new product (its row inserted just before, in the same transaction). */
export async function insertVariants(
  trx: Transaction<DB>,
  productId: string,
  options: ProductOption[],
  variants: VariantInput[],
): Promise<void> {
  await trx
    .insertInto('product_variants')
    .values(variantRows(productId, options, variants))
    .execute();
}

/**
 * `PUT /products/{id}` with variants: the product's variant set becomes the one given. A given variant whose
 * combination the product has keeps that variant's id (carts holding it keep it); the others are deleted and
 * new ones inserted. False when there is no such product.
 */
export async function replaceVariants(
  trx: Transaction<DB>,
  productId: string,
  options: ProductOption[],
  variants: VariantInput[],
): Promise<boolean> {
  const locked = await lockProduct(trx, productId, { deleting: true });
  if (!locked) return false;
  const names = options.map((option) => option.name);
  const existing = new Map(locked.variants.map((v) => [combinationKey(v.options, names), v]));
  const rows = variantRows(productId, options, variants, (variant) =>
    existing.get(combinationKey(variant.options, names)),
  );
  const kept = new Set(rows.map((row) => row.id));
  const gone = locked.variants.filter((v) => !kept.has(v.id)).map((v) => v.id);
  if (gone.length) await trx.deleteFrom('product_variants').where('id', 'in', gone).execute();
  // Kept variants whose SKU changes step aside first: the unique index checks each row as it is written, so two
  // kept variants swapping SKUs (or a new one taking a kept one's old SKU) would otherwise collide midway.
  const renamed = rows.filter((row) => {
    const current = locked.variants.find((v) => v.id === row.id);
    return current && current.sku.toLowerCase() !== row.sku.toLowerCase();
  });
  if (renamed.length) {
    await trx
      .updateTable('product_variants')
      .set({ sku: sql`'TMP-' || replace(id::text, '-', '')` })
      .where(
        'id',
        'in',
        renamed.map((row) => row.id),
      )
      .execute();
  }
  // Kept and new variants in one statement each way; SKUs and combinations are checked by the unique indexes.
  await setProductOptions(trx, productId, options);
  await trx
    .insertInto('product_variants')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        sku: eb.ref('excluded.sku'),
        title: eb.ref('excluded.title'),
        options: eb.ref('excluded.options'),
        price: eb.ref('excluded.price'),
        stock: eb.ref('excluded.stock'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute();
  return true;
}
