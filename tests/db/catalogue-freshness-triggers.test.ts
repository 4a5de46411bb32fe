import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, signUpAdmin } from '../support/fixtures.js';

// The scope versions a bulk update of products advances: each scope exactly when some row changed what it
// covers, however many rows the statement touched (the trigger compares the transition tables as sets).
let app: TestApp;
let ids: string[];
beforeAll(async () => {
  app = await startTestApp();
  const admin = await signUpAdmin(app);
  ids = [];
  for (let i = 0; i < 40; i += 1) ids.push((await createStockedProduct(admin, { stock: i === 0 ? 1 : 10 })).id);
});
afterAll(() => app.close());

const versions = async () =>
  Object.fromEntries(
    (
      await sql<{ scope: string; version: string }>`select scope, version from catalogue_state`.execute(app.db)
    ).rows.map((row) => [row.scope, Number(row.version)]),
  ) as Record<'structure' | 'availability' | 'ratings', number>;

const update = (set: string, where = sql`true`) =>
  sql`update products set ${sql.raw(set)} where id = any(${ids}::uuid[]) and ${where}`.execute(app.db);

describe('catalogue freshness triggers on bulk updates', () => {
  it('advance no scope when only stock moves without crossing zero', async () => {
    const before = await versions();
    await update('stock = stock + 1', sql`stock > 1`);
    expect(await versions()).toEqual(before);
  });

  it('advance availability alone when one of many rows sells out', async () => {
    const before = await versions();
    await update('stock = case when stock = 1 then 0 else stock - 1 end');
    expect(await versions()).toEqual({ ...before, availability: before.availability + 1 });
  });

  it('advance structure alone when one of many rows changes its name', async () => {
    const before = await versions();
    await update(`name = case when id = '${ids[5]}' then name || ' renamed' else name end`);
    expect(await versions()).toEqual({ ...before, structure: before.structure + 1 });
  });
});
