import { sql, type ExpressionBuilder, type RawBuilder, type Transaction } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { Product, ProductOption, Variant, VariantInput } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';
import { AppError } from '../../errors.js';
import { freshnessOf, scopeVersion, type Freshness } from '../catalogue-cache/catalogue-freshness.js';
import { embeddedImages, productImageKeys } from '../images/images.queries.js';
import { insertVariants, lockVariantsOf } from '../variants/variant-writes.js';

/** The product columns of the wire `product`, read from alias `p`. */
export const productColumns = [
  'p.id',
  'p.name',
  'p.slug',
  'p.description',
  'p.price',
  'p.stock',
  'p.category_id',
  'p.options',
  'p.rating_avg',
  'p.review_count',
  'p.created_at',
  'p.updated_at',
] as const;

/** The embedded `category: {id, name, slug}`, built in SQL from the joined alias `c`. */
export const embeddedCategory = (eb: ExpressionBuilder<{ c: DB['categories'] }, 'c'>) =>
  jsonBuildObject({ id: eb.ref('c.id'), name: eb.ref('c.name'), slug: eb.ref('c.slug') }).as('category');

/** A product's variants in position order, for the product row aliased `p` (product_variants_product_id_idx). */
export const embeddedVariants: RawBuilder<Variant[]> = sql<Variant[]>`coalesce((
  select jsonb_agg(jsonb_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
                                      'price', v.price::text, 'stock', v.stock, 'position', v.position)
                   order by v.position, v.id)
    from product_variants v where v.product_id = p.id), '[]'::jsonb)`;

/**
 * What a product answer embeds besides its own row, each read by one index scan per product in the same
 * statement: its category (a join), its variants and its images (correlated aggregates).
 */
export function productEmbeds(mediaBase: string) {
  return [embeddedVariants.as('variants'), embeddedImages(mediaBase).as('images')] as const;
}

/** Products with their category, variants and images embedded, in one statement: the shape of every product read. */
export function selectProducts(db: Db, mediaBase: string) {
  return db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.category_id')
    .select(productColumns)
    .select(embeddedCategory)
    .select(productEmbeds(mediaBase))
    .$narrowType<{ options: ProductOption[] }>();
}

export function findProductById(db: Db, mediaBase: string, id: string): Promise<Product | undefined> {
  return selectProducts(db, mediaBase).where('p.id', '=', id).executeTakeFirst();
}

/** A product for its detail page, with what the answer depends on (read in the same statement). */
export async function readProductDetail(
  db: Db,
  mediaBase: string,
  id: string,
): Promise<{ product: Product; freshness: Freshness } | undefined> {
  const row = await selectProducts(db, mediaBase)
    .select(['p.row_version', scopeVersion('structure').as('v_structure')])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { row_version, v_structure, ...product } = row;
  return { product, freshness: freshnessOf({ structure: Number(v_structure) }, [{ id, row_version }]) };
}

export interface ProductWrite {
  name: string;
  slug: string;
  description: string;
  price: string;
  stock: number;
  category_id: string;
}

/**
 * A product and its variants (one, for a product without options). The variants hold price and stock;
 * products.price (the cheapest) and products.stock (the sum) follow by trigger.
 */
export async function insertProduct(
  trx: Transaction<DB>,
  mediaBase: string,
  product: ProductWrite,
  variants: { options: ProductOption[]; variants: VariantInput[] },
): Promise<Product> {
  const { id } = await trx
    .insertInto('products')
    .values({ ...product, options: JSON.stringify(variants.options) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVariants(trx, id, variants.options, variants.variants);
  return (await findProductById(trx, mediaBase, id))!;
}

/**
 * Changes a product. Its price, stock and SKU are its variant's: written there (the trigger brings price and stock
 * back to the product), which only makes sense while the product has exactly one variant; its variants are
 * locked first (the lock order of every variant write), so one added meanwhile is seen and answered 409.
 */
export async function updateProduct(
  trx: Transaction<DB>,
  mediaBase: string,
  id: string,
  changes: Partial<ProductWrite> & { sku?: string },
): Promise<Product | undefined> {
  const { price, stock, sku, ...own } = changes;
  const variantChanges = { price, stock, sku };
  if (Object.values(variantChanges).some((value) => value !== undefined)) {
    const variants = await lockVariantsOf(trx, id);
    if (!variants) return undefined;
    if (variants.length > 1) {
      throw new AppError('conflict', 'This product has several variants: set price, stock and SKU per variant');
    }
    await trx
      .updateTable('product_variants')
      .set(Object.fromEntries(Object.entries(variantChanges).filter(([, value]) => value !== undefined)))
      .where('id', '=', variants[0]!.id)
      .execute();
  }
  if (Object.keys(own).length > 0) {
    const updated = await trx.updateTable('products').set(own).where('id', '=', id).returning('id').executeTakeFirst();
    if (!updated) return undefined;
  }
  return findProductById(trx, mediaBase, id);
}

/**
 * Deletes a product with its variants and images, and with them its cart and wishlist lines (orders keep their
 * snapshots); answers its image files' keys, for removal once committed, or undefined when there is no such
 * product. The cascade alone would lock product → variants → cart lines, the reverse of checkout's order; so the
 * cart lines, then the variants (by id), then the product are locked first, in checkout's order, and the two
 * never wait on each other in a cycle. The images are read after the product is locked, in a statement of their
 * own (a fresh snapshot): an upload that committed while this waited is among them, and one that comes later
 * finds no product.
 */
export async function deleteProduct(trx: Transaction<DB>, id: string): Promise<string[] | undefined> {
  const { rows } = await sql<{ id: string }>`
    with variants as (select v.id from product_variants v where v.product_id = ${id}),
    lines as materialized (
      select ci.cart_id from cart_items ci where ci.variant_id in (select id from variants)
       order by ci.cart_id, ci.variant_id for update),
    locked as materialized (
      select v.id from product_variants v where v.product_id = ${id} order by v.id for update)
    select p.id from products p
     where p.id = ${id} and (select count(*) from lines) >= 0 and (select count(*) from locked) >= 0
       for update of p`.execute(trx);
  if (!rows.length) return undefined;
  const files = await productImageKeys(trx, id);
  await trx.deleteFrom('products').where('id', '=', id).execute();
  return files;
}

/** Slugs equal to `base` or of the form `base-…` (byte-wise range on the unique index). */
export async function findSlugsLike(db: Db, base: string, exceptId?: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('products')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb.and([eb('slug', '>=', `${base}-`), eb('slug', '<', `${base}.`)])]))
    .$if(Boolean(exceptId), (qb) => qb.where('id', '<>', exceptId!))
    .execute();
  return new Set(rows.map((row) => row.slug));
}
