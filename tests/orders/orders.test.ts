import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { isNexusError, type Order } from '@nexus/client-sdk';
import { ORDER_STATUSES } from '@nexus/contract';
import { orderTransitions } from '../../server/src/modules/orders/order-status.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deadlocksIn } from '../support/locks.js';
import { expectProblem } from '../support/expect-problem.js';
import {
  ADDRESS,
  advanceOrder,
  createStockedProduct,
  signUp,
  signUpAdmin,
  type SignedIn,
} from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  // 60 checkouts queue on one variant's row lock, each holding a pooled connection meanwhile: more than the
  // default pool and queue (10 + 40), which would shed some with 503 — load shedding's job, not this file's.
  app = await startTestApp({ DATABASE_POOL_QUEUE: '100' });
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const deadlocks = () => deadlocksIn(app.db);
const stockOf = async (productId: string) => (await admin.client.products.get({ params: { id: productId } })).stock;

async function orderOf(customer: SignedIn, lines: Array<{ product_id: string; quantity: number }>): Promise<Order> {
  for (const line of lines) await customer.client.cart.addItem({ body: line });
  return customer.client.orders.create({ body: { shipping_address: ADDRESS } });
}

describe('checkout', () => {
  it('turns the cart into an order: snapshots, exact totals, stock taken, cart emptied', async () => {
    const customer = await signUp(app);
    const [a, b] = [
      await createStockedProduct(admin, { price: '19.99', stock: 10 }),
      await createStockedProduct(admin, { price: '0.10', stock: 5 }),
    ];
    const order = await orderOf(customer, [
      { product_id: a.id, quantity: 3 },
      { product_id: b.id, quantity: 3 },
    ]);
    expect(order).toMatchObject({
      number: expect.stringMatching(/^NX-\d{6}$/),
      status: 'pending',
      subtotal: '60.27',
      total: '60.27',
      currency: 'USD',
      shipping_address: ADDRESS,
      user_id: customer.user.id,
      payment_status: null,
    });
    expect(order.items).toEqual([
      {
        product_id: a.id,
        variant_id: expect.any(String),
        name: a.name,
        variant_title: '',
        sku: expect.stringMatching(/^SKU-/),
        unit_price: '19.99',
        quantity: 3,
        line_total: '59.97',
      },
      {
        product_id: b.id,
        variant_id: expect.any(String),
        name: b.name,
        variant_title: '',
        sku: expect.stringMatching(/^SKU-/),
        unit_price: '0.10',
        quantity: 3,
        line_total: '0.30',
      },
    ]);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([7, 2]);
    expect((await customer.client.cart.get()).items).toEqual([]);
    // Snapshots: a later price change and even deletion leave the order as it was.
    await admin.client.products.update({ params: { id: a.id }, body: { price: '99.00', name: 'Renamed' } });
    await admin.client.products.delete({ params: { id: b.id } });
    expect(await customer.client.orders.get({ params: { id: order.id } })).toEqual(order);
  });

  it('answers an empty cart with 409 cart_empty', async () => {
    const customer = await signUp(app);
    await expectProblem(
      await app.fetch('/api/v1/orders', {
        method: 'POST',
        token: customer.access,
        json: { shipping_address: ADDRESS },
      }),
      'cart_empty',
    );
  });

  it('refuses the whole order when any line is short, naming each short line, and changes nothing', async () => {
    const customer = await signUp(app);
    const [plenty, scarce] = [
      await createStockedProduct(admin, { stock: 10 }),
      await createStockedProduct(admin, { stock: 5 }),
    ];
    await customer.client.cart.addItem({ body: { product_id: plenty.id, quantity: 2 } });
    await customer.client.cart.addItem({ body: { product_id: scarce.id, quantity: 5 } });
    await admin.client.products.update({ params: { id: scarce.id }, body: { stock: 1 } });
    const problem = await expectProblem(
      await app.fetch('/api/v1/orders', {
        method: 'POST',
        token: customer.access,
        json: { shipping_address: ADDRESS },
      }),
      'insufficient_stock',
    );
    expect(problem.errors).toEqual([
      {
        path: expect.any(String),
        message: expect.any(String),
        product_id: scarce.id,
        variant_id: expect.any(String),
        available: 1,
      },
    ]);
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1]);
    expect((await customer.client.cart.get()).item_count).toBe(7);
    const error = await customer.client.orders.create({ body: { shipping_address: ADDRESS } }).catch((e: unknown) => e);
    // The SDK types the short lines.
    if (isNexusError(error, 'insufficient_stock') && error.problem.code === 'insufficient_stock') {
      expect(error.problem.errors?.[0]?.available).toBe(1);
    } else throw new Error('expected insufficient_stock');
  });

  it('validates the shipping address, with ISO 3166-1 alpha-2 countries in any case', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 5 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    const bad = await app.fetch('/api/v1/orders', {
      method: 'POST',
      token: customer.access,
      json: { shipping_address: { ...ADDRESS, country: 'XX', city: '' } },
    });
    expect((await expectProblem(bad, 'validation_failed')).errors?.map((e) => e.path).sort()).toEqual([
      'shipping_address.city',
      'shipping_address.country',
    ]);
    const order = await customer.client.orders.create({
      body: { shipping_address: { ...ADDRESS, country: 'gb' }, note: 'Ring twice' },
    });
    expect(order).toMatchObject({ shipping_address: { country: 'GB' }, note: 'Ring twice' });
  });
});

describe('reading orders', () => {
  it('shows customers their own orders only, and admins everyone’s with filters', async () => {
    const [alice, bob] = [await signUp(app), await signUp(app)];
    const product = await createStockedProduct(admin, { stock: 10 });
    const mine = await orderOf(alice, [{ product_id: product.id, quantity: 1 }]);
    const older = await orderOf(alice, [{ product_id: product.id, quantity: 1 }]);
    await orderOf(bob, [{ product_id: product.id, quantity: 1 }]);
    const list = await alice.client.orders.list({ query: { user_id: bob.user.id } });
    expect(list.results.map((o) => o.id)).toEqual([older.id, mine.id]);
    expect(
      isNexusError(await bob.client.orders.get({ params: { id: mine.id } }).catch((e: unknown) => e), 'not_found'),
    ).toBe(true);
    expect((await admin.client.orders.list({ query: { user_id: bob.user.id } })).count).toBe(1);
    await advanceOrder(admin, mine.id, 'paid');
    const paid = await admin.client.orders.list({ query: { user_id: alice.user.id, status: 'paid' } });
    expect(paid.results.map((o) => o.id)).toEqual([mine.id]);
  });
});

describe('the status machine', () => {
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s is allowed exactly when orderTransitions says so', async (from, to) => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 5 });
    const order = await orderOf(customer, [{ product_id: product.id, quantity: 1 }]);
    await advanceOrder(admin, order.id, from);
    const answer = await app.fetch(`/api/v1/orders/${order.id}`, {
      method: 'PATCH',
      token: admin.access,
      json: { status: to },
    });
    if (orderTransitions[from].includes(to)) expect(answer.status).toBe(200);
    else await expectProblem(answer, 'invalid_transition');
  });

  it('restores stock on cancel, once; customers may cancel their own orders only', async () => {
    const [customer, stranger] = [await signUp(app), await signUp(app)];
    const product = await createStockedProduct(admin, { stock: 5 });
    const order = await orderOf(customer, [{ product_id: product.id, quantity: 3 }]);
    expect(await stockOf(product.id)).toBe(2);
    expect(
      isNexusError(
        await stranger.client.orders.cancel({ params: { id: order.id } }).catch((e: unknown) => e),
        'not_found',
      ),
    ).toBe(true);
    expect((await customer.client.orders.cancel({ params: { id: order.id } })).status).toBe('cancelled');
    expect(await stockOf(product.id)).toBe(5);
    await expectProblem(
      await app.fetch(`/api/v1/orders/${order.id}/cancel`, { method: 'POST', token: customer.access }),
      'invalid_transition',
    );
    expect(await stockOf(product.id)).toBe(5);
  });

  it('lets a customer not move their order along (admins only)', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 5 });
    const order = await orderOf(customer, [{ product_id: product.id, quantity: 1 }]);
    await expectProblem(
      await app.fetch(`/api/v1/orders/${order.id}`, {
        method: 'PATCH',
        token: customer.access,
        json: { status: 'paid' },
      }),
      'forbidden',
    );
  });
});

describe('stock integrity under real concurrency', () => {
  it('sells exactly S units to N > S parallel checkouts: min(N, S) orders, the rest 409, stock exact and never negative', async () => {
    const S = 25;
    const N = 60;
    const product = await createStockedProduct(admin, { stock: S });
    const customers = await Promise.all(Array.from({ length: N }, () => signUp(app)));
    for (const customer of customers)
      await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    const answers = await Promise.all(
      customers.map((customer) =>
        app.fetch('/api/v1/orders', { method: 'POST', token: customer.access, json: { shipping_address: ADDRESS } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(S);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - S);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(((await refused.json()) as { code: string }).code).toBe('insufficient_stock');
    const sold = await app.db
      .selectFrom('order_items')
      .select((eb) => eb.fn.sum<number>('quantity').as('n'))
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(Number(sold.n)).toBe(S);
    expect(await stockOf(product.id)).toBe(0);
    const variant = await app.db
      .selectFrom('product_variants')
      .select('stock')
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(variant.stock).toBe(0);
  }, 60_000);

  it('loses no unit when adds race a checkout of the same cart: each is ordered or still in the cart', async () => {
    const customer = await signUp(app);
    const [a, b] = [
      await createStockedProduct(admin, { stock: 1000 }),
      await createStockedProduct(admin, { stock: 1000 }),
    ];
    await customer.client.cart.addItem({ body: { product_id: a.id, quantity: 1 } });
    const add = (productId: string) =>
      app.fetch('/api/v1/cart/items', {
        method: 'POST',
        token: customer.access,
        json: { product_id: productId, quantity: 1 },
      });
    const waitingOnLocks = async () =>
      Number(
        (
          await sql<{ n: string }>`
            select count(*) as n from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'`.execute(app.db)
        ).rows[0]!.n,
      );
    // Hold A's variant so the checkout stops, with its snapshot taken, at that lock; the adds then arrive while
    // it waits. A checkout that read its lines without locking them would order A's quantity as it was when it
    // started and then delete the line the adds had grown.
    let placed!: Response;
    let adds!: Response[];
    await app.db.connection().execute(async (holder) => {
      await sql`begin`.execute(holder);
      await sql`select 1 from product_variants where product_id = ${a.id} for update`.execute(holder);
      const checkout = app.fetch('/api/v1/orders', {
        method: 'POST',
        token: customer.access,
        json: { shipping_address: ADDRESS },
      });
      await vi.waitUntil(async () => (await waitingOnLocks()) === 1, { timeout: 10_000 });
      let settled = 0;
      const racing = [a.id, a.id, a.id, b.id, b.id, b.id].map((id) => add(id).finally(() => (settled += 1)));
      // Until every add has either finished or queued behind a lock (the cart's or a line's).
      await vi.waitUntil(async () => settled + (await waitingOnLocks()) - 1 === racing.length, { timeout: 10_000 });
      await sql`commit`.execute(holder);
      [placed, ...adds] = await Promise.all([checkout, ...racing]);
    });
    expect(placed.status).toBe(201);
    expect(adds.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    const order = (await placed.json()) as Order;
    const cart = await customer.client.cart.get();
    const ordered = (productId: string) => order.items.find((item) => item.product_id === productId)?.quantity ?? 0;
    const units = (productId: string) =>
      ordered(productId) + (cart.items.find((item) => item.product_id === productId)?.quantity ?? 0);
    expect([units(a.id), units(b.id)]).toEqual([4, 3]);
    // What was ordered was taken from stock, and only that.
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([1000 - ordered(a.id), 1000 - ordered(b.id)]);
  });

  it('never deadlocks when a product is deleted while checkouts of it run', async () => {
    const before = await deadlocks();
    for (let round = 0; round < 3; round += 1) {
      const [doomed, kept] = [
        await createStockedProduct(admin, { stock: 1000 }),
        await createStockedProduct(admin, { stock: 1000 }),
      ];
      const customers = await Promise.all(Array.from({ length: 16 }, () => signUp(app)));
      for (const customer of customers)
        for (const product of [doomed, kept])
          await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
      const checkouts = customers.map((customer) =>
        app.fetch('/api/v1/orders', { method: 'POST', token: customer.access, json: { shipping_address: ADDRESS } }),
      );
      const deleted = app.fetch(`/api/v1/products/${doomed.id}`, { method: 'DELETE', token: admin.access });
      const answers = await Promise.all(checkouts);
      expect((await deleted).status).toBe(204);
      // Each checkout ran before the delete (both lines) or after it (the kept line only): never refused.
      expect(answers.map((answer) => answer.status)).toEqual(Array(16).fill(201));
      const orders = (await Promise.all(answers.map((answer) => answer.json()))) as Order[];
      for (const order of orders) expect(order.items.some((item) => item.product_id === kept.id)).toBe(true);
    }
    expect(await deadlocks()).toBe(before);
  }, 60_000);

  it('never deadlocks on crossing carts ([A, B] against [B, A])', async () => {
    const [a, b] = [
      await createStockedProduct(admin, { stock: 1000 }),
      await createStockedProduct(admin, { stock: 1000 }),
    ];
    const customers = await Promise.all(Array.from({ length: 40 }, () => signUp(app)));
    for (const [i, customer] of customers.entries()) {
      const order = i % 2 === 0 ? [a, b] : [b, a];
      for (const product of order)
        await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    }
    // The transaction helper retries a deadlock, so count them where PostgreSQL does: none may happen.
    const before = await deadlocks();
    const answers = await Promise.all(
      customers.map((customer) =>
        app.fetch('/api/v1/orders', { method: 'POST', token: customer.access, json: { shipping_address: ADDRESS } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    expect(await deadlocks()).toBe(before);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([960, 960]);
  }, 60_000);
});
