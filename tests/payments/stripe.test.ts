import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Order, Payment } from '@nexus/client-sdk';
import { retryOwedRefunds } from '../../server/src/modules/payments/refunds.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deadlocksIn } from '../support/locks.js';
import { expectProblem } from '../support/expect-problem.js';
import {
  ADDRESS,
  createStockedProduct,
  pendingOrder,
  signUp,
  signUpAdmin,
  type SignedIn,
} from '../support/fixtures.js';
import {
  STRIPE_TEST_KEY,
  STRIPE_WEBHOOK_SECRET,
  signedEvent,
  startStripeStandIn,
  type StripeStandIn,
} from '../support/stripe-stand-in.js';

// Stripe itself is out of reach here: the provider talks to a local stand-in speaking Stripe's wire format,
// and webhooks are signed exactly as Stripe signs them, with the library's own test-header helper.
let stripe: StripeStandIn;
let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  stripe = await startStripeStandIn();
  app = await startTestApp({
    STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
  });
  admin = await signUpAdmin(app);
});
afterAll(async () => {
  await app.close();
  await stripe.close();
});
beforeEach(() => {
  stripe.requests.length = 0;
  stripe.refundStatus = 'succeeded';
  stripe.latencyMs = 0;
});

const pendingFor = (fields: Parameters<typeof pendingOrder>[2] = {}) =>
  pendingOrder(app, admin, { price: '1299.00', ...fields });
const stockOf = async (productId: string) => (await admin.client.products.get({ params: { id: productId } })).stock;

/** The PaymentIntent id the stand-in made for a payment. */
function intentOf(payment: Payment): string {
  return payment.client_secret!.split('_secret_')[0]!;
}

function deliver(event: { payload: string; signature: string }) {
  return app.fetch('/api/v1/payments/webhooks/stripe', {
    method: 'POST',
    body: event.payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
  });
}

const orderOf = (customer: SignedIn, order: Order) => customer.client.orders.get({ params: { id: order.id } });

async function paidOrder() {
  const setup = await pendingFor();
  const payment = await setup.customer.client.payments.create({ params: { id: setup.order.id }, body: {} });
  const response = await deliver(
    signedEvent('payment_intent.succeeded', { id: intentOf(payment), object: 'payment_intent' }),
  );
  expect(response.status).toBe(200);
  return { ...setup, payment };
}

describe('creating a PaymentIntent', () => {
  it('sends Stripe the exact total in minor units, the currency and a key derived from the payment id', async () => {
    const { customer, order } = await pendingFor({ price: '1299.00', quantity: 1 });
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    expect(payment).toMatchObject({ provider: 'stripe', status: 'requires_action', amount: '1299.00' });

    expect(stripe.requests).toHaveLength(1);
    const [request] = stripe.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      contentType: 'application/x-www-form-urlencoded',
      idempotencyKey: `nexus-payment-${payment.id}`,
      authorization: `Bearer ${STRIPE_TEST_KEY}`,
    });
    expect(request!.form).toMatchObject({
      amount: '129900',
      currency: 'usd',
      'metadata[payment_id]': payment.id,
      'metadata[order_id]': order.id,
      'metadata[order_number]': order.number,
    });
    expect(payment.client_secret).toMatch(/^pi_[0-9a-f]+_secret_/);
  });

  it('adds cents exactly: 3 × 0.10 + 19.99 is 2029 cents', async () => {
    const customer = await signUp(app);
    const [a, b] = [
      await createStockedProduct(admin, { price: '0.10', stock: 5 }),
      await createStockedProduct(admin, { price: '19.99', stock: 5 }),
    ];
    await customer.client.cart.addItem({ body: { product_id: a.id, quantity: 3 } });
    await customer.client.cart.addItem({ body: { product_id: b.id, quantity: 1 } });
    const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
    await customer.client.payments.create({ params: { id: order.id }, body: {} });
    expect(stripe.requests.at(-1)!.form.amount).toBe('2029');
  });

  it('creates one payment and one intent when many tabs start paying at once, Stripe taking its time', async () => {
    const { customer, order } = await pendingFor();
    stripe.latencyMs = 40;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => customer.client.payments.create({ params: { id: order.id }, body: {} })),
    );
    expect(new Set(answers.map((payment) => payment.id)).size).toBe(1);
    expect(new Set(answers.map((payment) => payment.client_secret)).size).toBe(1);
    // Every tab asks Stripe for the same payment: one key, so one intent however many ask.
    const keys = stripe.requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([`nexus-payment-${answers[0]!.id}`]));
  });

  it('retries a failed call with the same Idempotency-Key, so one intent is created', async () => {
    const { customer, order } = await pendingFor();
    stripe.failNext('/v1/payment_intents', { status: 503, retry: true });
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const calls = stripe.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.idempotencyKey))).toEqual(new Set([`nexus-payment-${payment.id}`]));
  });

  it('answers 502 when Stripe refuses, and creates nothing', async () => {
    const { customer, order } = await pendingFor();
    stripe.failNext('/v1/payment_intents', { status: 500, retry: false });
    const response = await app.fetch(`/api/v1/orders/${order.id}/payments`, {
      method: 'POST',
      json: {},
      token: customer.access,
    });
    await expectProblem(response, 'payment_provider_failed');
    expect(await customer.client.payments.list({ params: { id: order.id } })).toEqual([]);
    expect((await orderOf(customer, order)).payment_status).toBeNull();
    // The next try asks for the same payment again: same key, so Stripe could never have made two intents.
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    expect(payment.status).toBe('requires_action');
    const keys = stripe.requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.idempotencyKey);
    expect(keys).toEqual([`nexus-payment-${payment.id}`, `nexus-payment-${payment.id}`]);
  });

  it('has no test provider next to Stripe, and shows an admin no client_secret', async () => {
    const { customer, order } = await pendingFor();
    const response = await app.fetch(`/api/v1/orders/${order.id}/payments`, {
      method: 'POST',
      json: { provider: 'test' },
      token: customer.access,
    });
    await expectProblem(response, 'payment_provider_unavailable');
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const [seen] = await admin.client.payments.list({ params: { id: order.id } });
    expect(seen).toMatchObject({ id: payment.id, client_secret: null });
    const [own] = await customer.client.payments.list({ params: { id: order.id } });
    expect(own!.client_secret).toBe(payment.client_secret);
  });
});

describe('webhooks', () => {
  it('payment_intent.succeeded → payment succeeded, order paid', async () => {
    const { customer, order, payment } = await paidOrder();
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
    const [listed] = await customer.client.payments.list({ params: { id: order.id } });
    expect(listed!.status).toBe('succeeded');
    expect(listed!.id).toBe(payment.id);
  });

  it('payment_intent.payment_failed → failed, the order still waits', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const response = await deliver(signedEvent('payment_intent.payment_failed', { id: intentOf(payment) }));
    expect(await response.json()).toEqual({ received: true, applied: true });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'pending', payment_status: 'failed' });
  });

  it('a redelivered event answers 200 and changes nothing', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const event = signedEvent('payment_intent.succeeded', { id: intentOf(payment) });
    expect(await (await deliver(event)).json()).toEqual({ received: true, applied: true });
    const before = await orderOf(customer, order);
    const again = await deliver(event);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, applied: false });
    expect(await orderOf(customer, order)).toEqual(before);
  });

  it('the event id alone stops a redelivery, even where the payment could take the event again', async () => {
    const { customer, order, payment } = await paidOrder();
    const event = signedEvent(
      'payment_intent.payment_failed',
      { id: intentOf(payment) },
      { id: 'evt_fixed_for_this_test' },
    );
    // Put the payment back where the event applies (as if the status machine were looser): only the id guards.
    await sql`update payments set status = 'requires_action' where id = ${payment.id}`.execute(app.db);
    expect(await (await deliver(event)).json()).toEqual({ received: true, applied: true });
    await sql`update payments set status = 'requires_action' where id = ${payment.id}`.execute(app.db);
    expect(await (await deliver(event)).json()).toEqual({ received: true, applied: false });
    expect((await customer.client.payments.list({ params: { id: order.id } }))[0]!.status).toBe('requires_action');
  });

  it('out of order: a failure arriving after success changes nothing', async () => {
    const { customer, order, payment } = await paidOrder();
    const late = await deliver(signedEvent('payment_intent.payment_failed', { id: intentOf(payment) }));
    expect(await late.json()).toEqual({ received: true, applied: false });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
  });

  it('two deliveries of one event at once have one effect', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const event = signedEvent('payment_intent.succeeded', { id: intentOf(payment) });
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(event).then((r) => r.json())));
    expect(answers.filter((a) => (a as { applied: boolean }).applied)).toHaveLength(1);
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from payment_events where event_id = ${event.id}`.execute(app.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('refuses a wrong, missing or stale signature with 400, and changes nothing', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const object = { id: intentOf(payment) };
    const wrongSecret = signedEvent('payment_intent.succeeded', object, { secret: 'whsec_somebody_else' });
    await expectProblem(await deliver(wrongSecret), 'invalid_signature');
    const stale = signedEvent('payment_intent.succeeded', object, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    await expectProblem(await deliver(stale), 'invalid_signature');
    const genuine = signedEvent('payment_intent.succeeded', object);
    const tampered = { ...genuine, payload: genuine.payload.replace('"livemode":false', '"livemode":true') };
    await expectProblem(await deliver(tampered), 'invalid_signature');
    await expectProblem(await deliver({ payload: genuine.payload, signature: '' }), 'invalid_signature');
    const unsigned = await app.fetch('/api/v1/payments/webhooks/stripe', {
      method: 'POST',
      json: JSON.parse(genuine.payload),
    });
    await expectProblem(unsigned, 'invalid_signature');
    expect(await orderOf(customer, order)).toMatchObject({ status: 'pending', payment_status: 'requires_action' });
    // The genuine delivery still applies: refusals recorded nothing.
    expect(await (await deliver(genuine)).json()).toEqual({ received: true, applied: true });
  });

  it('ignores event types it does not act on, and intents that are not ours (without using up their ids)', async () => {
    const ignored = await deliver(signedEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    expect(await ignored.json()).toEqual({ received: true, applied: false });
    const foreign = signedEvent('payment_intent.succeeded', { id: 'pi_not_ours' });
    expect(await (await deliver(foreign)).json()).toEqual({ received: true, applied: false });
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from payment_events where event_id = ${foreign.id}`.execute(app.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('different events for one payment at once: one effect, no deadlock, no error', async () => {
    const deadlocks = () => deadlocksIn(app.db);
    const before = await deadlocks();
    for (let round = 0; round < 3; round += 1) {
      const { customer, order } = await pendingFor();
      const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
      const events = [
        ...Array.from({ length: 4 }, () => signedEvent('payment_intent.succeeded', { id: intentOf(payment) })),
        ...Array.from({ length: 4 }, () => signedEvent('payment_intent.payment_failed', { id: intentOf(payment) })),
      ];
      const answers = await Promise.all(events.map((event) => deliver(event)));
      expect(answers.map((answer) => answer.status)).toEqual(events.map(() => 200));
      const status = (await orderOf(customer, order)).payment_status;
      // Whichever came first: success is final; a failure first may still be followed by success.
      expect(['succeeded', 'failed']).toContain(status);
      expect((await orderOf(customer, order)).status).toBe(status === 'succeeded' ? 'paid' : 'pending');
    }
    expect(await deadlocks()).toBe(before);
  });

  it('a cancel racing the success: cancelled, refunded, stock back exactly once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { customer, product, order } = await pendingFor({ stock: 3, quantity: 2 });
      const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
      const [cancelled, delivered] = await Promise.all([
        customer.client.orders.cancel({ params: { id: order.id } }),
        deliver(signedEvent('payment_intent.succeeded', { id: intentOf(payment) })),
      ]);
      expect(cancelled.status).toBe('cancelled');
      expect(delivered.status).toBe(200);
      expect(await orderOf(customer, order)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
      expect(await stockOf(product.id)).toBe(3);
    }
  });
});

describe('refunds', () => {
  it('cancelling a paid order refunds the exact amount with a derived key; stock comes back once', async () => {
    const { customer, product, order, payment } = await paidOrder();
    expect(await stockOf(product.id)).toBe(4);
    const cancelled = await customer.client.orders.cancel({ params: { id: order.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const refunds = stripe.requests.filter((r) => r.path === '/v1/refunds');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ idempotencyKey: `nexus-refund-${payment.id}` });
    expect(refunds[0]!.form).toMatchObject({ payment_intent: intentOf(payment), amount: '129900' });
    expect(await stockOf(product.id)).toBe(5);
    // Stripe's own charge.refunded arrives later: already refunded, nothing changes.
    const echo = await deliver(
      signedEvent('charge.refunded', { id: 'ch_1', payment_intent: intentOf(payment), refunded: true }),
    );
    expect(await echo.json()).toEqual({ received: true, applied: false });
  });

  it('a pending refund is confirmed by charge.refunded (in full only)', async () => {
    const { customer, order, payment } = await paidOrder();
    stripe.refundStatus = 'pending';
    expect(await customer.client.orders.cancel({ params: { id: order.id } })).toMatchObject({
      status: 'cancelled',
      payment_status: 'succeeded',
    });
    const partial = await deliver(
      signedEvent('charge.refunded', { id: 'ch_2', payment_intent: intentOf(payment), refunded: false }),
    );
    expect(await partial.json()).toEqual({ received: true, applied: false });
    const full = await deliver(
      signedEvent('charge.refunded', { id: 'ch_2', payment_intent: intentOf(payment), refunded: true }),
    );
    expect(await full.json()).toEqual({ received: true, applied: true });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
  });

  it('a refund Stripe reports failed stays owed (the sweep and the logs keep saying so)', async () => {
    const { customer, order, payment } = await paidOrder();
    stripe.refundStatus = 'failed';
    expect(await customer.client.orders.cancel({ params: { id: order.id } })).toMatchObject({
      status: 'cancelled',
      payment_status: 'succeeded',
    });
    const { rows } = await sql<{ owed: boolean }>`
      select refund_requested_at is not null as owed from payments where id = ${payment.id}`.execute(app.db);
    expect(rows[0]!.owed).toBe(true);
  });

  it('cancelling an order cancels its intent at Stripe, so the customer cannot pay for nothing', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.orders.cancel({ params: { id: order.id } });
    const cancels = stripe.requests.filter((r) => r.path === `/v1/payment_intents/${intentOf(payment)}/cancel`);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({
      idempotencyKey: `nexus-cancel-${payment.id}`,
      form: { cancellation_reason: 'abandoned' },
    });
  });

  it('an order paid by another payment cancels the one still in progress; Stripe refusing changes nothing', async () => {
    const { customer, order } = await pendingFor();
    const first = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await deliver(signedEvent('payment_intent.payment_failed', { id: intentOf(first) }));
    const second = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    stripe.failNext(`/v1/payment_intents/${intentOf(second)}/cancel`, { status: 400, retry: false });
    await deliver(signedEvent('payment_intent.succeeded', { id: intentOf(first) }));
    expect(stripe.requests.filter((r) => r.path === `/v1/payment_intents/${intentOf(second)}/cancel`)).toHaveLength(1);
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
    const statuses = (await customer.client.payments.list({ params: { id: order.id } })).map((p) => p.status);
    expect(statuses).toEqual(['cancelled', 'succeeded']);
  });

  it('a payment succeeding after its order was cancelled is refunded at once', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.orders.cancel({ params: { id: order.id } });
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(0);
    const response = await deliver(signedEvent('payment_intent.succeeded', { id: intentOf(payment) }));
    expect(await response.json()).toEqual({ received: true, applied: true });
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.form.payment_intent)).toEqual([
      intentOf(payment),
    ]);
    expect(await orderOf(customer, order)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
  });

  it('a refund Stripe fails stays owed and the sweep asks again until it is confirmed', async () => {
    const { customer, order, payment } = await paidOrder();
    stripe.failNext('/v1/refunds', { status: 500, retry: false });
    const cancelled = await customer.client.orders.cancel({ params: { id: order.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'succeeded' });

    // Not yet due: the sweep leaves a refund asked for less than a minute ago.
    expect(await retryOwedRefunds(app.nexus.deps)).toBe(0);
    await sql`update payments set refund_requested_at = now() - interval '2 minutes' where id = ${payment.id}`.execute(
      app.db,
    );
    expect(await retryOwedRefunds(app.nexus.deps)).toBe(1);
    expect(await orderOf(customer, order)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const keys = stripe.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.idempotencyKey);
    expect(keys).toEqual([`nexus-refund-${payment.id}`, `nexus-refund-${payment.id}`]);
  });
});
