import { sql, type Transaction } from 'kysely';
import type { CreateOrderBody, Order, StockShortage } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { fromCents, toCents } from '../../lib/money.js';
import { adjustStock } from '../variants/variants.queries.js';
import { findOrder, insertOrder } from './orders.queries.js';

/**
 * Checks out the customer's cart, inside the caller's transaction (read committed):
 * 1. the cart row is locked, so one cart is never checked out twice at once;
 * 2. its lines' variant rows are locked in id order (`for update`, the order every stock writer uses), so
 *    checkouts with crossing carts queue instead of deadlocking, and each sees the stock committed last;
 * 3. any line short of stock fails the whole checkout (409 `insufficient_stock`, every short line named),
 *    otherwise stock is taken, the order and snapshot items written and the cart emptied.
 * Stock can thus never go below zero nor be sold twice: N checkouts for S units give exactly min(N, S) orders.
 */
export async function checkout(
  trx: Transaction<DB>,
  config: Pick<Config, 'STORE_CURRENCY'>,
  userId: string,
  body: CreateOrderBody,
): Promise<Order> {
  const cart = await trx.selectFrom('carts').select('id').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  const lines = cart
    ? await trx
        .selectFrom('cart_items as ci')
        .innerJoin('product_variants as v', 'v.id', 'ci.variant_id')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .select([
          'ci.variant_id',
          'ci.quantity',
          'ci.added_at',
          'v.product_id',
          'v.stock',
          sql<string>`v.price::text`.as('price'),
          'v.sku',
          'v.title',
          'p.name',
        ])
        .where('ci.cart_id', '=', cart.id)
        .orderBy('v.id')
        .forUpdate('v')
        .execute()
    : [];
  if (!cart || lines.length === 0) throw new AppError('cart_empty', 'Add something to the cart before checking out');

  const shortages: StockShortage[] = lines
    .filter((line) => line.quantity > line.stock)
    .map((line) => ({
      path: `items.${line.variant_id}`,
      message: `${line.quantity} wanted, ${line.stock} in stock`,
      product_id: line.product_id,
      variant_id: line.variant_id,
      available: line.stock,
    }));
  if (shortages.length)
    throw new AppError('insufficient_stock', `${shortages.length} line(s) are short of stock`, shortages);

  await adjustStock(
    trx,
    lines.map((line) => ({ id: line.variant_id, delta: -line.quantity })),
  );
  // Items in the order they went into the cart.
  const items = [...lines]
    .sort((a, b) => a.added_at.localeCompare(b.added_at) || a.variant_id.localeCompare(b.variant_id))
    .map((line) => ({
      product_id: line.product_id,
      variant_id: line.variant_id,
      name: line.name,
      variant_title: line.title,
      sku: line.sku,
      unit_price: line.price,
      quantity: line.quantity,
      line_total: fromCents(toCents(line.price) * BigInt(line.quantity)),
    }));
  const orderId = await insertOrder(trx, {
    userId,
    subtotal: fromCents(items.reduce((sum, item) => sum + toCents(item.line_total), 0n)),
    currency: config.STORE_CURRENCY,
    shippingAddress: body.shipping_address,
    note: body.note ?? '',
    items,
  });
  await trx.deleteFrom('cart_items').where('cart_id', '=', cart.id).execute();
  return (await findOrder(trx, orderId))!;
}
