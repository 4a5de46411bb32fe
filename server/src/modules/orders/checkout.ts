import { sql } from 'kysely';
import type { CreateOrderBody, Order, OrderItem, StockShortage } from '@nexus/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../database/transaction.js';
import { AppError } from '../../errors.js';
import { orderNumberOf } from './orders.queries.js';

interface CheckedLine extends OrderItem {
  stock: number;
  ok: boolean;
  order_id: string | null;
  order_number: string | null;
  created_at: string | null;
  updated_at: string | null;
  subtotal: string;
}

/**
 * Checks out the customer's cart in one statement, so it is atomic on its own and costs one round trip (inside
 * the caller's transaction when an Idempotency-Key is stored with it). Read committed; locks in this order:
 * 1. the cart's lines (`cart_items`, by variant id): a row lock returns the line as last committed, so a
 *    quantity changed by a concurrent add-to-cart is ordered as it now is, a line added meanwhile is neither
 *    ordered nor removed (it stays in the cart), and a second checkout of the same cart finds no lines left;
 * 2. their variants, in id order, then their products, in id order: the order every stock writer uses
 *    (lockVariants, adjustStock), so checkouts with crossing carts queue instead of deadlocking, and each
 *    sees the stock committed last;
 * 3. only if no line is short does the same statement take the stock, write the order with its snapshot items
 *    and remove the ordered lines; otherwise nothing changes and the answer is 409 `insufficient_stock`
 *    naming every short line.
 * The writes see the locked rows' latest versions (PostgreSQL re-reads a row updated since the statement's
 * snapshot before updating it), so stock never goes below zero nor is sold twice: N checkouts for S units give
 * exactly min(N, S) orders.
 */
export async function checkout(
  db: Db,
  config: Pick<Config, 'STORE_CURRENCY'>,
  userId: string,
  body: CreateOrderBody,
): Promise<Order> {
  const address = JSON.stringify(body.shipping_address);
  const note = body.note ?? '';
  const { rows } = await sql<CheckedLine>`
    with lines as materialized (
      select ci.cart_id, ci.variant_id, ci.quantity, ci.added_at
        from carts c join cart_items ci on ci.cart_id = c.id
       where c.user_id = ${userId}
       order by ci.variant_id
         for update of ci),
    variants as materialized (
      select v.id, v.product_id, v.stock, v.price, v.sku, v.title
        from product_variants v
       where v.id in (select variant_id from lines)
       order by v.id
         for update),
    products as materialized (
      select p.id, p.name from products p where p.id in (select product_id from variants) order by p.id for update),
    checked as materialized (
      select l.cart_id, l.variant_id, l.quantity, v.product_id, v.stock, v.price, v.sku, v.title, p.name,
             (v.price * l.quantity)::numeric(14, 2) as line_total,
             row_number() over (order by l.added_at, l.variant_id) - 1 as position,
             bool_and(l.quantity <= v.stock) over () as ok,
             sum((v.price * l.quantity)::numeric(14, 2)) over () as subtotal
        from lines l join variants v on v.id = l.variant_id join products p on p.id = v.product_id),
    taken as (
      update product_variants v set stock = v.stock - c.quantity
        from checked c
       where v.id = c.variant_id and c.ok),
    placed as (
      insert into orders (user_id, subtotal, total, currency, shipping_address, note)
      select ${userId}, subtotal, subtotal, ${config.STORE_CURRENCY}, ${address}::jsonb, ${note}
        from checked where ok and position = 0
      returning id, number, created_at, updated_at),
    items as (
      insert into order_items (order_id, position, product_id, variant_id, name, variant_title, sku, unit_price, quantity, line_total)
      select placed.id, c.position, c.product_id, c.variant_id, c.name, c.title, c.sku, c.price, c.quantity, c.line_total
        from placed, checked c),
    emptied as (
      delete from cart_items ci using checked c
       where ci.cart_id = c.cart_id and ci.variant_id = c.variant_id and c.ok)
    select c.product_id, c.variant_id, c.name, c.title as variant_title, c.sku, c.price::text as unit_price,
           c.quantity, c.line_total::text as line_total, c.stock, c.ok, c.subtotal::text as subtotal,
           placed.id as order_id, ${orderNumberOf('placed.number')} as order_number, placed.created_at, placed.updated_at
      from checked c left join placed on true
     order by c.position`.execute(db);
  if (rows.length === 0) throw new AppError('cart_empty', 'Add something to the cart before checking out');

  const first = rows[0]!;
  if (!first.ok) {
    const shortages: StockShortage[] = rows
      .filter((line) => line.quantity > line.stock)
      .map((line) => ({
        path: `items.${line.variant_id}`,
        message: `${line.quantity} wanted, ${line.stock} in stock`,
        product_id: line.product_id,
        variant_id: line.variant_id,
        available: line.stock,
      }));
    throw new AppError('insufficient_stock', `${shortages.length} line(s) are short of stock`, shortages);
  }
  return {
    id: first.order_id!,
    number: first.order_number!,
    status: 'pending',
    items: rows.map((line) => ({
      product_id: line.product_id,
      variant_id: line.variant_id,
      name: line.name,
      variant_title: line.variant_title,
      sku: line.sku,
      unit_price: line.unit_price,
      quantity: line.quantity,
      line_total: line.line_total,
    })),
    subtotal: first.subtotal,
    total: first.subtotal,
    currency: config.STORE_CURRENCY,
    shipping_address: body.shipping_address,
    note,
    user_id: userId,
    payment_status: null,
    created_at: first.created_at!,
    updated_at: first.updated_at!,
  };
}
