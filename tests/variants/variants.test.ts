import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Product } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { ADDRESS, createCategory, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
let shirts: Category;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
  shirts = await createCategory(admin, { name: 'Shirts' });
});
afterAll(() => app.close());

const tag = () => randomUUID().slice(0, 6).toUpperCase();
const OPTIONS = [
  { name: 'Size', values: ['S', 'M', 'L'] },
  { name: 'Colour', values: ['Blue', 'Red'] },
];

/** A T-shirt in S/M/L × Blue/Red: six variants, M / Blue the cheapest at 17.00. */
function teeBody(sku = tag()) {
  return {
    name: `Tee ${sku}`,
    category_id: shirts.id,
    options: OPTIONS,
    variants: OPTIONS[0]!.values.flatMap((size, i) =>
      OPTIONS[1]!.values.map((colour, j) => ({
        sku: `TEE-${sku}-${size}-${colour}`.toUpperCase(),
        options: { Size: size, Colour: colour },
        price: size === 'M' && colour === 'Blue' ? '17.00' : `${20 + i + j}.00`,
        stock: i * 2 + j,
      })),
    ),
  };
}

/** The product's variants as stored, the reference its aggregates are checked against. */
async function storedVariants(productId: string) {
  return app.db
    .selectFrom('product_variants')
    .select(['id', 'price', 'stock', 'position'])
    .where('product_id', '=', productId)
    .execute();
}

async function expectExactAggregates(productId: string) {
  const variants = await storedVariants(productId);
  const product = await app.client().products.get({ params: { id: productId } });
  const cheapest = variants.map((v) => Number(v.price)).reduce((a, b) => Math.min(a, b));
  expect(Number(product.price)).toBe(cheapest);
  expect(product.stock).toBe(variants.reduce((sum, v) => sum + v.stock, 0));
  expect(product.variants.map((v) => v.id).sort()).toEqual(variants.map((v) => v.id).sort());
  expect(product.variants.map((v) => v.position)).toEqual(variants.map((_, i) => i));
  return product;
}

describe('products with options and variants', () => {
  it('creates every variant at once, titled by its options, with the cheapest price and the summed stock', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    expect(tee.options).toEqual(OPTIONS);
    expect(tee.variants).toHaveLength(6);
    expect(tee.variants.map((v) => v.title)).toEqual([
      'S / Blue',
      'S / Red',
      'M / Blue',
      'M / Red',
      'L / Blue',
      'L / Red',
    ]);
    expect(tee.variants[2]).toMatchObject({ options: { Size: 'M', Colour: 'Blue' }, price: '17.00', stock: 2 });
    expect(tee.price).toBe('17.00');
    expect(tee.stock).toBe(0 + 1 + 2 + 3 + 4 + 5);
    await expectExactAggregates(tee.id);
  });

  it('checks option combinations and names the offending path', async () => {
    const post = (body: unknown) => app.fetch('/api/v1/products', { method: 'POST', json: body, token: admin.access });
    const base = teeBody();
    const cases: Array<[unknown, string]> = [
      [{ ...base, variants: [{ options: { Size: 'S' }, price: '1.00' }] }, 'variants.0.options'],
      [
        { ...base, variants: [{ options: { Size: 'S', Colour: 'Blue', Fit: 'Slim' }, price: '1.00' }] },
        'variants.0.options',
      ],
      [{ ...base, variants: [{ options: { Size: 'XXL', Colour: 'Blue' }, price: '1.00' }] }, 'variants.0.options.Size'],
      [
        {
          ...base,
          variants: [
            { options: { Size: 'S', Colour: 'Blue' }, price: '1.00' },
            { options: { Colour: 'Blue', Size: 'S' }, price: '2.00' },
          ],
        },
        'variants.1.options',
      ],
      [
        {
          ...base,
          variants: [
            { sku: 'DUP-1', options: { Size: 'S', Colour: 'Blue' }, price: '1.00' },
            { sku: 'dup-1', options: { Size: 'M', Colour: 'Blue' }, price: '2.00' },
          ],
        },
        'variants.1.sku',
      ],
      [{ ...base, price: '5.00' }, 'price'],
      [{ ...base, stock: 5 }, 'stock'],
      [{ ...base, variants: undefined }, 'variants'],
      [{ ...base, options: [OPTIONS[0], { name: 'size', values: ['X'] }] }, 'options.1.name'],
      [{ ...base, options: [{ name: 'Size', values: ['S', 's'] }] }, 'options.0.values.1'],
      [{ name: 'No price', category_id: shirts.id }, 'price'],
    ];
    for (const [body, path] of cases) {
      const problem = await expectProblem(await post(body), 'validation_failed');
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('refuses a SKU in use by any product, whatever its case, with 409 sku_taken', async () => {
    const first = await admin.client.products.create({ body: teeBody() });
    const taken = first.variants[0]!.sku.toLowerCase();
    const body = teeBody();
    body.variants[3]!.sku = taken;
    const answer = await app.fetch('/api/v1/products', { method: 'POST', json: body, token: admin.access });
    // The row that collided is named, so a form can show the error on it.
    expect((await expectProblem(answer, 'sku_taken')).errors?.map((e) => e.path)).toEqual(['variants.3.sku']);
    const add = await app.fetch(`/api/v1/products/${first.id}/variants`, {
      method: 'POST',
      json: { sku: taken.toUpperCase(), options: { Size: 'XL', Colour: 'Blue' }, price: '1.00' },
      token: admin.access,
    });
    expect((await expectProblem(add, 'sku_taken')).errors?.map((e) => e.path)).toEqual(['sku']);
  });
});

describe('variant writes', () => {
  it('adds a variant, growing the option by a new value and generating a SKU, and keeps the aggregates exact', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const xl = await admin.client.products.variants.create({
      params: { id: tee.id },
      body: { options: { size: 'xl', Colour: 'blue' }, price: '9.50', stock: 7 },
    });
    // Names take the product's spelling, a known value its stored case; a new value is added as given.
    expect(xl).toMatchObject({ options: { Size: 'xl', Colour: 'Blue' }, title: 'xl / Blue', position: 6, stock: 7 });
    expect(xl.sku).toMatch(/^SKU-[0-9A-F]{16}$/);
    const product = await expectExactAggregates(tee.id);
    expect(product.options[0]!.values).toEqual(['S', 'M', 'L', 'xl']);
    expect(product.price).toBe('9.50');

    const again = await app.fetch(`/api/v1/products/${tee.id}/variants`, {
      method: 'POST',
      json: { options: { Size: 'XL', Colour: 'Blue' }, price: '1.00' },
      token: admin.access,
    });
    expect((await expectProblem(again, 'validation_failed')).errors?.[0]?.path).toBe('options');
    for (const [options, path] of [
      [{ Size: 'S' }, 'options'],
      [{ Size: 'S', Colour: 'Blue', Fit: 'Slim' }, 'options.Fit'],
    ] as const) {
      const answer = await app.fetch(`/api/v1/products/${tee.id}/variants`, {
        method: 'POST',
        json: { options, price: '1.00' },
        token: admin.access,
      });
      expect((await expectProblem(answer, 'validation_failed')).errors?.[0]?.path).toBe(path);
    }
  });

  it('patches price, stock, options and position, and deletes down to the last variant', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const [first, , cheapest] = tee.variants;
    await admin.client.products.variants.update({
      params: { id: tee.id, variant_id: cheapest!.id },
      body: { price: '30.00', stock: 0 },
    });
    let product = await expectExactAggregates(tee.id);
    expect(product.price).toBe('20.00');
    const moved = await admin.client.products.variants.update({
      params: { id: tee.id, variant_id: first!.id },
      body: { options: { Size: 'L', Colour: 'Green' }, position: 5 },
    });
    expect(moved).toMatchObject({ title: 'L / Green', position: 5 });
    product = await expectExactAggregates(tee.id);
    expect(product.variants.at(-1)!.id).toBe(first!.id);
    expect(product.options[1]!.values).toEqual(['Blue', 'Red', 'Green']);

    const clash = await app.fetch(`/api/v1/products/${tee.id}/variants/${first!.id}`, {
      method: 'PATCH',
      json: { options: { Size: 'M', Colour: 'Red' } },
      token: admin.access,
    });
    await expectProblem(clash, 'validation_failed');

    for (const variant of product.variants.slice(1)) {
      await admin.client.products.variants.delete({ params: { id: tee.id, variant_id: variant.id } });
    }
    product = await expectExactAggregates(tee.id);
    expect(product.variants.map((v) => v.id)).toEqual([product.variants[0]!.id]);
    const last = await app.fetch(`/api/v1/products/${tee.id}/variants/${product.variants[0]!.id}`, {
      method: 'DELETE',
      token: admin.access,
    });
    await expectProblem(last, 'last_variant');
    const elsewhere = await app.fetch(`/api/v1/products/${randomUUID()}/variants/${product.variants[0]!.id}`, {
      method: 'DELETE',
      token: admin.access,
    });
    await expectProblem(elsewhere, 'not_found');
  });

  it('replaces the variant set on PUT, keeping the ids of combinations it still has', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const keep = tee.variants.find((v) => v.title === 'M / Blue')!;
    const replaced = await admin.client.products.replace({
      params: { id: tee.id },
      body: {
        name: tee.name,
        category_id: shirts.id,
        options: [{ name: 'Size', values: ['M', 'XL'] }, OPTIONS[1]!],
        variants: [
          { options: { Size: 'XL', Colour: 'Red' }, price: '40.00', stock: 1 },
          { options: { Size: 'M', Colour: 'Blue' }, price: '18.00', stock: 9 },
        ],
      },
    });
    expect(replaced.variants.map((v) => v.title)).toEqual(['XL / Red', 'M / Blue']);
    expect(replaced.variants[1]).toMatchObject({ id: keep.id, sku: keep.sku, price: '18.00', stock: 9 });
    expect(replaced).toMatchObject({ price: '18.00', stock: 10 });
    await expectExactAggregates(tee.id);
    // Without variants, a multi-variant product's price cannot be set as a whole.
    const flat = await app.fetch(`/api/v1/products/${tee.id}`, {
      method: 'PUT',
      json: { name: tee.name, category_id: shirts.id, price: '5.00' },
      token: admin.access,
    });
    await expectProblem(flat, 'conflict');
  });

  it('lets PUT swap two variants’ SKUs, and takes a single variant’s SKU on the product', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const [a, b] = tee.variants;
    const swapped = await admin.client.products.replace({
      params: { id: tee.id },
      body: {
        name: tee.name,
        category_id: shirts.id,
        options: OPTIONS,
        variants: tee.variants.map((v) => ({
          options: v.options,
          price: v.price,
          stock: v.stock,
          sku: v.id === a!.id ? b!.sku : v.id === b!.id ? a!.sku : v.sku,
        })),
      },
    });
    expect(swapped.variants.slice(0, 2).map((v) => [v.id, v.sku])).toEqual([
      [a!.id, b!.sku],
      [b!.id, a!.sku],
    ]);
    const mug = await admin.client.products.create({
      body: { name: `Mug ${tag()}`, category_id: shirts.id, price: '8.00', sku: `MUG-${tag()}` },
    });
    expect(mug.variants[0]!.sku).toMatch(/^MUG-/);
    const renamed = await admin.client.products.update({ params: { id: mug.id }, body: { sku: `CUP-${tag()}` } });
    expect(renamed.variants[0]!.sku).toMatch(/^CUP-/);
  });

  it('refuses an option its 51st value', async () => {
    const values = Array.from({ length: 50 }, (_, i) => `V${i}`);
    const wide = await admin.client.products.create({
      body: {
        name: `Wide ${tag()}`,
        category_id: shirts.id,
        options: [{ name: 'Size', values }],
        variants: [{ options: { Size: 'V0' }, price: '1.00' }],
      },
    });
    const answer = await app.fetch(`/api/v1/products/${wide.id}/variants`, {
      method: 'POST',
      json: { options: { Size: 'V50' }, price: '1.00' },
      token: admin.access,
    });
    expect((await expectProblem(answer, 'validation_failed')).errors?.[0]?.path).toBe('options.Size');
    await admin.client.products.variants.create({
      params: { id: wide.id },
      body: { options: { Size: 'V49' }, price: '1.00' },
    });
  });

  it('keeps the aggregates exact under concurrent variant writes', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const writes = [
      ...Array.from({ length: 12 }, (_, i) =>
        admin.client.products.variants.create({
          params: { id: tee.id },
          body: { options: { Size: `N${i}`, Colour: 'Blue' }, price: `${(i % 5) + 3}.25`, stock: i },
        }),
      ),
      ...tee.variants.map((variant, i) =>
        admin.client.products.variants.update({
          params: { id: tee.id, variant_id: variant.id },
          body: { stock: 10 + i, price: `${11 + i}.00`, position: 0 },
        }),
      ),
      admin.client.products.variants.delete({ params: { id: tee.id, variant_id: tee.variants[5]!.id } }),
    ];
    const results = await Promise.allSettled(writes);
    // A PATCH of the deleted variant may lose to its deletion (404); nothing else may fail.
    const failures = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(failures.every((f) => (f.reason as { status?: number }).status === 404)).toBe(true);
    const product = await expectExactAggregates(tee.id);
    expect(product.variants).toHaveLength(6 + 12 - 1);
    expect(product.price).toBe('3.25');
  });
});

describe('variants in the shop', () => {
  it('sells "M / Blue": variant_required by product id, added by variant id, snapshotted in the order', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const mBlue = tee.variants.find((v) => v.title === 'M / Blue')!;
    const customer = await signUp(app);
    const byProduct = await app.fetch('/api/v1/cart/items', {
      method: 'POST',
      json: { product_id: tee.id, quantity: 1 },
      token: customer.access,
    });
    expect((await expectProblem(byProduct, 'variant_required')).errors?.[0]?.path).toBe('product_id');
    const cart = await customer.client.cart.addItem({ body: { variant_id: mBlue.id, quantity: 2 } });
    expect(cart.items[0]).toMatchObject({
      variant: { id: mBlue.id, title: 'M / Blue', options: { Size: 'M', Colour: 'Blue' } },
      unit_price: '17.00',
      line_total: '34.00',
    });
    const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
    expect(order.items).toEqual([
      expect.objectContaining({ variant_id: mBlue.id, variant_title: 'M / Blue', sku: mBlue.sku, quantity: 2 }),
    ]);
    const after = await expectExactAggregates(tee.id);
    expect(after.variants.find((v) => v.id === mBlue.id)!.stock).toBe(0);
    expect(after.stock).toBe(tee.stock - 2);
  });

  it('drops a deleted variant from carts, while orders keep their snapshot', async () => {
    const tee = await admin.client.products.create({ body: teeBody() });
    const customer = await signUp(app);
    const [kept, doomed] = [tee.variants[5]!, tee.variants[4]!];
    await customer.client.cart.addItem({ body: { variant_id: kept.id, quantity: 1 } });
    await customer.client.cart.addItem({ body: { variant_id: doomed.id, quantity: 1 } });
    await admin.client.products.variants.delete({ params: { id: tee.id, variant_id: doomed.id } });
    const cart = await customer.client.cart.get();
    expect(cart.items.map((item) => item.variant_id)).toEqual([kept.id]);
  });
});

describe('the catalogue over multi-variant products', () => {
  let category: Category;
  let products: Product[];
  beforeAll(async () => {
    category = await createCategory(admin, { name: `Multi ${tag()}` });
    products = [];
    // Each product's variants: prices spread so the cheapest one is not the first, stock only in some.
    for (let i = 0; i < 8; i += 1) {
      products.push(
        await admin.client.products.create({
          body: {
            name: `Multi ${i}`,
            category_id: category.id,
            options: [{ name: 'Size', values: ['A', 'B', 'C'] }],
            variants: ['A', 'B', 'C'].map((size, j) => ({
              options: { Size: size },
              price: `${((i * 7 + j * 13) % 40) + 5}.00`,
              stock: (i + j) % 3 === 0 ? 0 : j,
            })),
          },
        }),
      );
    }
  });

  const cheapest = (p: Product) => Math.min(...p.variants.map((v) => Number(v.price)));

  it('orders by the cheapest variant and filters on it and on any variant in stock, like a reference', async () => {
    const list = await app
      .client()
      .products.list({ query: { category: category.id, ordering: 'price', page_size: 100 } });
    const reference = [...products].sort((a, b) => cheapest(a) - cheapest(b) || (a.id < b.id ? -1 : 1));
    expect(list.results.map((p) => p.id)).toEqual(reference.map((p) => p.id));
    const inRange = await app.client().products.list({
      query: { category: category.id, min_price: '10', max_price: '20', in_stock: true, page_size: 100 },
    });
    const expected = products.filter(
      (p) => cheapest(p) >= 10 && cheapest(p) <= 20 && p.variants.some((v) => v.stock > 0),
    );
    expect(inRange.results.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(inRange.count).toBe(expected.length);
    for (const product of list.results) expect(product.variants).toHaveLength(3);
  });

  it('finds a product by a SKU, exactly or by prefix, and follows a SKU change at once', async () => {
    const tee = await admin.client.products.create({ body: teeBody('SKUSRCH') });
    const mBlue = tee.variants.find((v) => v.title === 'M / Blue')!;
    const search = async (text: string) =>
      (await app.client().products.list({ query: { search: text } })).results.map((p) => p.id);
    expect(await search('zephyr-00')).toEqual([]);
    expect(await search(mBlue.sku)).toEqual([tee.id]);
    expect(await search('TEE-SKUSRCH-M')).toEqual([tee.id]);
    expect(await search('tee-skusrch')).toEqual([tee.id]);
    await admin.client.products.variants.update({
      params: { id: tee.id, variant_id: mBlue.id },
      body: { sku: 'ZEPHYR-0042' },
    });
    expect(await search('zephyr-00')).toEqual([tee.id]);
    const detail = await app.client().products.get({ params: { id: tee.id } });
    expect(detail.variants.find((v) => v.id === mBlue.id)!.sku).toBe('ZEPHYR-0042');
  });
});
