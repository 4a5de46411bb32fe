import type { Transaction } from 'kysely';
import type { Order, OrderStatus } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { cancelOpenPayments, markRefundsOwed } from '../payments/payments.queries.js';
import { adjustStock, lockVariants } from '../variants/variants.queries.js';
import { emitEvent } from '../events/outbox.js';
import { assertTransition } from './order-status.js';
import { findOrder, lockOrder, orderLines, setOrderStatus } from './orders.queries.js';

/** Who is asking: an order is visible (and changeable) to its owner and to admins; the routes decide what may be asked. */
export interface OrderActor {
  userId: string;
  isAdmin: boolean;
}

/**
 * The one way an order's status changes: the order row is locked, the transition checked against
 * orderTransitions. Paid or cancelled, the order stops waiting for a payment in progress (it is cancelled; should
 * it succeed anyway, it is refunded). A cancellation marks a succeeded payment owed back (refundPayment asks the
 * provider once this commits) and puts the stock back (variants locked in id order; a variant deleted since is
 * skipped). Each change emits its `order.<status>` event in the same transaction. Done once: a second cancel
 * finds the order cancelled and is refused.
 */
export async function changeOrderStatus(
  trx: Transaction<DB>,
  orderId: string,
  to: OrderStatus,
  actor: OrderActor,
): Promise<Order | undefined> {
  const order = await lockOrder(trx, orderId);
  if (!order || (!actor.isAdmin && order.user_id !== actor.userId)) return undefined;
  assertTransition(order.status, to);
  // Paid (by a payment, or by hand) or cancelled, the order waits for no payment in progress any more.
  if (to === 'paid' || to === 'cancelled') await cancelOpenPayments(trx, orderId);
  if (to === 'cancelled') {
    await markRefundsOwed(trx, { orderId });
    const lines = await orderLines(trx, orderId);
    const present = new Set(
      (
        await lockVariants(
          trx,
          lines.map((line) => line.variant_id),
        )
      ).map((variant) => variant.id),
    );
    await adjustStock(
      trx,
      lines
        .filter((line) => present.has(line.variant_id))
        .map((line) => ({ id: line.variant_id, delta: line.quantity })),
    );
  }
  await setOrderStatus(trx, orderId, to);
  const changed = (await findOrder(trx, orderId))!;
  if (to !== 'pending') await emitEvent(trx, `order.${to}`, orderId, changed);
  return changed;
}
