import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Payment, PaymentProvider, PaymentStatus } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';
import type { PaymentEvent } from './providers/payment-provider.js';

/** Statuses of a payment the order is still waiting on: at most one per order (payments_one_open_per_order). */
export const OPEN_PAYMENT_STATUSES = ['requires_action', 'processing'] as const satisfies readonly PaymentStatus[];

/** Payments as the API shows them: those the provider has answered for (a reserved row is not one yet). */
function selectPayments(db: Db) {
  return db
    .selectFrom('payments as p')
    .select([
      'p.id',
      'p.order_id',
      sql<PaymentProvider>`p.provider`.as('provider'),
      sql<PaymentStatus>`p.status`.as('status'),
      sql<string>`p.amount::text`.as('amount'),
      'p.currency',
      sql<string>`p.client_secret`.as('client_secret'),
      'p.created_at',
      'p.updated_at',
    ])
    .where('p.reference', 'is not', null);
}

export function findPayment(db: Db, id: string): Promise<Payment | undefined> {
  return selectPayments(db).where('p.id', '=', id).executeTakeFirst();
}

/** An order's payments, newest first: `payments_order_created_at_idx`. */
export function listOrderPayments(db: Db, orderId: string): Promise<Payment[]> {
  return selectPayments(db)
    .where('p.order_id', '=', orderId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** The payment the order is waiting on, if any, answered by its provider or not; read under the order's row lock. */
export function findOpenPayment(trx: Transaction<DB>, orderId: string) {
  return trx
    .selectFrom('payments')
    .select(['id', sql<PaymentProvider>`provider`.as('provider'), 'reference'])
    .where('order_id', '=', orderId)
    .where('status', 'in', OPEN_PAYMENT_STATUSES)
    .executeTakeFirst();
}

/** Reserves a payment of the order's total before its provider is asked. */
export async function reservePayment(
  trx: Transaction<DB>,
  payment: { id: string; orderId: string; provider: PaymentProvider; amount: string; currency: string },
): Promise<void> {
  await trx
    .insertInto('payments')
    .values({
      id: payment.id,
      order_id: payment.orderId,
      provider: payment.provider,
      amount: payment.amount,
      currency: payment.currency,
    })
    .execute();
}

/**
 * Records the provider's handle on a reserved payment. The first answer stays (`reference is null`): two tabs
 * asking at once get the same intent from Stripe anyway. Recorded whatever the payment's status by now, so an
 * event for a payment cancelled meanwhile still finds it (and refunds it, should it succeed).
 */
export async function recordProviderHandle(
  db: Db,
  id: string,
  handle: { reference: string; clientSecret: string },
): Promise<void> {
  await db
    .updateTable('payments')
    .set({ reference: handle.reference, client_secret: handle.clientSecret })
    .where('id', '=', id)
    .where('reference', 'is', null)
    .execute();
}

/** Which payment a provider's id names: how an event finds its payment (`payments_provider_reference_key`). */
export function findPaymentByReference(db: Db, provider: PaymentProvider, reference: string) {
  return db
    .selectFrom('payments')
    .select(['id', 'order_id'])
    .where('provider', '=', provider)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/**
 * Records that an event is being applied; false when its id is already recorded. Two deliveries of one event at
 * once: the second waits on the first's uninserted key, then finds it and does nothing.
 */
export async function recordPaymentEvent(
  trx: Transaction<DB>,
  event: PaymentEvent,
  paymentId: string | undefined,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('payment_events')
    .values({ provider: event.provider, event_id: event.eventId, type: event.type, payment_id: paymentId ?? null })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * A payment's status, row-locked. Lock order everywhere: the order first, then its payments. `for no key update`,
 * as a status change is: it does not wait for the key-share locks of rows referencing the payment.
 */
export function lockPayment(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('payments')
    .select(['id', 'order_id', sql<PaymentStatus>`status`.as('status')])
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function setPaymentStatus(trx: Transaction<DB>, id: string, status: PaymentStatus): Promise<void> {
  await trx.updateTable('payments').set({ status }).where('id', '=', id).execute();
}

/** The order no longer waits for its open payments (cancelled, or paid by another one). */
export async function cancelOpenPayments(trx: Transaction<DB>, orderId: string): Promise<void> {
  await trx
    .updateTable('payments')
    .set({ status: 'cancelled' })
    .where('order_id', '=', orderId)
    .where('status', 'in', OPEN_PAYMENT_STATUSES)
    .execute();
}

/** Which payments a refund call is about: all of an order's, or one. */
type RefundScope = { orderId: string } | { paymentId: string };
const refundScope = (where: RefundScope) => (eb: ExpressionBuilder<DB, 'payments'>) =>
  'orderId' in where ? eb('order_id', '=', where.orderId) : eb('id', '=', where.paymentId);

/** Marks succeeded payments (one, or all of an order) as owed back: the refund is asked of the provider after commit. */
export async function markRefundsOwed(trx: Transaction<DB>, where: RefundScope) {
  await trx
    .updateTable('payments')
    .set({ refund_requested_at: sql`now()` })
    .where(refundScope(where))
    .where('status', '=', 'succeeded')
    .execute();
}

/** What a refund needs to know of a payment, when one is owed and not yet confirmed. */
export function findOwedRefunds(db: Db, where: RefundScope) {
  return db
    .selectFrom('payments')
    .select([
      'id',
      sql<PaymentProvider>`provider`.as('provider'),
      // A succeeded payment always has one: its provider's event found it by it.
      sql<string>`reference`.as('reference'),
      sql<string>`amount::text`.as('amount'),
      'currency',
    ])
    .where(refundScope(where))
    .where('status', '=', 'succeeded')
    .where('refund_requested_at', 'is not', null)
    .execute();
}

/**
 * Claims owed refunds last asked for more than `retryAfterSeconds` ago, bumping their time so that other
 * processes' sweeps skip them meanwhile (`payments_refund_owed_idx`).
 */
export async function claimStaleRefunds(db: Db, retryAfterSeconds: number, limit = 20): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update payments set refund_requested_at = now()
     where id in (select id from payments
                   where status = 'succeeded' and refund_requested_at is not null
                     and refund_requested_at < now() - make_interval(secs => ${retryAfterSeconds})
                   order by refund_requested_at limit ${limit} for update skip locked)
    returning id`.execute(db);
  return rows.map((row) => row.id);
}

/** Who a payment's order belongs to, and the provider's handle on it. */
export function findPaymentOwner(db: Db, id: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select([
      'p.id',
      sql<PaymentProvider>`p.provider`.as('provider'),
      sql<string>`p.reference`.as('reference'),
      'o.user_id',
    ])
    .where('p.id', '=', id)
    .where('p.reference', 'is not', null)
    .executeTakeFirst();
}

/** Payments the order stopped waiting for, which their provider may still let the customer complete. */
export function findCancelledPayments(db: Db, orderId: string) {
  return db
    .selectFrom('payments')
    .select(['id', sql<PaymentProvider>`provider`.as('provider'), sql<string>`reference`.as('reference')])
    .where('order_id', '=', orderId)
    .where('status', '=', 'cancelled')
    .where('reference', 'is not', null)
    .execute();
}
