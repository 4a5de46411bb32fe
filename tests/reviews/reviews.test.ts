import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { isNexusError } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { buyerOf, createStockedProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

/** A customer who bought `productId` (order paid). */
const buyer = (productId: string, status: 'pending' | 'paid' | 'shipped' | 'delivered' = 'paid') =>
  buyerOf(app, admin, [productId], status);

describe('reviews', () => {
  it('are for verified buyers only: a pending order is not enough', async () => {
    const product = await createStockedProduct(admin, { stock: 10 });
    const window = await signUp(app);
    const error = await window.client.reviews
      .create({ params: { id: product.id }, body: { rating: 5, body: 'Looks great' } })
      .catch((e: unknown) => e);
    expect(isNexusError(error, 'not_a_verified_buyer')).toBe(true);
    const pending = await buyer(product.id, 'pending');
    await expectProblem(
      await app.fetch(`/api/v1/products/${product.id}/reviews`, {
        method: 'POST',
        token: pending.access,
        json: { rating: 4, body: 'x' },
      }),
      'not_a_verified_buyer',
    );
  });

  it('keep rating_avg and review_count exact through create, edit and delete; one per customer and product', async () => {
    const product = await createStockedProduct(admin, { stock: 10 });
    const [ann, ben] = [await buyer(product.id), await buyer(product.id, 'delivered')];
    const first = await ann.client.reviews.create({
      params: { id: product.id },
      body: { rating: 5, title: 'Great', body: 'Works' },
    });
    expect(first).toMatchObject({
      product_id: product.id,
      rating: 5,
      title: 'Great',
      user: { id: ann.user.id, first_name: 'Buyer' },
    });
    await ben.client.reviews.create({ params: { id: product.id }, body: { rating: 2, body: 'Meh' } });
    const rated = async () => {
      const p = await app.client().products.get({ params: { id: product.id } });
      return [p.rating_avg, p.review_count];
    };
    expect(await rated()).toEqual(['3.50', 2]);
    await expectProblem(
      await app.fetch(`/api/v1/products/${product.id}/reviews`, {
        method: 'POST',
        token: ann.access,
        json: { rating: 1, body: 'again' },
      }),
      'already_reviewed',
    );
    await ann.client.reviews.update({ params: { id: first.id }, body: { rating: 3 } });
    expect(await rated()).toEqual(['2.50', 2]);
    expect(
      isNexusError(
        await ben.client.reviews.update({ params: { id: first.id }, body: { rating: 1 } }).catch((e: unknown) => e),
        'not_found',
      ),
    ).toBe(true);
    await admin.client.reviews.delete({ params: { id: first.id } });
    expect(await rated()).toEqual(['2.00', 1]);
    const page = await app.client().reviews.list({ params: { id: product.id } });
    expect(page.count).toBe(1);
  });

  it('list newest first by default, or by rating, and 404 for an unknown product', async () => {
    const product = await createStockedProduct(admin, { stock: 10 });
    const ratings = [3, 5, 1];
    for (const rating of ratings) {
      const customer = await buyer(product.id);
      await customer.client.reviews.create({ params: { id: product.id }, body: { rating, body: `Rated ${rating}` } });
    }
    const list = (ordering?: 'rating' | '-rating' | 'created_at' | '-created_at') =>
      app.client().reviews.list({ params: { id: product.id }, query: ordering ? { ordering } : {} });
    expect((await list()).results.map((r) => r.rating)).toEqual([1, 5, 3]);
    expect((await list('-rating')).results.map((r) => r.rating)).toEqual([5, 3, 1]);
    expect((await list('created_at')).results.map((r) => r.rating)).toEqual([3, 5, 1]);
    await expectProblem(await app.fetch('/api/v1/products/00000000-0000-4000-8000-000000000000/reviews'), 'not_found');
  });

  it('drive the catalogue’s min_rating filter and rating orderings', async () => {
    const category = await admin.client.categories.create({ body: { name: `Rated ${Date.now()}` } });
    const make = (name: string) =>
      admin.client.products.create({ body: { name, price: 5, stock: 20, category_id: category.id } });
    const [good, bad, unrated] = [await make('Good'), await make('Bad'), await make('Unrated')];
    for (const [product, rating] of [
      [good, 5],
      [bad, 2],
    ] as const) {
      const customer = await buyer(product.id);
      await customer.client.reviews.create({ params: { id: product.id }, body: { rating, body: 'ok' } });
    }
    const names = async (query: Record<string, string>) =>
      (await app.client().products.list({ query: { category: category.id, ...query } })).results.map((p) => p.name);
    expect(await names({ ordering: '-rating' })).toEqual(['Good', 'Bad', 'Unrated']);
    expect(await names({ ordering: 'rating' })).toEqual(['Unrated', 'Bad', 'Good']);
    expect(await names({ min_rating: '4' })).toEqual(['Good']);
    expect((await app.client().products.list({ query: { category: category.id, min_rating: '2' } })).count).toBe(2);
    expect(unrated.rating_avg).toBeNull();
  });

  it('keep the aggregates exact when one statement writes or deletes several reviews of one product', async () => {
    const product = await createStockedProduct(admin, { stock: 10 });
    const reviewers = await Promise.all([1, 2, 3].map(() => signUp(app)));
    // A bulk load (as `pnpm db:generate` does) and a bulk delete: each product is counted once, not once per row.
    await sql`
      insert into reviews (product_id, user_id, rating, body)
      select ${product.id}, id, rating, 'bulk' from unnest(${reviewers.map((r) => r.user.id)}::uuid[], array[5, 4, 2]) as t(id, rating)`.execute(
      app.db,
    );
    const read = () => app.client().products.get({ params: { id: product.id } });
    expect(await read()).toMatchObject({ review_count: 3, rating_avg: '3.67' });
    await sql`delete from reviews where product_id = ${product.id} and rating >= 4`.execute(app.db);
    expect(await read()).toMatchObject({ review_count: 1, rating_avg: '2.00' });
  });
});
