import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '@nexus/contract';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { createCategory, createProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
let laptops: Category;
let phones: Category;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
  laptops = await createCategory(admin, { name: 'Laptops' });
  phones = await createCategory(admin, { name: 'Phones' });
});
afterAll(() => app.close());

const asAdmin = (path: string, init: Parameters<TestApp['fetch']>[1] = {}) =>
  app.fetch(path, { ...init, token: admin.access });
const post = (json: Record<string, unknown>) => asAdmin('/api/v1/products', { method: 'POST', json });

describe('POST /products', () => {
  it('creates a product with defaults and its category embedded', async () => {
    const product = await createProduct(admin, { name: 'Laptop Pro 14', price: 1299, category_id: laptops.id });
    expect(product).toMatchObject({
      name: 'Laptop Pro 14',
      price: '1299.00',
      stock: 0,
      description: '',
      category_id: laptops.id,
      category: { id: laptops.id, name: 'Laptops', slug: 'laptops' },
    });
    expect(product.slug).toMatch(/^laptop-pro-14(-\d+)?$/);
  });

  it('keeps money exact: strings and numbers with up to two decimals come back with exactly two', async () => {
    const cases: Array<[string | number, string]> = [
      [999.5, '999.50'],
      ['0.10', '0.10'],
      ['7', '7.00'],
      [0.01, '0.01'],
      ['99999999.99', '99999999.99'],
      [19.99, '19.99'],
    ];
    for (const [input, expected] of cases) {
      expect(
        (await createProduct(admin, { name: `Money ${input}`, price: input, category_id: laptops.id })).price,
      ).toBe(expected);
    }
  });

  it('rejects bad prices with a message per rule', async () => {
    const messages: Array<[unknown, string]> = [
      [0, 'must be greater than 0'],
      ['0.00', 'must be greater than 0'],
      [-5, 'must be a positive decimal such as 1299.00'],
      ['1.999', 'must have at most two decimal places'],
      [100000000, 'must be at most 99999999.99'],
      ['abc', 'must be a positive decimal such as 1299.00'],
    ];
    for (const [price, message] of messages) {
      const problem = await expectProblem(
        await post({ name: 'Bad', price, category_id: laptops.id }),
        'validation_failed',
      );
      expect(problem.errors, String(price)).toEqual([{ path: 'price', message }]);
    }
  });

  it('derives unique slugs from the name and answers 409 slug_taken for an explicit duplicate', async () => {
    const first = await createProduct(admin, { name: 'Twin Phone', price: 1, category_id: phones.id });
    const second = await createProduct(admin, { name: 'Twin Phone', price: 1, category_id: phones.id });
    const third = await createProduct(admin, { name: 'Twin  Phone!', price: 1, category_id: phones.id });
    expect([first.slug, second.slug, third.slug]).toEqual(['twin-phone', 'twin-phone-2', 'twin-phone-3']);
    const problem = await expectProblem(
      await post({ name: 'Other', price: 1, category_id: phones.id, slug: 'twin-phone' }),
      'slug_taken',
    );
    expect(problem.errors?.[0]?.path).toBe('slug');
  });

  it('gives concurrent creates with the same name distinct slugs', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, () => createProduct(admin, { name: 'Race Pad', price: 2, category_id: phones.id })),
    );
    expect(created.map((p) => p.slug).sort()).toEqual(
      ['race-pad', ...Array.from({ length: 7 }, (_, i) => `race-pad-${i + 2}`)].sort(),
    );
  });

  it('answers 400 for an unknown category_id, bad stock, missing and unknown fields', async () => {
    const unknown = await expectProblem(
      await post({ name: 'X', price: 1, category_id: '00000000-0000-4000-8000-000000000000' }),
      'validation_failed',
    );
    expect(unknown.errors?.map((e) => e.path)).toEqual(['category_id']);
    const bad = await expectProblem(await post({ price: 1, stock: -1, colour: 'red' }), 'validation_failed');
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['category_id', 'colour', 'name', 'stock']);
    const fractional = await expectProblem(
      await post({ name: 'X', price: 1, category_id: laptops.id, stock: 1.5 }),
      'validation_failed',
    );
    expect(fractional.errors?.map((e) => e.path)).toEqual(['stock']);
  });

  it('is for admins: 401 anonymous, 403 customer', async () => {
    const customer = await signUp(app);
    const body = { name: 'X', price: 1, category_id: laptops.id };
    await expectProblem(await app.fetch('/api/v1/products', { method: 'POST', json: body }), 'unauthorized');
    await expectProblem(
      await app.fetch('/api/v1/products', { method: 'POST', json: body, token: customer.access }),
      'forbidden',
    );
  });
});

describe('GET /products/{id}', () => {
  it('is public; 404 for an unknown or malformed id', async () => {
    const product = await createProduct(admin, { name: 'Readable', price: 5, category_id: laptops.id });
    expect(await app.client().products.get({ params: { id: product.id } })).toEqual(product);
    await expectProblem(await app.fetch('/api/v1/products/00000000-0000-4000-8000-000000000000'), 'not_found');
    await expectProblem(await app.fetch('/api/v1/products/readable'), 'not_found');
  });
});

describe('PUT and PATCH /products/{id}', () => {
  it('PATCH changes only the given fields and advances updated_at', async () => {
    const product = await createProduct(admin, {
      name: 'Patchable',
      price: '10.00',
      category_id: laptops.id,
      stock: 4,
      description: 'keep',
    });
    const patched = await admin.client.products.update({
      params: { id: product.id },
      body: { price: '12.5', category_id: phones.id },
    });
    expect(patched).toMatchObject({
      name: 'Patchable',
      price: '12.50',
      stock: 4,
      description: 'keep',
      category: { id: phones.id, slug: 'phones' },
    });
    expect(Date.parse(patched.updated_at)).toBeGreaterThan(Date.parse(product.updated_at));
    expect(patched.created_at).toBe(product.created_at);
  });

  it('PUT replaces: absent description and stock reset, absent slug kept', async () => {
    const product = await createProduct(admin, {
      name: 'Replaceable',
      price: 3,
      category_id: laptops.id,
      stock: 9,
      description: 'old',
    });
    const replaced = await admin.client.products.replace({
      params: { id: product.id },
      body: { name: 'Replaced', price: 4, category_id: phones.id },
    });
    expect(replaced).toMatchObject({
      name: 'Replaced',
      price: '4.00',
      stock: 0,
      description: '',
      slug: product.slug,
      category_id: phones.id,
    });
  });

  it('validates like create, and answers 404 for an unknown product', async () => {
    const product = await createProduct(admin, { name: 'Strict', price: 3, category_id: laptops.id });
    const problem = await expectProblem(
      await asAdmin(`/api/v1/products/${product.id}`, { method: 'PATCH', json: { price: 0, stock: -2 } }),
      'validation_failed',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['price', 'stock']);
    const badCategory = await expectProblem(
      await asAdmin(`/api/v1/products/${product.id}`, {
        method: 'PATCH',
        json: { category_id: '00000000-0000-4000-8000-000000000000' },
      }),
      'validation_failed',
    );
    expect(badCategory.errors?.[0]?.path).toBe('category_id');
    await expectProblem(
      await asAdmin('/api/v1/products/00000000-0000-4000-8000-000000000000', { method: 'PATCH', json: { stock: 1 } }),
      'not_found',
    );
    await expectProblem(
      await asAdmin('/api/v1/products/00000000-0000-4000-8000-000000000000', {
        method: 'PUT',
        json: { name: 'x', price: 1, category_id: laptops.id },
      }),
      'not_found',
    );
    expect((await app.client().products.get({ params: { id: product.id } })).price).toBe('3.00');
  });
});

describe('DELETE /products/{id}', () => {
  it('deletes; 404 afterwards; 403 for customers', async () => {
    const product = await createProduct(admin, { name: 'Doomed', price: 3, category_id: laptops.id });
    const customer = await signUp(app);
    await expectProblem(
      await app.fetch(`/api/v1/products/${product.id}`, { method: 'DELETE', token: customer.access }),
      'forbidden',
    );
    expect((await asAdmin(`/api/v1/products/${product.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await app.fetch(`/api/v1/products/${product.id}`), 'not_found');
    await expectProblem(await asAdmin(`/api/v1/products/${product.id}`, { method: 'DELETE' }), 'not_found');
  });
});
