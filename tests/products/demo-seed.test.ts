import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalogue } from '../../server/src/seed/demo-catalogue.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the demo catalogue (pnpm db:seed)', () => {
  it('loads a category tree and about a thousand products, and adds nothing the second time', async () => {
    expect(await seedDemoCatalogue(app.db)).toEqual({ categories: 42, products: 1020 });
    expect(await seedDemoCatalogue(app.db)).toEqual({ categories: 0, products: 0 });
    const roots = await app.client().categories.list({ query: { parent: 'root' } });
    expect(roots.results.map((c) => c.slug)).toEqual([
      'books',
      'electronics',
      'fashion',
      'home-kitchen',
      'sports-outdoors',
      'toys-games',
    ]);
  });

  it('can be browsed like a real shop: a parent shows its sub-categories’ products, search finds by prefix', async () => {
    const electronics = await app.client().products.list({ query: { category: 'electronics', page_size: 100 } });
    const leaves = new Set(electronics.results.map((p) => p.category.slug));
    expect(leaves.size).toBeGreaterThan(3);
    expect(leaves.has('electronics')).toBe(false);
    const laptops = await app.client().products.list({ query: { search: 'lapt', category: 'computers' } });
    expect(laptops.count).toBeGreaterThan(0);
    expect(laptops.results.every((p) => /laptop/i.test(`${p.name} ${p.description}`))).toBe(true);
  });
});
