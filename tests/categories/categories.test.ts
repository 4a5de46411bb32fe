import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { createCategory, createProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const asAdmin = (path: string, init: Parameters<TestApp['fetch']>[1] = {}) =>
  app.fetch(path, { ...init, token: admin.access });
const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2, 8)}`;

describe('POST /categories', () => {
  it('creates a root category with a slug derived from the name, accents folded', async () => {
    const name = unique('Cafés & Crèmes');
    const category = await createCategory(admin, { name });
    expect(category).toMatchObject({ name, parent_id: null, description: '' });
    expect(category.slug).toMatch(/^cafes-cremes-[a-z0-9]+$/);
  });

  it('creates a child category under an existing parent, with an explicit slug', async () => {
    const parent = await createCategory(admin, { name: unique('Parent') });
    const child = await createCategory(admin, {
      name: unique('Child'),
      slug: `child-${Date.now()}`,
      parent_id: parent.id,
    });
    expect(child.parent_id).toBe(parent.id);
  });

  it('answers 409 name_taken for a duplicate name, whatever its case, and 409 slug_taken for a duplicate slug', async () => {
    const existing = await createCategory(admin, { name: unique('Dupe') });
    const byName = await expectProblem(
      await asAdmin('/api/v1/categories', { method: 'POST', json: { name: existing.name.toUpperCase() } }),
      'name_taken',
    );
    expect(byName.errors?.[0]?.path).toBe('name');
    const bySlug = await expectProblem(
      await asAdmin('/api/v1/categories', { method: 'POST', json: { name: unique('Other'), slug: existing.slug } }),
      'slug_taken',
    );
    expect(bySlug.errors?.[0]?.path).toBe('slug');
  });

  it('rejects an unknown parent_id, a malformed slug and unknown fields, naming each field', async () => {
    const unknownParent = await expectProblem(
      await asAdmin('/api/v1/categories', {
        method: 'POST',
        json: { name: unique('Orphan'), parent_id: '00000000-0000-4000-8000-000000000000' },
      }),
      'validation_failed',
    );
    expect(unknownParent.errors).toEqual([{ path: 'parent_id', message: 'no such category' }]);
    const malformed = await expectProblem(
      await asAdmin('/api/v1/categories', { method: 'POST', json: { name: '', slug: 'Not A Slug', colour: 'red' } }),
      'validation_failed',
    );
    expect(malformed.errors?.map((e) => e.path).sort()).toEqual(['colour', 'name', 'slug']);
  });

  it('is for admins: 401 anonymous, 403 customer', async () => {
    const customer = await signUp(app);
    await expectProblem(await app.fetch('/api/v1/categories', { method: 'POST', json: { name: 'X' } }), 'unauthorized');
    await expectProblem(
      await app.fetch('/api/v1/categories', { method: 'POST', json: { name: 'X' }, token: customer.access }),
      'forbidden',
    );
  });
});

describe('GET /categories', () => {
  it('is public, ordered by name, and filters by parent id, parent slug or root', async () => {
    const root = await createCategory(admin, { name: unique('Zoo root') });
    const b = await createCategory(admin, { name: `b ${root.name}`, parent_id: root.id });
    const a = await createCategory(admin, { name: `A ${root.name}`, parent_id: root.id });
    await createCategory(admin, { name: unique('grandchild'), parent_id: a.id });
    for (const parent of [root.id, root.slug]) {
      const page = await app.client().categories.list({ query: { parent } });
      expect(page.results.map((c) => c.id)).toEqual([a.id, b.id]);
      expect(page.count).toBe(2);
    }
    const roots = await app.client().categories.list({ query: { parent: 'root', page_size: 100 } });
    expect(roots.results.every((c) => c.parent_id === null)).toBe(true);
    expect(roots.results.map((c) => c.id)).toContain(root.id);
    const names = (await app.client().categories.list({ query: { page_size: 100 } })).results.map((c) => c.name);
    expect(names.length).toBeGreaterThan(3);
  });

  it('searches names case-insensitively by substring', async () => {
    const category = await createCategory(admin, { name: unique('Mechanical Keyboards') });
    const page = await app.client().categories.list({ query: { search: 'HANICAL KEY' } });
    expect(page.results.map((c) => c.id)).toContain(category.id);
  });

  it('treats LIKE wildcards in search literally', async () => {
    const percent = await createCategory(admin, { name: unique('100% Wool') });
    const ratio = await createCategory(admin, { name: unique('Ratio 0_1') });
    const decoys = [
      await createCategory(admin, { name: unique('100 Wool') }),
      await createCategory(admin, { name: unique('Ratio 021') }),
    ];
    const idsFor = async (search: string) =>
      (await app.client().categories.list({ query: { search, page_size: 100 } })).results.map((c) => c.id);
    expect(await idsFor('0% w')).toEqual([percent.id]);
    expect(await idsFor('0_1')).toEqual([ratio.id]);
    for (const decoy of decoys) expect([...(await idsFor('%')), ...(await idsFor('0_1'))]).not.toContain(decoy.id);
  });

  it('answers 400 for an unknown parent and for bad paging', async () => {
    expect(
      (await expectProblem(await app.fetch('/api/v1/categories?parent=no-such-thing'), 'validation_failed')).errors?.[0]
        ?.path,
    ).toBe('parent');
    expect(
      (await expectProblem(await app.fetch('/api/v1/categories?page_size=101'), 'validation_failed')).errors?.[0]?.path,
    ).toBe('page_size');
  });
});

describe('GET /categories/{id}', () => {
  it('returns the category; 404 for an unknown or malformed id', async () => {
    const category = await createCategory(admin, { name: unique('Single') });
    expect(await app.client().categories.get({ params: { id: category.id } })).toEqual(category);
    await expectProblem(await app.fetch('/api/v1/categories/00000000-0000-4000-8000-000000000000'), 'not_found');
    await expectProblem(await app.fetch('/api/v1/categories/laptops'), 'not_found');
  });
});

describe('PUT and PATCH /categories/{id}', () => {
  it('PUT replaces every field: absent description empties it, absent parent makes it a root, absent slug keeps it', async () => {
    const parent = await createCategory(admin, { name: unique('P') });
    const category = await createCategory(admin, {
      name: unique('Replace me'),
      description: 'old',
      parent_id: parent.id,
    });
    const name = unique('Replaced');
    const replaced = await admin.client.categories.replace({ params: { id: category.id }, body: { name } });
    expect(replaced).toMatchObject({ name, description: '', parent_id: null, slug: category.slug });
    expect(Date.parse(replaced.updated_at)).toBeGreaterThan(Date.parse(category.updated_at));
  });

  it('PATCH changes only the given fields', async () => {
    const category = await createCategory(admin, { name: unique('Patch me'), description: 'keep' });
    const patched = await admin.client.categories.update({
      params: { id: category.id },
      body: { slug: `patched-${Date.now()}` },
    });
    expect(patched).toMatchObject({ name: category.name, description: 'keep' });
  });

  it('refuses a parent that is the category itself or one of its descendants (400), leaving the tree as it was', async () => {
    const top = await createCategory(admin, { name: unique('Top') });
    const middle = await createCategory(admin, { name: unique('Middle'), parent_id: top.id });
    const bottom = await createCategory(admin, { name: unique('Bottom'), parent_id: middle.id });
    for (const parent_id of [top.id, bottom.id]) {
      const problem = await expectProblem(
        await asAdmin(`/api/v1/categories/${top.id}`, { method: 'PATCH', json: { parent_id } }),
        'validation_failed',
      );
      expect(problem.errors?.[0]?.path).toBe('parent_id');
    }
    await expectProblem(
      await asAdmin(`/api/v1/categories/${top.id}`, { method: 'PUT', json: { name: top.name, parent_id: bottom.id } }),
      'validation_failed',
    );
    expect((await app.client().categories.get({ params: { id: top.id } })).parent_id).toBeNull();
  });

  it('moves a whole subtree: its products then show under the new ancestor', async () => {
    const oldHome = await createCategory(admin, { name: unique('Old home') });
    const newHome = await createCategory(admin, { name: unique('New home') });
    const branch = await createCategory(admin, { name: unique('Branch'), parent_id: oldHome.id });
    const leaf = await createCategory(admin, { name: unique('Leaf'), parent_id: branch.id });
    const product = await createProduct(admin, { name: unique('Mover'), price: '10.00', category_id: leaf.id });
    await admin.client.categories.update({ params: { id: branch.id }, body: { parent_id: newHome.id } });
    const underNew = await app.client().products.list({ query: { category: newHome.slug } });
    expect(underNew.results.map((p) => p.id)).toEqual([product.id]);
    expect((await app.client().products.list({ query: { category: oldHome.id } })).count).toBe(0);
  });

  it('answers 404 for an unknown category and 409 for a name taken by another', async () => {
    await expectProblem(
      await asAdmin('/api/v1/categories/00000000-0000-4000-8000-000000000000', {
        method: 'PATCH',
        json: { name: 'x' },
      }),
      'not_found',
    );
    const first = await createCategory(admin, { name: unique('First') });
    const second = await createCategory(admin, { name: unique('Second') });
    await expectProblem(
      await asAdmin(`/api/v1/categories/${second.id}`, { method: 'PATCH', json: { name: first.name } }),
      'name_taken',
    );
  });
});

describe('DELETE /categories/{id}', () => {
  it('deletes an empty category; 404 afterwards', async () => {
    const category = await createCategory(admin, { name: unique('Empty') });
    expect((await asAdmin(`/api/v1/categories/${category.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await asAdmin(`/api/v1/categories/${category.id}`, { method: 'DELETE' }), 'not_found');
  });

  it('answers 409 category_in_use while it has children or products', async () => {
    const withChild = await createCategory(admin, { name: unique('Has child') });
    await createCategory(admin, { name: unique('The child'), parent_id: withChild.id });
    await expectProblem(await asAdmin(`/api/v1/categories/${withChild.id}`, { method: 'DELETE' }), 'category_in_use');
    const withProduct = await createCategory(admin, { name: unique('Has product') });
    await createProduct(admin, { name: unique('Thing'), price: 1, category_id: withProduct.id });
    await expectProblem(await asAdmin(`/api/v1/categories/${withProduct.id}`, { method: 'DELETE' }), 'category_in_use');
    expect((await app.client().categories.get({ params: { id: withProduct.id } })).id).toBe(withProduct.id);
  });
});
