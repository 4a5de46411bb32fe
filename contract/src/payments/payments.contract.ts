import { initContract } from '@ts-rest/core';
import { BODY_PROBLEMS, USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { IdempotencyHeadersSchema } from '../common/request-headers.js';
import { publicRoute, userRoute } from '../common/route-metadata.js';
import { OrderIdParamsSchema } from '../orders/orders.schemas.js';
import {
  CreatePaymentBodySchema,
  PaymentIdParamsSchema,
  PaymentListSchema,
  PaymentSchema,
  StripeEventSchema,
  StripeWebhookHeadersSchema,
  TestConfirmBodySchema,
  WebhookReceiptSchema,
} from './payments.schemas.js';

const c = initContract();

/** Paying for orders: one payment in progress per order, completed by the customer with the provider. */
export const paymentsContract = c.router({
  create: {
    method: 'POST',
    path: '/orders/:id/payments',
    summary: 'Start paying for an order',
    description: [
      'The order’s owner, while the order is `pending` (else 409 `invalid_transition`). Answers the payment with its `client_secret`: complete it with the provider’s client library (Stripe.js), or with `test-confirm` for the `test` provider.',
      'An order has at most one payment in progress: while one is `requires_action` or `processing`, it is answered again rather than duplicated. After a `failed` one, a new call starts a new payment. `provider` defaults to Stripe when the store has it configured, else `test` (never in production); a provider the store has not enabled is 409 `payment_provider_unavailable`. The provider not answering is 502 `payment_provider_failed` (nothing is created; retry).',
    ].join('\n\n'),
    pathParams: OrderIdParamsSchema,
    headers: IdempotencyHeadersSchema,
    body: CreatePaymentBodySchema,
    responses: {
      201: PaymentSchema,
      ...problemResponses(
        ...USER_PROBLEMS,
        ...BODY_PROBLEMS,
        'not_found',
        'invalid_transition',
        'payment_provider_unavailable',
        'payment_provider_failed',
        'idempotency_key_in_flight',
        'idempotency_key_reused',
        ...WRITE_PROBLEMS,
      ),
    },
    metadata: { ...userRoute, idempotent: true },
  },
  list: {
    method: 'GET',
    path: '/orders/:id/payments',
    summary: 'List an order’s payments',
    description: 'The owner or an admin; newest first. Anyone else gets 404.',
    pathParams: OrderIdParamsSchema,
    responses: { 200: PaymentListSchema, ...problemResponses(...USER_PROBLEMS, 'not_found') },
    metadata: userRoute,
  },
  testConfirm: {
    method: 'POST',
    path: '/payments/:id/test-confirm',
    summary: 'Complete or fail a test payment',
    description: [
      'The owner, for a payment of the `test` provider only (else 409 `test_provider_only`): plays the customer completing (`succeeded`) or failing (`failed`) the payment. The outcome travels exactly the path a provider’s webhook does: `succeeded` makes the order `paid`, or, if the order was cancelled meanwhile, is refunded at once.',
      'Like a webhook it is applied at most once per payment state: an outcome the payment can no longer take (a `failed` after `succeeded`) changes nothing and answers the payment as it is.',
    ].join('\n\n'),
    pathParams: PaymentIdParamsSchema,
    body: TestConfirmBodySchema,
    responses: {
      200: PaymentSchema,
      ...problemResponses(...USER_PROBLEMS, ...BODY_PROBLEMS, 'not_found', 'test_provider_only', ...WRITE_PROBLEMS),
    },
    metadata: userRoute,
  },
});

/** Provider callbacks: called by the provider, server to server, never by a frontend (the SDK leaves them out). */
export const paymentWebhooksContract = c.router({
  stripe: {
    method: 'POST',
    path: '/payments/webhooks/stripe',
    summary: 'Receive a Stripe event',
    description: [
      'For Stripe only: the raw body is verified against `Stripe-Signature` with `STRIPE_WEBHOOK_SECRET` (timestamps older than 300 s are refused); a missing, wrong or stale signature is 400 `invalid_signature`.',
      '`payment_intent.succeeded` → payment `succeeded` and order `paid` (refunded at once if the order was cancelled meanwhile or is already paid); `payment_intent.payment_failed` → `failed`; `charge.refunded` (in full) → `refunded`; `payment_intent.processing` and `payment_intent.canceled` → `processing` and `cancelled`. Each event id is applied once, in the transaction of its change: a redelivery answers 200 with `applied: false`, and an event the payment has moved past (a failure after success) changes nothing. Other event types answer 200 and are ignored. Store without Stripe: 409 `payment_provider_unavailable`.',
    ].join('\n\n'),
    headers: StripeWebhookHeadersSchema,
    body: StripeEventSchema,
    responses: {
      200: WebhookReceiptSchema,
      ...problemResponses(...BODY_PROBLEMS, 'invalid_signature', 'payment_provider_unavailable', ...WRITE_PROBLEMS),
    },
    metadata: { ...publicRoute, rawBody: true },
  },
});
