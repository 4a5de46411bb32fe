import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const productRow = (id: string) =>
  app.db.selectFrom('products').select(['price', 'stock']).where('id', '=', id).executeTakeFirstOrThrow();

describe('product variants', () => {
  it('gives every product created through the API one default variant holding its price and stock', async () => {
    const product = await createStockedProduct(admin, { price: '12.50', stock: 7 });
    const variants = await app.db
      .selectFrom('product_variants')
      .selectAll()
      .where('product_id', '=', product.id)
      .execute();
    expect(variants).toEqual([
      expect.objectContaining({
        price: '12.50',
        stock: 7,
        title: '',
        sku: expect.stringMatching(/^SKU-[0-9A-F]{16}$/),
      }),
    ]);
    await admin.client.products.update({ params: { id: product.id }, body: { price: '9.99', stock: 3 } });
    expect(
      await app.db
        .selectFrom('product_variants')
        .select(['price', 'stock'])
        .where('product_id', '=', product.id)
        .execute(),
    ).toEqual([{ price: '9.99', stock: 3 }]);
    expect(await productRow(product.id)).toEqual({ price: '9.99', stock: 3 });
  });

  it('keeps products.price the cheapest variant and products.stock their sum, in the same transaction as each write', async () => {
    const product = await createStockedProduct(admin, { price: '20.00', stock: 5 });
    await app.db
      .insertInto('product_variants')
      .values({
        product_id: product.id,
        sku: `B-${product.id.slice(0, 8)}`,
        price: '15.00',
        stock: 2,
        options: JSON.stringify({ Size: 'B' }),
      })
      .execute();
    expect(await productRow(product.id)).toEqual({ price: '15.00', stock: 7 });
    await app.db.updateTable('product_variants').set({ stock: 0 }).where('product_id', '=', product.id).execute();
    expect(await productRow(product.id)).toEqual({ price: '15.00', stock: 0 });
    await app.db
      .deleteFrom('product_variants')
      .where('price', '=', '15.00')
      .where('product_id', '=', product.id)
      .execute();
    expect(await productRow(product.id)).toEqual({ price: '20.00', stock: 0 });
  });

  it('refuses a product-level price once a product has several variants', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    await app.db
      .insertInto('product_variants')
      .values({
        product_id: product.id,
        sku: `C-${product.id.slice(0, 8)}`,
        price: '1.00',
        stock: 1,
        options: JSON.stringify({ Size: 'C' }),
      })
      .execute();
    const answer = await app.fetch(`/api/v1/products/${product.id}`, {
      method: 'PATCH',
      token: admin.access,
      json: { price: '3.00' },
    });
    expect(answer.status).toBe(409);
  });

  it('keeps SKUs unique across the store, whatever their case', async () => {
    const [a, b] = [await createStockedProduct(admin, { stock: 1 }), await createStockedProduct(admin, { stock: 1 })];
    await app.db
      .insertInto('product_variants')
      .values({ product_id: a.id, sku: 'Shared-Sku', price: '1.00', options: JSON.stringify({ Size: 'S' }) })
      .execute();
    await expect(
      app.db
        .insertInto('product_variants')
        .values({ product_id: b.id, sku: 'SHARED-SKU', price: '1.00', options: JSON.stringify({ Size: 'S' }) })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
