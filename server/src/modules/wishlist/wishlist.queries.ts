import type { Product, WishlistQuery } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';
import { selectProducts } from '../products/products.queries.js';

/** The user's wishlisted products, newest addition first: `(user_id, added_at, product_id)`. */
export async function listWishlist(
  db: Db,
  mediaBase: string,
  userId: string,
  query: WishlistQuery,
): Promise<{ count: number; rows: Product[] }> {
  const [rows, total] = await Promise.all([
    selectProducts(db, mediaBase)
      .innerJoin('wishlist_items as w', 'w.product_id', 'p.id')
      .where('w.user_id', '=', userId)
      .orderBy('w.added_at', 'desc')
      .orderBy('w.product_id', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('wishlist_items')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}

/** Adds the product; false when there is no such product. Adding twice keeps the first addition's time. */
export async function addToWishlist(db: Db, userId: string, productId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('wishlist_items')
    .columns(['user_id', 'product_id'])
    .expression((eb) =>
      eb
        .selectFrom('products')
        .select([eb.val(userId).as('user_id'), 'id'])
        .where('id', '=', productId),
    )
    .onConflict((oc) => oc.columns(['user_id', 'product_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
  return Boolean(await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst());
}

export async function removeFromWishlist(db: Db, userId: string, productId: string): Promise<void> {
  await db.deleteFrom('wishlist_items').where('user_id', '=', userId).where('product_id', '=', productId).execute();
}
