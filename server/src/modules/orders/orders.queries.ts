import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Order, OrderListQuery, OrderStatus } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

/** `NX-000123` from an order's `number` column: six digits at least, more once the store outgrows them. */
export const orderNumberOf = (column: string) =>
  sql<string>`'NX-' || case when ${sql.ref(column)} < 1000000 then lpad(${sql.ref(column)}::text, 6, '0') else ${sql.ref(column)}::text end`;

const orderNumber = orderNumberOf('o.number');

const orderItems = sql<Order['items']>`coalesce((
  select json_agg(json_build_object(
           'product_id', i.product_id, 'variant_id', i.variant_id, 'name', i.name, 'variant_title', i.variant_title,
           'sku', i.sku, 'unit_price', i.unit_price::text, 'quantity', i.quantity, 'line_total', i.line_total::text)
         order by i.position)
    from order_items i where i.order_id = o.id), '[]'::json)`;

// The payment that paid the order when there is one (a duplicate that was refunded must not hide it), else the
// latest: `payments_order_created_at_idx`.
const paymentStatus = sql<Order['payment_status']>`(
  select p.status from payments p where p.order_id = o.id and p.reference is not null
   order by p.status = 'succeeded' desc, p.created_at desc, p.id desc limit 1)`;

/** Orders as the API shows them, items included, in one statement. */
function selectOrders(db: Db) {
  return db
    .selectFrom('orders as o')
    .select([
      'o.id',
      orderNumber.as('number'),
      sql<OrderStatus>`o.status`.as('status'),
      orderItems.as('items'),
      sql<string>`o.subtotal::text`.as('subtotal'),
      sql<string>`o.total::text`.as('total'),
      'o.currency',
      sql<Order['shipping_address']>`o.shipping_address`.as('shipping_address'),
      'o.note',
      'o.user_id',
      paymentStatus.as('payment_status'),
      'o.created_at',
      'o.updated_at',
    ]);
}

export function findOrder(db: Db, id: string): Promise<Order | undefined> {
  return selectOrders(db).where('o.id', '=', id).executeTakeFirst();
}

/** Who an order belongs to, without the rest of it. */
export function findOrderOwner(db: Db, id: string) {
  return db.selectFrom('orders').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}

/**
 * Who an order belongs to, where it stands and what it costs, row-locked: every status change and every payment
 * starts here. Lock order everywhere: the order, then its payments, then variants.
 */
export function lockOrder(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('orders as o')
    .select([
      'o.id',
      'o.user_id',
      sql<OrderStatus>`o.status`.as('status'),
      orderNumber.as('number'),
      sql<string>`o.total::text`.as('total'),
      'o.currency',
    ])
    .where('o.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setOrderStatus(trx: Transaction<DB>, id: string, status: OrderStatus): Promise<void> {
  await trx.updateTable('orders').set({ status }).where('id', '=', id).execute();
}

export function orderLines(trx: Transaction<DB>, orderId: string) {
  return trx.selectFrom('order_items').select(['variant_id', 'quantity']).where('order_id', '=', orderId).execute();
}

function matchesFilters(query: Pick<OrderListQuery, 'status' | 'user_id'>) {
  return (eb: ExpressionBuilder<DB & { o: DB['orders'] }, 'o'>) =>
    eb.and([
      ...(query.user_id ? [eb('o.user_id', '=', query.user_id)] : []),
      ...(query.status ? [eb('o.status', '=', query.status)] : []),
    ]);
}

/** A page of orders, newest first (ties by id), and the total: `(user_id | status, created_at, id)` indexes. */
export async function listOrders(db: Db, query: OrderListQuery): Promise<{ count: number; rows: Order[] }> {
  const [rows, total] = await Promise.all([
    selectOrders(db)
      .where(matchesFilters(query))
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('orders as o')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(matchesFilters(query))
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}
