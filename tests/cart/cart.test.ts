import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { isNexusError, type Cart } from '@nexus/client-sdk';
import { sweepOnce } from '../../server/src/maintenance.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import {
  PASSWORD,
  createStockedProduct,
  signUp,
  signUpAdmin,
  uniqueEmail,
  type SignedIn,
} from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const guestAdd = (body: Record<string, unknown>, token?: string) =>
  app.fetch('/api/v1/cart/items', { method: 'POST', json: body, headers: token ? { 'x-cart-token': token } : {} });
const guestCart = async (token: string) =>
  (await (await app.fetch('/api/v1/cart', { headers: { 'x-cart-token': token } })).json()) as Cart;

describe('guest carts', () => {
  it('are made by the first add, named by a token in the header and the body, and read back with it', async () => {
    const product = await createStockedProduct(admin, { price: '19.99', stock: 10 });
    const first = await guestAdd({ product_id: product.id, quantity: 2 });
    expect(first.status).toBe(200);
    const token = first.headers.get('x-cart-token')!;
    expect(token).toMatch(/^ct_[\w-]{43}$/);
    const cart = (await first.json()) as Cart;
    expect(cart).toMatchObject({ token, item_count: 2, subtotal: '39.98', currency: 'USD' });
    expect(cart.items[0]).toMatchObject({
      product_id: product.id,
      quantity: 2,
      unit_price: '19.99',
      line_total: '39.98',
    });
    expect(cart.items[0]!.variant).toMatchObject({ sku: expect.stringMatching(/^SKU-/), title: '', options: {} });
    await guestAdd({ product_id: product.id, quantity: 1 }, token);
    expect(await guestCart(token)).toMatchObject({ id: cart.id, token, item_count: 3, subtotal: '59.97' });
  });

  it('stores only a hash of the token', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    const token = (await guestAdd({ product_id: product.id, quantity: 1 })).headers.get('x-cart-token')!;
    const rows = await sql<{
      hex: string;
    }>`select encode(token_hash, 'hex') as hex from carts where token_hash is not null`.execute(app.db);
    expect(rows.rows.map((row) => row.hex)).not.toContain(Buffer.from(token).toString('hex'));
    expect(JSON.stringify(rows.rows)).not.toContain(token);
  });

  it('answers an unknown token with 404 cart_not_found, and an anonymous GET with an empty cart', async () => {
    await expectProblem(await app.fetch('/api/v1/cart', { headers: { 'x-cart-token': 'ct_nope' } }), 'cart_not_found');
    expect(await (await app.fetch('/api/v1/cart')).json()).toEqual({
      id: null,
      token: null,
      items: [],
      item_count: 0,
      subtotal: '0.00',
      currency: 'USD',
      updated_at: null,
    });
  });

  it('are deleted once untouched for GUEST_CART_TTL', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    const token = (await guestAdd({ product_id: product.id, quantity: 1 })).headers.get('x-cart-token')!;
    // Backdated with triggers off (set_updated_at would otherwise stamp it now).
    await app.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update carts set updated_at = now() - interval '31 days' where token_hash is not null`.execute(trx);
    });
    expect((await sweepOnce(app.db, app.config)).carts).toBeGreaterThan(0);
    await expectProblem(await app.fetch('/api/v1/cart', { headers: { 'x-cart-token': token } }), 'cart_not_found');
  });
});

describe('adding, changing and removing lines', () => {
  it('refuses more than the stock with 409 insufficient_stock naming the product, variant and what is left', async () => {
    const product = await createStockedProduct(admin, { stock: 3 });
    const problem = await expectProblem(await guestAdd({ product_id: product.id, quantity: 4 }), 'insufficient_stock');
    const variantId = (
      await app.db
        .selectFrom('product_variants')
        .select('id')
        .where('product_id', '=', product.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(problem.errors).toEqual([
      { path: 'quantity', message: expect.any(String), product_id: product.id, variant_id: variantId, available: 3 },
    ]);
  });

  it('caps a line at 99, names unknown products and variants, and wants exactly one of the two ids', async () => {
    const product = await createStockedProduct(admin, { stock: 500 });
    const token = (await guestAdd({ product_id: product.id, quantity: 90 })).headers.get('x-cart-token')!;
    expect(
      (await expectProblem(await guestAdd({ product_id: product.id, quantity: 10 }, token), 'validation_failed'))
        .errors?.[0]?.path,
    ).toBe('quantity');
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(
      (await expectProblem(await guestAdd({ product_id: ghost, quantity: 1 }), 'validation_failed')).errors?.[0]?.path,
    ).toBe('product_id');
    expect(
      (await expectProblem(await guestAdd({ variant_id: ghost, quantity: 1 }), 'validation_failed')).errors?.[0]?.path,
    ).toBe('variant_id');
    await expectProblem(await guestAdd({ variant_id: ghost, product_id: ghost, quantity: 1 }), 'validation_failed');
    await expectProblem(await guestAdd({ quantity: 1 }), 'validation_failed');
  });

  it('asks for a variant when a product has several', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    await app.db
      .insertInto('product_variants')
      .values({
        product_id: product.id,
        sku: `EXTRA-${product.id.slice(0, 8)}`,
        price: '5.00',
        stock: 1,
        options: JSON.stringify({ Size: 'XL' }),
      })
      .execute();
    await expectProblem(await guestAdd({ product_id: product.id, quantity: 1 }), 'variant_required');
  });

  it('changes a line by product or variant id, 404 for a line not there, and removes lines and whole carts', async () => {
    const { client } = await signUp(app);
    const product = await createStockedProduct(admin, { price: '2.50', stock: 20 });
    await client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    const changed = await client.cart.updateItem({ params: { id: product.id }, body: { quantity: 4 } });
    expect(changed).toMatchObject({ item_count: 4, subtotal: '10.00', token: null });
    const variantId = changed.items[0]!.variant_id;
    expect((await client.cart.updateItem({ params: { id: variantId }, body: { quantity: 2 } })).item_count).toBe(2);
    const error = await client.cart
      .updateItem({ params: { id: '00000000-0000-4000-8000-000000000000' }, body: { quantity: 1 } })
      .catch((e: unknown) => e);
    expect(isNexusError(error, 'not_found')).toBe(true);
    expect(
      isNexusError(
        await client.cart.updateItem({ params: { id: variantId }, body: { quantity: 21 } }).catch((e: unknown) => e),
        'insufficient_stock',
      ),
    ).toBe(true);
    expect((await client.cart.removeItem({ params: { id: variantId } })).items).toEqual([]);
    await client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    await client.cart.clear();
    expect((await client.cart.get()).items).toEqual([]);
  });

  it('never loses an add when 20 arrive at once for one cart, with and without Idempotency-Key', async () => {
    const { client, access } = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 100 });
    // The SDK sends a key (the add runs in a transaction with it); a plain request sends none (one statement).
    await Promise.all([
      ...Array.from({ length: 10 }, () => client.cart.addItem({ body: { product_id: product.id, quantity: 1 } })),
      ...Array.from({ length: 10 }, () =>
        app.fetch('/api/v1/cart/items', {
          method: 'POST',
          token: access,
          json: { product_id: product.id, quantity: 1 },
        }),
      ),
    ]);
    expect((await client.cart.get()).items[0]!.quantity).toBe(20);
  });

  it('never loses an add to a guest cart when 20 arrive at once', async () => {
    const product = await createStockedProduct(admin, { stock: 100 });
    const token = (await guestAdd({ product_id: product.id, quantity: 1 })).headers.get('x-cart-token')!;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => guestAdd({ product_id: product.id, quantity: 1 }, token)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect((await guestCart(token)).items[0]!.quantity).toBe(21);
  });

  it('refuses parallel adds past the stock without going over it', async () => {
    const { client, access } = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 7 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.fetch('/api/v1/cart/items', {
          method: 'POST',
          token: access,
          json: { product_id: product.id, quantity: 1 },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(7);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(5);
    expect((await client.cart.get()).items[0]!.quantity).toBe(7);
  });

  it('lets a customer’s cart ignore X-Cart-Token', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    const token = (await guestAdd({ product_id: product.id, quantity: 1 })).headers.get('x-cart-token')!;
    const customer = await signUp(app);
    const mine = await app.fetch('/api/v1/cart', { token: customer.access, headers: { 'x-cart-token': token } });
    expect(((await mine.json()) as Cart).items).toEqual([]);
  });
});

describe('the guest cart follows its owner into an account', () => {
  it('merges on login: quantities add up, capped by stock, and the guest token is retired', async () => {
    const [a, b] = [await createStockedProduct(admin, { stock: 5 }), await createStockedProduct(admin, { stock: 50 })];
    const customer = await signUp(app);
    await customer.client.cart.addItem({ body: { product_id: a.id, quantity: 3 } });
    const token = (await guestAdd({ product_id: a.id, quantity: 4 })).headers.get('x-cart-token')!;
    await guestAdd({ product_id: b.id, quantity: 2 }, token);
    const login = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      json: { email: customer.email, password: PASSWORD, cart_token: token },
    });
    expect(login.status).toBe(200);
    const cart = await customer.client.cart.get();
    expect(Object.fromEntries(cart.items.map((item) => [item.product_id, item.quantity]))).toEqual({
      [a.id]: 5,
      [b.id]: 2,
    });
    await expectProblem(await app.fetch('/api/v1/cart', { headers: { 'x-cart-token': token } }), 'cart_not_found');
  });

  it('merges on registration, and through the SDK without the app doing anything', async () => {
    const product = await createStockedProduct(admin, { stock: 9 });
    const shopper = app.client();
    const guest = await shopper.cart.addItem({ body: { product_id: product.id, quantity: 2 } });
    expect(guest.token).toMatch(/^ct_/);
    expect((await shopper.cart.get()).item_count).toBe(2);
    await shopper.auth.register({
      body: { email: uniqueEmail(), password: PASSWORD, first_name: 'G', last_name: 'Uest' },
    });
    const cart = await shopper.cart.get();
    expect(cart).toMatchObject({ token: null, item_count: 2 });
    await expectProblem(
      await app.fetch('/api/v1/cart', { headers: { 'x-cart-token': guest.token! } }),
      'cart_not_found',
    );
  });

  it('ignores an unknown cart token at login rather than refusing it', async () => {
    const customer = await signUp(app);
    const login = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      json: { email: customer.email, password: PASSWORD, cart_token: 'ct_unknown' },
    });
    expect(login.status).toBe(200);
  });
});

describe('deleting a product', () => {
  it('removes it from every cart and wishlist', async () => {
    const customer = await signUp(app);
    const product = await createStockedProduct(admin, { stock: 5 });
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 1 } });
    await customer.client.wishlist.add({ params: { product_id: product.id } });
    await admin.client.products.delete({ params: { id: product.id } });
    expect((await customer.client.cart.get()).items).toEqual([]);
    expect((await customer.client.wishlist.list()).results).toEqual([]);
  });
});
