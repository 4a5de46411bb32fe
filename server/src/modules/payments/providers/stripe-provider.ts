import Stripe from 'stripe';
import type { Logger } from 'pino';
import type { Config } from '../../../config.js';
import { AppError } from '../../../errors.js';
import { toMinorUnits } from '../minor-units.js';
import type { PaymentEvent, PaymentProvider } from './payment-provider.js';

/** Stripe's own limit on a webhook's age: older signatures are refused, so a captured delivery cannot be replayed. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The client options for STRIPE_API_BASE (stripe-mock, a local stand-in), or Stripe itself. */
function apiBase(url: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!url) return {};
  const base = new URL(url);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  return { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol };
}

/** The amount in Stripe's unit; a total the currency cannot carry exactly (12.50 JPY) is refused, not rounded. */
function stripeAmount(amount: string, currency: string): number {
  try {
    return toMinorUnits(amount, currency);
  } catch (error) {
    throw new AppError('conflict', `This total cannot be charged exactly: ${(error as Error).message}`);
  }
}

function providerFailed(logger: Logger, action: string, error: unknown): AppError {
  logger.warn({ err: error }, `stripe: ${action} failed`);
  const reason = error instanceof Stripe.errors.StripeError ? `: ${error.message}` : '';
  return new AppError('payment_provider_failed', `Stripe could not ${action}${reason}`, undefined, {
    'Retry-After': '5',
  });
}

/** Which of our statuses a Stripe event moves a payment to; null for events that change nothing here. */
function outcomeOf(event: Stripe.Event): Pick<PaymentEvent, 'reference' | 'outcome'> | null {
  switch (event.type) {
    case 'payment_intent.processing':
      return { reference: event.data.object.id, outcome: 'processing' };
    case 'payment_intent.succeeded':
      return { reference: event.data.object.id, outcome: 'succeeded' };
    case 'payment_intent.payment_failed':
      return { reference: event.data.object.id, outcome: 'failed' };
    case 'payment_intent.canceled':
      return { reference: event.data.object.id, outcome: 'cancelled' };
    case 'charge.refunded': {
      // Fired for partial refunds too (from the Dashboard): only a full refund makes the payment `refunded`.
      const charge = event.data.object;
      const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      return charge.refunded && intent ? { reference: intent, outcome: 'refunded' } : null;
    }
    default:
      return null;
  }
}

/**
 * Stripe PaymentIntents through the official library. Every call carries an idempotency key derived from our
 * payment id, so the library's own retries (and ours) never create a second intent or a second refund.
 */
export function createStripeProvider(
  config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_BASE'>,
  logger: Logger,
): PaymentProvider {
  const stripe = new Stripe(config.STRIPE_SECRET_KEY!, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: 'nexus-commerce' },
    ...apiBase(config.STRIPE_API_BASE),
  });
  const webhookSecret = config.STRIPE_WEBHOOK_SECRET!;

  return {
    name: 'stripe',

    async createPayment({ paymentId, orderId, orderNumber, amount, currency }) {
      const minor = stripeAmount(amount, currency);
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create(
          {
            amount: minor,
            currency: currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            description: `Order ${orderNumber}`,
            metadata: { payment_id: paymentId, order_id: orderId, order_number: orderNumber },
          },
          { idempotencyKey: `nexus-payment-${paymentId}` },
        );
      } catch (error) {
        throw providerFailed(logger, 'create the payment', error);
      }
      if (!intent.client_secret) throw providerFailed(logger, 'create the payment', 'no client_secret');
      return { reference: intent.id, clientSecret: intent.client_secret };
    },

    async refundPayment({ paymentId, reference, amount, currency }) {
      const minor = stripeAmount(amount, currency);
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: reference, amount: minor, metadata: { payment_id: paymentId } },
          { idempotencyKey: `nexus-refund-${paymentId}` },
        );
        const state =
          refund.status === 'succeeded'
            ? 'succeeded'
            : /failed|canceled/.test(refund.status ?? '')
              ? 'failed'
              : 'pending';
        return { refundId: refund.id, state };
      } catch (error) {
        throw providerFailed(logger, 'refund the payment', error);
      }
    },

    async cancelPayment({ paymentId, reference }) {
      try {
        await stripe.paymentIntents.cancel(
          reference,
          { cancellation_reason: 'abandoned' },
          { idempotencyKey: `nexus-cancel-${paymentId}` },
        );
      } catch (error) {
        throw providerFailed(logger, 'cancel the payment', error);
      }
    },

    parseWebhook(rawBody, signature) {
      if (!signature) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
      } catch (error) {
        const stale = error instanceof Error && /tolerance/i.test(error.message);
        throw new AppError(
          'invalid_signature',
          stale
            ? `The signature is more than ${WEBHOOK_TOLERANCE_SECONDS} s old`
            : 'The Stripe-Signature does not match this body and STRIPE_WEBHOOK_SECRET',
        );
      }
      const outcome = outcomeOf(event);
      return outcome && { provider: 'stripe', eventId: event.id, type: event.type, ...outcome };
    },
  };
}
