import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createNexusClient, memoryTokenStore, type Order } from '@nexus/client-sdk';
import { sweepOnce } from '../../server/src/maintenance.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import {
  ADDRESS,
  createStockedProduct,
  expiredAccessFor,
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

const checkout = (customer: SignedIn, key: string, body: unknown = { shipping_address: ADDRESS }) =>
  app.fetch('/api/v1/orders', {
    method: 'POST',
    token: customer.access,
    json: body,
    headers: { 'idempotency-key': key },
  });
const ordersOf = async (userId: string) =>
  (await app.db.selectFrom('orders').select('id').where('user_id', '=', userId).execute()).length;

async function customerWithCart(quantity = 1): Promise<SignedIn> {
  const customer = await signUp(app);
  const product = await createStockedProduct(admin, { stock: 100 });
  await customer.client.cart.addItem({ body: { product_id: product.id, quantity } });
  return customer;
}

describe('Idempotency-Key on checkout', () => {
  it('replays the first answer for a repeat with the same key and body, and changes nothing', async () => {
    const customer = await customerWithCart();
    const first = await checkout(customer, 'order-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await checkout(customer, 'order-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Order).id).toBe(((await first.json()) as Order).id);
    expect(await ordersOf(customer.user.id)).toBe(1);
  });

  it('answers the same key with another body 422 idempotency_key_reused', async () => {
    const customer = await customerWithCart();
    expect((await checkout(customer, 'order-2')).status).toBe(201);
    await expectProblem(
      await checkout(customer, 'order-2', { shipping_address: { ...ADDRESS, city: 'Paris', country: 'FR' } }),
      'idempotency_key_reused',
    );
  });

  it('creates exactly one order when ten copies arrive at once', async () => {
    const customer = await customerWithCart();
    const answers = await Promise.all(Array.from({ length: 10 }, () => checkout(customer, 'order-burst')));
    const statuses = answers.map((answer) => answer.status);
    // Each copy either created the order, replayed it, or met it still running (409 idempotency_key_in_flight).
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    for (const answer of answers.filter((a) => a.status === 409))
      await expectProblem(answer, 'idempotency_key_in_flight');
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await ordersOf(customer.user.id)).toBe(1);
    const ids = new Set(
      await Promise.all(answers.filter((a) => a.status === 201).map(async (a) => ((await a.json()) as Order).id)),
    );
    expect(ids.size).toBe(1);
  });

  it('keeps keys per caller: two customers may use the same key', async () => {
    const [a, b] = [await customerWithCart(), await customerWithCart()];
    expect((await checkout(a, 'shared-key')).status).toBe(201);
    expect((await checkout(b, 'shared-key')).headers.get('idempotent-replayed')).toBeNull();
    expect([await ordersOf(a.user.id), await ordersOf(b.user.id)]).toEqual([1, 1]);
  });

  it('stores no answer for a refused request, so a retry runs afresh', async () => {
    const customer = await signUp(app);
    await expectProblem(await checkout(customer, 'order-empty'), 'cart_empty');
    const product = await createStockedProduct(admin, { stock: 5 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    expect((await checkout(customer, 'order-empty')).status).toBe(201);
  });

  it('refuses a key that is not 1 to 255 visible characters', async () => {
    const customer = await customerWithCart();
    await expectProblem(await checkout(customer, 'x'.repeat(256)), 'validation_failed');
    await expectProblem(await checkout(customer, 'two words'), 'validation_failed');
  });

  it('forgets keys after 24 hours', async () => {
    const customer = await customerWithCart();
    await checkout(customer, 'order-old');
    await sql`update idempotency_keys set expires_at = now() - interval '1 second'`.execute(app.db);
    expect((await sweepOnce(app.db, app.config)).idempotencyKeys).toBeGreaterThan(0);
    expect(await app.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'order-old').execute()).toEqual(
      [],
    );
  });
});

describe('Idempotency-Key on add to cart', () => {
  it('adds once however often the same request is retried', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 100 });
    const add = () =>
      app.fetch('/api/v1/cart/items', {
        method: 'POST',
        token: customer.access,
        json: { product_id: product.id, quantity: 2 },
        headers: { 'idempotency-key': 'add-1' },
      });
    await Promise.all([add(), add(), add()]);
    await add();
    expect((await customer.client.cart.get()).items[0]!.quantity).toBe(2);
  });

  it('replays a guest’s first add with its cart token', async () => {
    const product = await createStockedProduct(admin, { stock: 100 });
    const add = () =>
      app.fetch('/api/v1/cart/items', {
        method: 'POST',
        json: { product_id: product.id, quantity: 1 },
        headers: { 'idempotency-key': 'guest-add-1' },
      });
    const first = await add();
    const again = await add();
    expect(again.headers.get('x-cart-token')).toBe(first.headers.get('x-cart-token'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('the SDK', () => {
  it('sends a key of its own and reuses it when it retries after refreshing, so one call is one order', async () => {
    const seen: string[] = [];
    const store = memoryTokenStore();
    const client = createNexusClient({
      baseUrl: app.baseUrl,
      tokenStore: store,
      fetch: (input, init) => {
        const key = new Headers(init?.headers).get('idempotency-key');
        if (key) seen.push(key);
        return fetch(input, init);
      },
    });
    const customer = await signUp(app);
    await store.set({ access: customer.access, refresh: customer.refresh });
    const product = await createStockedProduct(admin, { stock: 10 });
    await client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    await store.set({ access: await expiredAccessFor(app, customer.access), refresh: customer.refresh });
    const order = await client.orders.create({ body: { shipping_address: ADDRESS } });
    expect(order.items).toHaveLength(1);
    // The add had a key; the checkout's first try (401) and its retry after the refresh had the same one.
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[2]);
    expect(seen[0]).not.toBe(seen[1]);
    expect(await ordersOf(customer.user.id)).toBe(1);
  });

  it('takes the caller’s own key as idempotencyKey, so a retry from a reloaded page replays the order', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 10 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    const body = { shipping_address: ADDRESS };
    const first = await customer.client.raw.orders.create({ body, idempotencyKey: 'checkout-attempt-7' });
    const again = await customer.client.raw.orders.create({ body, idempotencyKey: 'checkout-attempt-7' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.body as Order).id).toBe((first.body as Order).id);
    // Without the option each call is its own: the now empty cart is refused.
    await expect(customer.client.orders.create({ body })).rejects.toMatchObject({ code: 'cart_empty' });
    expect(await ordersOf(customer.user.id)).toBe(1);
  });
});
