import type { Order, OrderStatus } from '@nexus/contract';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { refundPayment } from '../payments/refunds.js';
import { releaseCancelledPayments } from '../payments/release-cancelled-payments.js';
import { changeOrderStatus, type OrderActor } from './change-order-status.js';
import { findOrder } from './orders.queries.js';

/**
 * A status change asked for over the API (a customer's cancel, an admin's update): changeOrderStatus in its
 * transaction, then what it asks of payment providers: the payments it stopped waiting for are cancelled there
 * and, for a cancellation, the refunds it made owed are asked for. The answer is read after the provider has
 * answered, so a refund the provider confirms at once shows as `payment_status: "refunded"`.
 */
export async function moveOrder(
  deps: Deps,
  orderId: string,
  to: OrderStatus,
  actor: OrderActor,
): Promise<Order | undefined> {
  const order = await withTransaction(deps.db, (trx) => changeOrderStatus(trx, orderId, to, actor));
  if (order && (to === 'paid' || to === 'cancelled')) await releaseCancelledPayments(deps, orderId);
  if (!order || to !== 'cancelled' || order.payment_status !== 'succeeded') return order;
  await refundPayment(deps, { orderId });
  return findOrder(deps.db, orderId);
}
