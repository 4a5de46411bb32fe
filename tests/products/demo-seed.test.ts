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
    expect(await seedDemoCatalogue(app.nexus.deps)).toEqual({ categories: 42, products: 1025, images: 13 });
    expect(await seedDemoCatalogue(app.nexus.deps)).toEqual({ categories: 0, products: 0, images: 0 });
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

  it('sells clothes in sizes and colours, each with its photos, made by the seed itself', async () => {
    const tees = await app.client().products.list({ query: { search: 'merino tee', page_size: 5 } });
    const tee = tees.results.find((p) => p.slug === 'fjord-merino-t-shirt')!;
    expect(tee.options.map((o) => o.name)).toEqual(['Size', 'Colour']);
    expect(tee.variants).toHaveLength(12);
    expect(tee.variants.find((v) => v.title === 'M / Navy')).toMatchObject({ sku: 'FMT-M-NAVY' });
    expect(tee.images.map((i) => i.alt)).toEqual([
      'Fjord Merino T-Shirt in Navy',
      'Fjord Merino T-Shirt in Sand',
      'Fjord Merino T-Shirt in Forest',
    ]);
    const photo = await app.fetch(new URL(tee.images[0]!.url).pathname);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(Number(tee.price)).toBe(Math.min(...tee.variants.map((v) => Number(v.price))));
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

describe('the demo admin (first start of the embedded demo shop)', () => {
  it('can sign in to the dashboard with the documented credentials, only on the embedded database, unless ADMIN_EMAIL chooses another', async () => {
    const { DEMO_ADMIN, seedDemoAdmin } = await import('../../server/src/seed/demo-admin.js');
    const embedded = { embedded: true };
    await seedDemoAdmin({ ...app.nexus.deps, config: { ...app.config, ADMIN_EMAIL: 'boss@example.com' } }, embedded);
    const refused = await app.client().raw.auth.login({ body: { ...DEMO_ADMIN } });
    expect(refused.status).toBe(401);
    await seedDemoAdmin({ ...app.nexus.deps, config: { ...app.config, NODE_ENV: 'production' } }, embedded);
    expect((await app.client().raw.auth.login({ body: { ...DEMO_ADMIN } })).status).toBe(401);
    await seedDemoAdmin(app.nexus.deps, { embedded: false }); // DATABASE_URL, even with SEED_DEMO_DATA=true
    expect((await app.client().raw.auth.login({ body: { ...DEMO_ADMIN } })).status).toBe(401);

    await seedDemoAdmin(app.nexus.deps, embedded);
    const session = await app.client().auth.login({ body: { ...DEMO_ADMIN } });
    expect(session.user.role).toBe('admin');
  });
});
