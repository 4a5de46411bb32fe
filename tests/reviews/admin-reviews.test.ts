import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminReview } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { buyerOf, createStockedProduct, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
let ann: SignedIn;
let ben: SignedIn;
let laptop: { id: string; name: string };
let mouse: { id: string; name: string };
/** Every review of this file's database, newest first: the file arranges them all. */
let newestFirst: AdminReview[];

beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
  laptop = await createStockedProduct(admin, { stock: 10, name: 'Laptop Pro 14' });
  mouse = await createStockedProduct(admin, { stock: 10, name: 'Quiet Mouse' });
  [ann, ben] = [await buyerOf(app, admin, [laptop.id, mouse.id]), await buyerOf(app, admin, [laptop.id, mouse.id])];
  const written = [
    await ann.client.reviews.create({ params: { id: laptop.id }, body: { rating: 5, body: 'Fast' } }),
    await ben.client.reviews.create({ params: { id: laptop.id }, body: { rating: 3, body: 'Fine' } }),
    await ann.client.reviews.create({ params: { id: mouse.id }, body: { rating: 3, body: 'Loud' } }),
    await ben.client.reviews.create({ params: { id: mouse.id }, body: { rating: 1, body: 'Broke' } }),
  ];
  // Distinct creation times, so the order is known, and not the writing order (the third written is the newest), so
  // the listing must sort by time rather than follow insertion.
  const minutesAgo = [40, 30, 10, 20];
  for (const [i, review] of written.entries()) {
    await app.db
      .updateTable('reviews')
      .set({ created_at: new Date(Date.now() - minutesAgo[i]! * 60_000).toISOString() })
      .where('id', '=', review.id)
      .execute();
  }
  const names = { [laptop.id]: laptop.name, [mouse.id]: mouse.name };
  const fresh = await Promise.all(written.map((r) => app.client().reviews.list({ params: { id: r.product_id } })));
  const byId = new Map(fresh.flatMap((page) => page.results).map((r) => [r.id, r]));
  newestFirst = [2, 3, 1, 0].map((i) => ({
    ...byId.get(written[i]!.id)!,
    product_name: names[written[i]!.product_id]!,
  }));
});
afterAll(() => app.close());

type AdminReviewQuery = NonNullable<Parameters<SignedIn['client']['reviews']['listAll']>[0]>['query'];
const listAll = (query: AdminReviewQuery = {}) => admin.client.reviews.listAll({ query });
const ids = (reviews: AdminReview[]) => reviews.map((r) => r.id);

describe('GET /reviews (admin)', () => {
  it('lists every review newest first, each as the product shows it plus the product’s name', async () => {
    const page = await listAll();
    expect(page.results).toEqual(newestFirst);
    expect(page).toMatchObject({ count: 4, next: null, previous: null, next_cursor: null });
  });

  it('pages like the other admin lists', async () => {
    const first = await listAll({ page_size: 3 });
    expect(ids(first.results)).toEqual(ids(newestFirst.slice(0, 3)));
    expect(first).toMatchObject({ count: 4, previous: null, next: '/api/v1/reviews?page_size=3&page=2' });
    const second = await listAll({ page: 2, page_size: 3 });
    expect(ids(second.results)).toEqual(ids(newestFirst.slice(3)));
    expect(second).toMatchObject({ count: 4, next: null });
  });

  it('filters by rating, product and author, alone and together, counting what matches', async () => {
    const expectOnly = async (query: Parameters<typeof listAll>[0], match: (r: AdminReview) => boolean) => {
      const page = await listAll(query);
      const expected = newestFirst.filter(match);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(newestFirst.length);
      expect({ ids: ids(page.results), count: page.count }).toEqual({ ids: ids(expected), count: expected.length });
    };
    await expectOnly({ rating: 3 }, (r) => r.rating === 3);
    await expectOnly({ product_id: mouse.id }, (r) => r.product_id === mouse.id);
    await expectOnly({ user_id: ann.user.id }, (r) => r.user.id === ann.user.id);
    await expectOnly({ rating: 3, product_id: laptop.id }, (r) => r.rating === 3 && r.product_id === laptop.id);
    await expectOnly({ user_id: ben.user.id, rating: 1 }, (r) => r.user.id === ben.user.id && r.rating === 1);
    expect(await listAll({ rating: 2 })).toMatchObject({ count: 0, results: [] });
  });

  it('is for admins only: 401 without a token, 403 for a customer, even one with reviews', async () => {
    await expectProblem(await app.fetch('/api/v1/reviews'), 'unauthorized');
    await expectProblem(await app.fetch('/api/v1/reviews', { token: ann.access }), 'forbidden');
    await expect(ann.client.reviews.listAll({ query: {} })).rejects.toMatchObject({ problem: { code: 'forbidden' } });
  });

  it('refuses a rating outside 1..5 and ids that are not uuids with a 400 naming the field', async () => {
    for (const query of ['rating=0', 'rating=6', 'product_id=nope', 'user_id=42']) {
      const problem = await expectProblem(
        await app.fetch(`/api/v1/reviews?${query}`, { token: admin.access }),
        'validation_failed',
      );
      expect(problem.errors?.map((e) => e.path)).toEqual([query.split('=')[0]]);
    }
  });
});
