import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { MoneySchema } from '../common/money.js';
import { TimestampSchema } from '../common/timestamp.js';
import { PaymentStatusSchema } from '../orders/orders.schemas.js';

/**
 * Who takes the money: `stripe` (a Stripe PaymentIntent; enabled by `STRIPE_SECRET_KEY`) or `test` (when Stripe
 * is not configured, outside production only: a stand-in whose customer completes or fails the payment through
 * `test-confirm`).
 */
export const PAYMENT_PROVIDERS = ['stripe', 'test'] as const;
export const PaymentProviderSchema = z.enum(PAYMENT_PROVIDERS);
export type PaymentProvider = z.infer<typeof PaymentProviderSchema>;

/**
 * A payment of an order. `status` moves `requires_action → succeeded | failed`, a succeeded payment may become
 * `refunded`, and `cancelled` marks a payment the order no longer waits for. Card data never reaches this API:
 * the frontend completes the payment with the provider's own library (Stripe.js `confirmPayment`) using
 * `client_secret`.
 */
export const PaymentSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    order_id: z.string().uuid(),
    provider: PaymentProviderSchema,
    status: PaymentStatusSchema,
    amount: MoneySchema.describe('The order total, exactly'),
    currency: z.string().length(3),
    client_secret: z
      .string()
      .nullable()
      .describe(
        'Hand it to the provider’s client library to complete the payment; never log or share it. Null for anyone but the order’s owner (an admin’s view)',
      ),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  {
    title: 'Payment',
    example: {
      id: '5d0f9a8e-1c2b-4d3e-8f7a-6b5c4d3e2f1a',
      order_id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      provider: 'stripe',
      status: 'requires_action',
      amount: '2598.00',
      currency: 'USD',
      client_secret: 'pi_3Q0abc_secret_XyZ',
      created_at: '2026-12-03T09:00:00.000Z',
      updated_at: '2026-12-03T09:00:00.000Z',
    },
  },
);
export type Payment = z.infer<typeof PaymentSchema>;

/** `POST /orders/{id}/payments`: which provider; the store's default (Stripe when configured) when omitted. */
export const CreatePaymentBodySchema = extendApi(z.object({ provider: PaymentProviderSchema.optional() }).strict(), {
  example: { provider: 'test' },
});
export type CreatePaymentBody = z.infer<typeof CreatePaymentBodySchema>;

/** `POST /payments/{id}/test-confirm`: what the imaginary customer did. */
export const TestConfirmBodySchema = extendApi(z.object({ outcome: z.enum(['succeeded', 'failed']) }).strict(), {
  example: { outcome: 'succeeded' },
});
export type TestConfirmBody = z.infer<typeof TestConfirmBodySchema>;

export const PaymentIdParamsSchema = z.object({ id: z.string().uuid() });
export const PaymentListSchema = z.array(PaymentSchema);

/** A Stripe event as Stripe sends it; only `id` and `type` are read before the signature is verified. */
export const StripeEventSchema = extendApi(
  z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(255) }).passthrough(),
  { title: 'StripeEvent', example: { id: 'evt_1Q0abc', type: 'payment_intent.succeeded', data: { object: {} } } },
);

/** Headers of the Stripe webhook: Stripe signs every delivery. */
export const StripeWebhookHeadersSchema = z.object({
  'stripe-signature': extendApi(z.string().optional(), {
    description: '`t=<unix time>,v1=<HMAC-SHA256 of "t.body" with STRIPE_WEBHOOK_SECRET>`, as Stripe sends it',
  }),
});

/** What the webhook answers Stripe: received, and whether it was new (`false` for a redelivery). */
export const WebhookReceiptSchema = z.object({
  received: z.literal(true),
  applied: z.boolean().describe('False when this event id was already applied (a redelivery) or concerns nothing here'),
});
export type WebhookReceipt = z.infer<typeof WebhookReceiptSchema>;
