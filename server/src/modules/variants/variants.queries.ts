import { sql, type Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

/** What a request named: a variant, or a product standing for its only variant. */
export type VariantRef = { variant_id: string } | { product_id: string };

export type ResolvedVariant =
  { found: true; id: string; productId: string; stock: number } | { found: false; reason: 'unknown' | 'several' };

/** The variant a request means: by id, or a product's only variant (`several` when it has more than one). */
export async function resolveVariant(db: Db, ref: VariantRef): Promise<ResolvedVariant> {
  const rows = await db
    .selectFrom('product_variants')
    .select(['id', 'product_id', 'stock'])
    .$if('variant_id' in ref, (qb) => qb.where('id', '=', (ref as { variant_id: string }).variant_id))
    .$if('product_id' in ref, (qb) => qb.where('product_id', '=', (ref as { product_id: string }).product_id))
    .limit(2)
    .execute();
  if (rows.length === 0) return { found: false, reason: 'unknown' };
  if (rows.length > 1) return { found: false, reason: 'several' };
  const [row] = rows;
  return { found: true, id: row!.id, productId: row!.product_id, stock: row!.stock };
}

/**
 * Locks variant rows for a stock change, always in id order: every writer of stock takes its locks in the same
 * order, so two transactions with crossing lines queue instead of deadlocking. Missing ids are simply absent.
 */
export function lockVariants(trx: Transaction<DB>, ids: string[]) {
  return trx
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['v.id', 'v.product_id', 'v.stock', 'v.price', 'v.sku', 'v.title', 'p.name'])
    .where('v.id', 'in', ids)
    .orderBy('v.id')
    .forUpdate('v')
    .execute();
}

/**
 * Adds `delta` (negative to take) to each variant's stock, in one statement; the variants must already be
 * locked (lockVariants). Their products' rows, which the aggregate trigger updates next, are locked first in id
 * order too: the lock order of every stock change is variants by id, then products by id.
 */
export async function adjustStock(trx: Transaction<DB>, changes: Array<{ id: string; delta: number }>): Promise<void> {
  if (changes.length === 0) return;
  const ids = changes.map((c) => c.id);
  await sql`
    select p.id from products p
     where p.id in (select product_id from product_variants where id = any(${ids}::uuid[]))
     order by p.id for update`.execute(trx);
  await sql`
    update product_variants v set stock = v.stock + c.delta
      from unnest(${ids}::uuid[], ${changes.map((c) => c.delta)}::integer[]) as c(id, delta)
     where v.id = c.id`.execute(trx);
}
