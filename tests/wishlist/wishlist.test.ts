import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNexusError } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

describe('the wishlist', () => {
  it('adds and removes idempotently, lists newest addition first, and 404s an unknown product', async () => {
    const { client } = await signUp(app);
    const [a, b] = [await createStockedProduct(admin, { stock: 1 }), await createStockedProduct(admin, { stock: 1 })];
    await client.wishlist.add({ params: { product_id: a.id } });
    await client.wishlist.add({ params: { product_id: b.id } });
    await client.wishlist.add({ params: { product_id: a.id } });
    const list = await client.wishlist.list();
    expect(list.count).toBe(2);
    expect(list.results.map((p) => p.id)).toEqual([b.id, a.id]);
    await client.wishlist.remove({ params: { product_id: a.id } });
    await client.wishlist.remove({ params: { product_id: a.id } });
    expect((await client.wishlist.list()).results.map((p) => p.id)).toEqual([b.id]);
    const error = await client.wishlist
      .add({ params: { product_id: '00000000-0000-4000-8000-000000000000' } })
      .catch((e: unknown) => e);
    expect(isNexusError(error, 'not_found')).toBe(true);
  });

  it('is private: each customer sees their own', async () => {
    const [alice, bob] = [await signUp(app), await signUp(app)];
    const product = await createStockedProduct(admin, { stock: 1 });
    await alice.client.wishlist.add({ params: { product_id: product.id } });
    expect((await bob.client.wishlist.list()).count).toBe(0);
  });
});
