import type { PaymentStatus } from '@nexus/contract';

/**
 * Where a payment may go from each status: the one place the payment life cycle is decided. Provider events
 * that ask for anything else (a failure reported after success, a redelivery) change nothing.
 * - `failed → succeeded`: Stripe lets the customer try another card on the same PaymentIntent.
 * - `cancelled → succeeded`: the customer completed a payment the order had stopped waiting for; the order
 *   then does not take it (see applyPaymentEvent) and it is refunded at once.
 */
export const paymentTransitions: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_action: ['processing', 'succeeded', 'failed', 'cancelled'],
  processing: ['succeeded', 'failed', 'cancelled'],
  failed: ['succeeded', 'cancelled'],
  cancelled: ['succeeded'],
  succeeded: ['refunded'],
  refunded: [],
};

export const canPaymentMove = (from: PaymentStatus, to: PaymentStatus): boolean =>
  paymentTransitions[from].includes(to);
