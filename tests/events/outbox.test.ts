import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { EventType } from '@nexus/contract';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import {
  ADDRESS,
  createStockedProduct,
  pendingOrder,
  signUp,
  signUpAdmin,
  type SignedIn,
} from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

// Every test reads the events its own actions wrote: those after the mark.
let mark = 0;
/** From now on: what the test has set up so far does not count. */
async function markNow(): Promise<void> {
  const { rows } = await sql<{ seq: string }>`select coalesce(max(seq), 0) as seq from events`.execute(app.db);
  mark = Number(rows[0]!.seq);
}
beforeEach(markNow);
async function emitted(): Promise<Array<{ type: EventType; resource_id: string; data: Record<string, unknown> }>> {
  const { rows } = await sql<{ type: EventType; resource_id: string; data: Record<string, unknown> }>`
    select type, resource_id, data from events where seq > ${mark} order by seq`.execute(app.db);
  return rows;
}

describe('the outbox', () => {
  it('a checkout writes order.placed (the order as answered) and stock.changed per variant', async () => {
    const customer = await signUp(app);
    const [a, b] = [
      await createStockedProduct(admin, { price: '3.00', stock: 5 }),
      await createStockedProduct(admin, { price: '4.00', stock: 9 }),
    ];
    await customer.client.cart.addItem({ body: { product_id: a.id, quantity: 2 } });
    await customer.client.cart.addItem({ body: { product_id: b.id, quantity: 3 } });
    mark = Number(
      (await sql<{ seq: string }>`select coalesce(max(seq), 0) as seq from events`.execute(app.db)).rows[0]!.seq,
    );
    const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });

    const events = await emitted();
    expect(events.map((e) => e.type).sort()).toEqual(['order.placed', 'stock.changed', 'stock.changed']);
    expect(events.find((e) => e.type === 'order.placed')).toMatchObject({ resource_id: order.id, data: order });
    const levels = events.filter((e) => e.type === 'stock.changed').map((e) => e.data);
    expect(levels).toEqual(
      expect.arrayContaining([
        { product_id: a.id, variant_id: expect.any(String), stock: 3 },
        { product_id: b.id, variant_id: expect.any(String), stock: 6 },
      ]),
    );
  });

  it('a refused checkout writes nothing', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 1 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    await admin.client.products.update({ params: { id: product.id }, body: { stock: 0 } });
    mark = Number(
      (await sql<{ seq: string }>`select coalesce(max(seq), 0) as seq from events`.execute(app.db)).rows[0]!.seq,
    );
    const response = await app.fetch('/api/v1/orders', {
      method: 'POST',
      json: { shipping_address: ADDRESS },
      token: customer.access,
    });
    await expectProblem(response, 'insufficient_stock');
    expect(await emitted()).toEqual([]);
  });

  it('no change without its event: when the event cannot be written, the checkout does not happen', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 4 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 2 } });
    await markNow();
    await sql`create function refuse_order_events() returns trigger language plpgsql as $$
              begin if new.type = 'order.placed' then raise exception 'outbox unavailable'; end if; return new; end $$`.execute(
      app.db,
    );
    await sql`create trigger refuse_order_events before insert on events for each row execute function refuse_order_events()`.execute(
      app.db,
    );
    try {
      const response = await app.fetch('/api/v1/orders', {
        method: 'POST',
        json: { shipping_address: ADDRESS },
        token: customer.access,
      });
      expect(response.status).toBe(500);
    } finally {
      await sql`drop trigger refuse_order_events on events`.execute(app.db);
      await sql`drop function refuse_order_events()`.execute(app.db);
    }
    expect((await admin.client.products.get({ params: { id: product.id } })).stock).toBe(4);
    expect((await customer.client.orders.list({ query: {} })).count).toBe(0);
    expect((await customer.client.cart.get()).item_count).toBe(2);
    expect(await emitted()).toEqual([]);
  });

  it('every order status change writes its event, with the order as it now is', async () => {
    const { order } = await pendingOrder(app, admin);
    await markNow();
    for (const status of ['paid', 'shipped', 'delivered'] as const) {
      await admin.client.orders.update({ params: { id: order.id }, body: { status } });
    }
    const events = await emitted();
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ['order.paid', 'paid'],
      ['order.shipped', 'shipped'],
      ['order.delivered', 'delivered'],
    ]);
    expect(events.every((e) => e.resource_id === order.id)).toBe(true);
  });

  it('a cancellation writes order.cancelled and the stock coming back', async () => {
    const { customer, product, order } = await pendingOrder(app, admin, { stock: 5, quantity: 2 });
    await markNow();
    await customer.client.orders.cancel({ params: { id: order.id } });
    const events = await emitted();
    expect(events.map((e) => e.type).sort()).toEqual(['order.cancelled', 'stock.changed']);
    expect(events.find((e) => e.type === 'stock.changed')!.data).toMatchObject({ product_id: product.id, stock: 5 });
  });

  it('payment outcomes write payment.* (without the client secret) and order.paid', async () => {
    const { customer, order } = await pendingOrder(app, admin);
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: {} });
    await markNow();
    await customer.client.payments.testConfirm({ params: { id: payment.id }, body: { outcome: 'succeeded' } });
    const events = await emitted();
    expect(events.map((e) => e.type)).toEqual(['payment.succeeded', 'order.paid']);
    expect(events[0]).toMatchObject({
      resource_id: payment.id,
      data: { id: payment.id, status: 'succeeded', client_secret: null },
    });
  });

  it('product writes write product.created, product.updated, product.deleted, and stock.changed for every variant that comes, changes or goes', async () => {
    const category = await admin.client.categories.create({ body: { name: `Events ${Date.now()}` } });
    await markNow();
    const product = await admin.client.products.create({
      body: { name: 'Evented', price: '5.00', stock: 2, category_id: category.id },
    });
    await admin.client.products.update({ params: { id: product.id }, body: { stock: 7 } });
    await admin.client.products.update({ params: { id: product.id }, body: { name: 'Renamed' } });
    await admin.client.products.delete({ params: { id: product.id } });
    const events = await emitted();
    expect(events.map((e) => e.type)).toEqual([
      'stock.changed',
      'product.created',
      'stock.changed',
      'product.updated',
      'product.updated',
      'stock.changed',
      'product.deleted',
    ]);
    const variant = product.variants[0]!.id;
    expect(events.filter((e) => e.type === 'stock.changed').map((e) => e.data)).toEqual([
      { product_id: product.id, variant_id: variant, stock: 2 },
      { product_id: product.id, variant_id: variant, stock: 7 },
      { product_id: product.id, variant_id: variant, stock: 0 },
    ]);
    expect(events[1]!.data).toMatchObject({ id: product.id, stock: 2 });
    expect(events[4]!.data).toMatchObject({ name: 'Renamed' });
    expect(events[6]!.data).toMatchObject({ id: product.id, name: 'Renamed' });
  });

  it('a registration writes user.registered with the id and email only', async () => {
    const user = await signUp(app);
    const events = await emitted();
    expect(events).toEqual([
      { type: 'user.registered', resource_id: user.user.id, data: { id: user.user.id, email: user.email } },
    ]);
  });
});
