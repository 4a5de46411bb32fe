import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { pendingOrder, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const historyOf = (orderId: string) => admin.client.orders.events({ params: { id: orderId } });

describe('GET /orders/{id}/events (admin)', () => {
  it('tells the order’s story oldest first: placed, its payment succeeding, paid, cancelled, refunded', async () => {
    const { customer, order } = await pendingOrder(app, admin);
    // Another order's events, written in between, are not this order's story.
    const other = await pendingOrder(app, admin);
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.payments.testConfirm({ params: { id: payment.id }, body: { outcome: 'succeeded' } });
    await other.customer.client.orders.cancel({ params: { id: other.order.id } });
    await customer.client.orders.cancel({ params: { id: order.id } });

    const history = await historyOf(order.id);
    expect(history.map((event) => event.type)).toEqual([
      'order.placed',
      'payment.succeeded',
      'order.paid',
      'order.cancelled',
      'payment.refunded',
    ]);
    // As the outbox holds them, without their data.
    const stored = await app.db
      .selectFrom('events')
      .select(['id', 'occurred_at'])
      .where('resource_id', 'in', [order.id, payment.id])
      .orderBy('seq')
      .execute();
    expect(history).toEqual(
      stored.map((row, i) => ({
        id: row.id,
        type: history[i]!.type,
        occurred_at: new Date(row.occurred_at).toISOString(),
      })),
    );
    expect((await historyOf(other.order.id)).map((event) => event.type)).toEqual(['order.placed', 'order.cancelled']);
  });

  it('lists a failed payment and the one that then succeeded, in the order they happened', async () => {
    const { customer, order } = await pendingOrder(app, admin);
    const first = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.payments.testConfirm({ params: { id: first.id }, body: { outcome: 'failed' } });
    const second = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await customer.client.payments.testConfirm({ params: { id: second.id }, body: { outcome: 'succeeded' } });
    expect((await historyOf(order.id)).map((event) => event.type)).toEqual([
      'order.placed',
      'payment.failed',
      'payment.succeeded',
      'order.paid',
    ]);
  });

  it('answers 404 for an unknown order', async () => {
    await expectProblem(await app.fetch(`/api/v1/orders/${randomUUID()}/events`, { token: admin.access }), 'not_found');
  });

  it('is for admins only: 401 without a token, 403 for the customer who placed the order', async () => {
    const { customer, order } = await pendingOrder(app, admin);
    await expectProblem(await app.fetch(`/api/v1/orders/${order.id}/events`), 'unauthorized');
    await expectProblem(await app.fetch(`/api/v1/orders/${order.id}/events`, { token: customer.access }), 'forbidden');
  });
});
