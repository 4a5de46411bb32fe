import type { ExpressionBuilder } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { Product } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

/** The product columns of the wire `product`, read from alias `p`. */
export const productColumns = [
  'p.id',
  'p.name',
  'p.slug',
  'p.description',
  'p.price',
  'p.stock',
  'p.category_id',
  'p.created_at',
  'p.updated_at',
] as const;

/** The embedded `category: {id, name, slug}`, built in SQL from the joined alias `c`. */
export const embeddedCategory = (eb: ExpressionBuilder<{ c: DB['categories'] }, 'c'>) =>
  jsonBuildObject({ id: eb.ref('c.id'), name: eb.ref('c.name'), slug: eb.ref('c.slug') }).as('category');

/** Products with their category embedded through one join: the shape of every product read. */
export function selectProducts(db: Db) {
  return db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.category_id')
    .select(productColumns)
    .select(embeddedCategory);
}

export function findProductById(db: Db, id: string): Promise<Product | undefined> {
  return selectProducts(db).where('p.id', '=', id).executeTakeFirst();
}

export interface ProductWrite {
  name: string;
  slug: string;
  description: string;
  price: string;
  stock: number;
  category_id: string;
}

export async function insertProduct(db: Db, product: ProductWrite): Promise<Product> {
  const { id } = await db.insertInto('products').values(product).returning('id').executeTakeFirstOrThrow();
  return (await findProductById(db, id))!;
}

export async function updateProduct(db: Db, id: string, changes: Partial<ProductWrite>): Promise<Product | undefined> {
  if (Object.keys(changes).length > 0) {
    const updated = await db
      .updateTable('products')
      .set(changes)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return undefined;
  }
  return findProductById(db, id);
}

export async function deleteProduct(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('products').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
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
