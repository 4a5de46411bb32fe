import { randomBytes, randomUUID } from 'node:crypto';
import type { PaymentEvent, PaymentProvider } from './payment-provider.js';

/** The development stand-in: payments its imaginary customer completes or fails through `test-confirm`. */
export interface TestProvider extends PaymentProvider {
  /** The event a provider would send when the customer completes (or fails) the payment `reference`. */
  confirmation(reference: string, outcome: 'succeeded' | 'failed'): PaymentEvent;
}

/** Never enabled in production (see createPaymentProviders). Refunds are confirmed at once. */
export function createTestProvider(): TestProvider {
  return {
    name: 'test',
    async createPayment({ paymentId }) {
      return {
        reference: `test_pi_${paymentId}`,
        clientSecret: `test_pi_${paymentId}_secret_${randomBytes(12).toString('base64url')}`,
      };
    },
    async refundPayment({ paymentId }) {
      return { refundId: `test_re_${paymentId}`, state: 'succeeded' as const };
    },
    confirmation(reference, outcome) {
      return {
        provider: 'test',
        eventId: `test_evt_${randomUUID()}`,
        type: outcome === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
        reference,
        outcome,
      };
    },
  };
}
