import type { Deps } from '../../deps.js';
import { receivePaymentEvent } from './apply-payment-event.js';
import { claimStaleRefunds, findOwedRefunds } from './payments.queries.js';

/** How long an owed refund waits before the sweep asks the provider again. */
export const REFUND_RETRY_SECONDS = 60;

/**
 * Asks the provider for every refund owed on an order (or one payment), after the transaction that made them
 * owed has committed. The provider's idempotency key is derived from the payment id, so asking twice (a sweep
 * and a request at once, a retry after a timeout) refunds once. A confirmation travels the provider-event path
 * like any webhook; a failure is logged and left owed: the sweep asks again. Answers whether all were confirmed.
 */
export async function refundPayment(deps: Deps, where: { orderId: string } | { paymentId: string }): Promise<boolean> {
  let allConfirmed = true;
  for (const payment of await findOwedRefunds(deps.db, where)) {
    const provider = deps.payments.get(payment.provider);
    if (!provider) {
      deps.logger.error(
        { payment_id: payment.id, provider: payment.provider },
        'refund owed, but its provider is not enabled',
      );
      allConfirmed = false;
      continue;
    }
    try {
      const refund = await provider.refundPayment({ paymentId: payment.id, ...payment });
      if (refund.state === 'failed') {
        deps.logger.error(
          { payment_id: payment.id, refund_id: refund.refundId, provider: payment.provider },
          'the provider failed this refund: the money is still owed; refund it by hand in the provider’s dashboard',
        );
      }
      if (refund.state !== 'succeeded') {
        allConfirmed = false;
        continue;
      }
      await receivePaymentEvent(deps, {
        provider: payment.provider,
        eventId: `refund:${refund.refundId}`,
        type: 'refund.succeeded',
        reference: payment.reference,
        outcome: 'refunded',
      });
    } catch (error) {
      allConfirmed = false;
      deps.logger.warn({ err: error, payment_id: payment.id }, 'refund failed; it stays owed and is retried');
    }
  }
  return allConfirmed;
}

/** One pass of the refund sweep: owed refunds the provider has not confirmed within REFUND_RETRY_SECONDS. */
export async function retryOwedRefunds(deps: Deps): Promise<number> {
  const ids = await claimStaleRefunds(deps.db, REFUND_RETRY_SECONDS);
  for (const paymentId of ids) await refundPayment(deps, { paymentId });
  return ids.length;
}

/** Runs the refund sweep every minute in this process; returns the stop function. */
export function startRefundRetries(deps: Deps): () => void {
  const timer = setInterval(() => {
    retryOwedRefunds(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'refund sweep failed'));
  }, REFUND_RETRY_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
