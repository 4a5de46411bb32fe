import { sql, type Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import { hashCartToken } from './cart-token.js';
import { ensureUserCart, findGuestCart } from './carts.queries.js';
import { MAX_LINE_QUANTITY } from './cart-service.js';

/**
 * Merges a guest cart into the customer's, on login or registration: quantities add up, each line capped by the
 * variant's stock and the per-line limit, and the guest cart (and with it its token) is deleted. An unknown
 * token is ignored: the login itself must not fail over a stale cart.
 */
export async function mergeGuestCart(trx: Transaction<DB>, userId: string, token: string | undefined): Promise<void> {
  if (!token) return;
  const guest = await findGuestCart(trx, hashCartToken(token));
  if (!guest) return;
  const mine = await ensureUserCart(trx, userId);
  // Both carts locked, in id order, like every other change to two carts would be.
  await trx.selectFrom('carts').select('id').where('id', 'in', [guest.id, mine.id]).orderBy('id').forUpdate().execute();
  await sql`
    insert into cart_items (cart_id, variant_id, quantity)
    select ${mine.id}::uuid, g.variant_id,
           least(${MAX_LINE_QUANTITY}, v.stock, coalesce(m.quantity, 0) + g.quantity)
      from cart_items g
      join product_variants v on v.id = g.variant_id
      left join cart_items m on m.cart_id = ${mine.id}::uuid and m.variant_id = g.variant_id
     where g.cart_id = ${guest.id}::uuid
       and least(${MAX_LINE_QUANTITY}, v.stock, coalesce(m.quantity, 0) + g.quantity) > 0
    on conflict (cart_id, variant_id) do update set quantity = excluded.quantity`.execute(trx);
  await trx.deleteFrom('carts').where('id', '=', guest.id).execute();
  await trx
    .updateTable('carts')
    .set({ updated_at: sql`now()` })
    .where('id', '=', mine.id)
    .execute();
}
