import type { Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { changeOrderStatus, type OrderActor } from '../orders/change-order-status.js';
import { lockOrder } from '../orders/orders.queries.js';
import { canPaymentMove } from './payment-status.js';
import { emitEvent } from '../events/outbox.js';
import {
  findPayment,
  findPaymentByReference,
  lockPayment,
  markRefundsOwed,
  recordPaymentEvent,
  setPaymentStatus,
} from './payments.queries.js';
import type { PaymentEvent } from './providers/payment-provider.js';
import { refundPayment } from './refunds.js';
import { releaseCancelledPayments } from './release-cancelled-payments.js';

/** Provider events act with the authority of the store itself. */
const PROVIDER: OrderActor = { userId: 'payment-provider', isAdmin: true };

export interface AppliedEvent {
  /** False for a redelivery, an event for a payment we do not know, or one the payment has moved past. */
  applied: boolean;
  paymentId?: string;
  /** The payment succeeded but the order does not take it (cancelled, or already paid): it is refunded. */
  refundOwed?: boolean;
  /** The payment paid this order: any other payment of it in progress was cancelled. */
  paidOrderId?: string;
}

/**
 * Applies one provider event inside the caller's transaction, exactly once per event id: the order is locked
 * (every payment path starts there), the event id recorded (a duplicate stops here: one delivering at the same
 * time waits for the order lock, then finds the id), then the payment is locked and moves only along
 * paymentTransitions. A payment succeeding pays a `pending` order through the order status
 * machine; for an order that no longer waits for it (cancelled, or paid by another payment) it is marked owed
 * back instead, so no order is ever paid twice.
 */
export async function applyPaymentEvent(trx: Transaction<DB>, event: PaymentEvent): Promise<AppliedEvent> {
  // Not (yet) a payment of ours: nothing is recorded, so a redelivery once it exists still applies.
  const target = await findPaymentByReference(trx, event.provider, event.reference);
  if (!target) return { applied: false };
  const order = await lockOrder(trx, target.order_id);
  if (!(await recordPaymentEvent(trx, event, target.id))) return { applied: false, paymentId: target.id };
  const payment = await lockPayment(trx, target.id);
  if (!order || !payment || !canPaymentMove(payment.status, event.outcome)) {
    return { applied: false, paymentId: target.id };
  }
  await setPaymentStatus(trx, payment.id, event.outcome);
  if (event.outcome === 'succeeded' || event.outcome === 'failed' || event.outcome === 'refunded') {
    const changed = (await findPayment(trx, payment.id))!;
    // Events travel to third parties: the secret that completes a payment stays with its customer.
    await emitEvent(trx, `payment.${event.outcome}`, payment.id, { ...changed, client_secret: null });
  }
  if (event.outcome !== 'succeeded') return { applied: true, paymentId: payment.id };
  if (order.status === 'pending') {
    await changeOrderStatus(trx, order.id, 'paid', PROVIDER);
    return { applied: true, paymentId: payment.id, paidOrderId: order.id };
  }
  await markRefundsOwed(trx, { paymentId: payment.id });
  return { applied: true, paymentId: payment.id, refundOwed: true };
}

/**
 * applyPaymentEvent in its own transaction, then, once committed, what it asks of providers: the refund it made
 * owed, or the cancellation of the order's other payments in progress.
 */
export async function receivePaymentEvent(deps: Deps, event: PaymentEvent): Promise<AppliedEvent> {
  return withTransaction(deps.db, async (trx, scope) => {
    const applied = await applyPaymentEvent(trx, event);
    if (applied.refundOwed) scope.afterCommit(() => refundPayment(deps, { paymentId: applied.paymentId! }));
    const paid = applied.paidOrderId;
    if (paid) scope.afterCommit(() => releaseCancelledPayments(deps, paid));
    return applied;
  });
}
