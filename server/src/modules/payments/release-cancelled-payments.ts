import type { Deps } from '../../deps.js';
import { findCancelledPayments } from './payments.queries.js';

/**
 * After an order is paid or cancelled (and committed), asks the providers of the payments it stopped waiting for
 * to cancel them, so that a customer cannot pay for nothing and then wait for a refund (Stripe keeps its fee on a
 * refunded charge). Best effort, and repeatable (idempotency key per payment): a payment completed meanwhile is
 * refunded when its success arrives, so a failure here is only logged.
 */
export async function releaseCancelledPayments(deps: Pick<Deps, 'db' | 'payments' | 'logger'>, orderId: string) {
  for (const payment of await findCancelledPayments(deps.db, orderId)) {
    const provider = deps.payments.get(payment.provider);
    if (!provider?.cancelPayment) continue;
    try {
      await provider.cancelPayment({ paymentId: payment.id, reference: payment.reference });
    } catch (error) {
      deps.logger.info({ err: error, payment_id: payment.id }, 'the provider did not cancel an abandoned payment');
    }
  }
}
