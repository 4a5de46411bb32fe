import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNexusError, type Order } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { pendingOrder, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const pendingFor = (fields: Parameters<typeof pendingOrder>[2] = {}) => pendingOrder(app, admin, fields);
const stockOf = async (productId: string) => (await admin.client.products.get({ params: { id: productId } })).stock;

/** A customer with a pending order for `quantity` units of a fresh product priced `price`. */

const orderOf = (customer: SignedIn, order: Order) => customer.client.orders.get({ params: { id: order.id } });

describe('the test provider, end to end', () => {
  it('checkout → payment → test-confirm succeeded → paid → cancel → refunded, stock back once', async () => {
    const { customer, product, order } = await pendingFor({ price: '1299.00', stock: 3, quantity: 2 });
    expect(await stockOf(product.id)).toBe(1);
    expect(order.payment_status).toBeNull();

    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    expect(payment).toMatchObject({
      order_id: order.id,
      provider: 'test',
      status: 'requires_action',
      amount: '2598.00',
      currency: 'USD',
      client_secret: expect.stringMatching(/^test_pi_.+_secret_/),
    });
    expect((await orderOf(customer, order)).payment_status).toBe('requires_action');

    const confirmed = await customer.client.payments.testConfirm({
      params: { id: payment.id },
      body: { outcome: 'succeeded' },
    });
    expect(confirmed.status).toBe('succeeded');
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });

    const cancelled = await customer.client.orders.cancel({ params: { id: order.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const payments = await customer.client.payments.list({ params: { id: order.id } });
    expect(payments.map((p) => [p.id, p.status])).toEqual([[payment.id, 'refunded']]);
    expect(await stockOf(product.id)).toBe(3);

    // Nothing moves twice: cancel again is refused, a late success changes nothing, stock stays.
    await expect(customer.client.orders.cancel({ params: { id: order.id } })).rejects.toMatchObject({
      problem: { code: 'invalid_transition' },
    });
    const late = await customer.client.payments.testConfirm({
      params: { id: payment.id },
      body: { outcome: 'succeeded' },
    });
    expect(late.status).toBe('refunded');
    expect(await stockOf(product.id)).toBe(3);
  });

  it('answers the open payment again instead of duplicating it, also when asked at once from many tabs', async () => {
    const { customer, order } = await pendingFor();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => customer.client.payments.create({ params: { id: order.id }, body: {} })),
    );
    expect(new Set(answers.map((p) => p.id)).size).toBe(1);
    expect(new Set(answers.map((p) => p.client_secret)).size).toBe(1);
    expect(await customer.client.payments.list({ params: { id: order.id } })).toHaveLength(1);
  });

  it('replays an Idempotency-Key: same answer, Idempotent-Replayed, nothing new', async () => {
    const { customer, order } = await pendingFor();
    const send = () =>
      app.fetch(`/api/v1/orders/${order.id}/payments`, {
        method: 'POST',
        json: { provider: 'test' },
        token: customer.access,
        headers: { 'idempotency-key': `pay-${order.id}` },
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const reused = await app.fetch(`/api/v1/orders/${order.id}/payments`, {
      method: 'POST',
      json: {},
      token: customer.access,
      headers: { 'idempotency-key': `pay-${order.id}` },
    });
    await expectProblem(reused, 'idempotency_key_reused');
  });

  it('takes a body-less POST, as curl sends it', async () => {
    const { customer, order } = await pendingFor();
    const response = await app.fetch(`/api/v1/orders/${order.id}/payments`, { method: 'POST', token: customer.access });
    expect(response.status).toBe(201);
  });

  it('starts a new payment after a failed one, and the order is paid by the one that succeeds', async () => {
    const { customer, order } = await pendingFor();
    const first = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const failed = await customer.client.payments.testConfirm({
      params: { id: first.id },
      body: { outcome: 'failed' },
    });
    expect(failed.status).toBe('failed');
    expect(await orderOf(customer, order)).toMatchObject({ status: 'pending', payment_status: 'failed' });

    const second = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    expect(second.id).not.toBe(first.id);
    await customer.client.payments.testConfirm({ params: { id: second.id }, body: { outcome: 'succeeded' } });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
    const listed = await customer.client.payments.list({ params: { id: order.id } });
    expect(listed.map((p) => p.id)).toEqual([second.id, first.id]);
  });

  it('never pays an order twice: a second payment that succeeds is refunded at once', async () => {
    const { customer, order } = await pendingFor();
    const first = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.payments.testConfirm({ params: { id: first.id }, body: { outcome: 'failed' } });
    const second = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    // The customer retries the first intent with another card while the second is open (Stripe allows it).
    await customer.client.payments.testConfirm({ params: { id: first.id }, body: { outcome: 'succeeded' } });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
    // The order stopped waiting for the second; when it succeeds anyway, it goes back.
    const late = await customer.client.payments.testConfirm({
      params: { id: second.id },
      body: { outcome: 'succeeded' },
    });
    expect(late.status).toBe('refunded');
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'succeeded' });
  });

  it('refunds at once a payment that succeeds after its order was cancelled; stock comes back only once', async () => {
    const { customer, product, order } = await pendingFor({ stock: 4, quantity: 3 });
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const cancelled = await customer.client.orders.cancel({ params: { id: order.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'cancelled' });
    expect(await stockOf(product.id)).toBe(4);

    const late = await customer.client.payments.testConfirm({
      params: { id: payment.id },
      body: { outcome: 'succeeded' },
    });
    expect(late.status).toBe('refunded');
    expect(await orderOf(customer, order)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    expect(await stockOf(product.id)).toBe(4);
  });

  it('refuses a payment for an order that is not pending', async () => {
    const { customer, order } = await pendingFor();
    await customer.client.orders.cancel({ params: { id: order.id } });
    const error = await customer.client.payments
      .create({ params: { id: order.id }, body: {} })
      .catch((e: unknown) => e);
    expect(isNexusError(error) && error.problem.code).toBe('invalid_transition');
  });

  it('an admin who refunds by cancelling a paid order gets the refunded order back', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.payments.testConfirm({ params: { id: payment.id }, body: { outcome: 'succeeded' } });
    const updated = await admin.client.orders.update({ params: { id: order.id }, body: { status: 'cancelled' } });
    expect(updated).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
  });
});

describe('who may do what', () => {
  it('hides an order’s payments from other customers (404), shows them to admins', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    const stranger = await signUp(app);
    const asStranger = (path: string, json?: unknown) =>
      app.fetch(path, { method: json ? 'POST' : 'GET', token: stranger.access, ...(json ? { json } : {}) });
    await expectProblem(await asStranger(`/api/v1/orders/${order.id}/payments`, {}), 'not_found');
    await expectProblem(await asStranger(`/api/v1/orders/${order.id}/payments`), 'not_found');
    await expectProblem(
      await asStranger(`/api/v1/payments/${payment.id}/test-confirm`, { outcome: 'succeeded' }),
      'not_found',
    );
    expect((await customer.client.payments.list({ params: { id: order.id } })).map((p) => p.id)).toEqual([payment.id]);
    expect((await admin.client.payments.list({ params: { id: order.id } })).map((p) => p.id)).toEqual([payment.id]);
    // Admins read, but do not pay for or confirm someone else's order.
    await expectProblem(
      await app.fetch(`/api/v1/orders/${order.id}/payments`, { method: 'POST', json: {}, token: admin.access }),
      'not_found',
    );
    const anonymous = await app.fetch(`/api/v1/orders/${order.id}/payments`, { method: 'POST', json: {} });
    await expectProblem(anonymous, 'unauthorized');
    expect((await customer.client.payments.list({ params: { id: order.id } }))[0]!.status).toBe('requires_action');
  });

  it('refuses providers the store has not enabled, and the Stripe webhook without Stripe', async () => {
    const { customer, order } = await pendingFor();
    const response = await app.fetch(`/api/v1/orders/${order.id}/payments`, {
      method: 'POST',
      json: { provider: 'stripe' },
      token: customer.access,
    });
    await expectProblem(response, 'payment_provider_unavailable');
    const unknown = await app.fetch(`/api/v1/orders/${order.id}/payments`, {
      method: 'POST',
      json: { provider: 'paypal' },
      token: customer.access,
    });
    expect((await expectProblem(unknown, 'validation_failed')).errors?.[0]?.path).toBe('provider');
    const webhook = await app.fetch('/api/v1/payments/webhooks/stripe', {
      method: 'POST',
      json: { id: 'evt_1', type: 'payment_intent.succeeded' },
      headers: { 'stripe-signature': 't=1,v1=00' },
    });
    await expectProblem(webhook, 'payment_provider_unavailable');
  });
});

describe('an order marked paid by hand', () => {
  it('stops waiting for its payment in progress, and refunds it should it succeed anyway', async () => {
    const { customer, order } = await pendingFor();
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await admin.client.orders.update({ params: { id: order.id }, body: { status: 'paid' } });
    expect(await orderOf(customer, order)).toMatchObject({ status: 'paid', payment_status: 'cancelled' });
    const late = await customer.client.payments.testConfirm({
      params: { id: payment.id },
      body: { outcome: 'succeeded' },
    });
    expect(late.status).toBe('refunded');
    expect((await orderOf(customer, order)).status).toBe('paid');
  });
});

describe('production', () => {
  it('has no test provider; with PAYMENTS_MANUAL_ONLY payments are refused with a clear code', async () => {
    const production = await startTestApp({ NODE_ENV: 'production', PAYMENTS_MANUAL_ONLY: 'true' });
    try {
      const shopAdmin = await signUpAdmin(production);
      const { customer, order } = await pendingOrder(production, shopAdmin);
      for (const json of [{}, { provider: 'test' }]) {
        const response = await production.fetch(`/api/v1/orders/${order.id}/payments`, {
          method: 'POST',
          json,
          token: customer.access,
        });
        await expectProblem(response, 'payment_provider_unavailable');
      }
      // Taken outside the API: an admin marks the order paid.
      const paid = await shopAdmin.client.orders.update({ params: { id: order.id }, body: { status: 'paid' } });
      expect(paid).toMatchObject({ status: 'paid', payment_status: null });
    } finally {
      await production.close();
    }
  });
});
