import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { rawBodyOf } from '../../http/request-input.js';
import { reply } from '../../http/problem.js';
import { receivePaymentEvent } from './apply-payment-event.js';

const s = initServer();

/** Provider webhooks: verified over the exact bytes received, then applied through the one provider-event path. */
export function paymentWebhooksRouter(deps: Deps): RouterFor<typeof api.paymentWebhooks> {
  return s.router(api.paymentWebhooks, {
    stripe: async ({ req, headers }) => {
      const stripe = deps.payments.get('stripe');
      if (!stripe?.parseWebhook)
        return reply('payment_provider_unavailable', 'This store does not take Stripe payments');
      const event = stripe.parseWebhook(rawBodyOf(req), headers['stripe-signature']);
      if (!event) return { status: 200, body: { received: true as const, applied: false } };
      const { applied } = await receivePaymentEvent(deps, event);
      return { status: 200, body: { received: true as const, applied } };
    },
  });
}
