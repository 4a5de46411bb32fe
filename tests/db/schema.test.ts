import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, migrateDownAll, migrateToLatest } from '@nexus/db';
import { cloneTemplateDatabase } from '../support/test-app.js';

/** Runs `use` against a fresh clone of the migrated template, dropped afterwards. */
async function withClone(use: (db: ReturnType<typeof createDb>, url: string) => Promise<void>): Promise<void> {
  const database = await cloneTemplateDatabase();
  const db = createDb({ connectionString: database.url, max: 1 });
  try {
    await use(db, database.url);
  } finally {
    await db.destroy();
    await database.drop();
  }
}

const dbPackageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db');
const codegenBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('kysely-codegen/package.json')),
  'dist/cli/bin.js',
);

describe('database schema', () => {
  it('has committed kysely-codegen types that match the migrated schema (db/src/schema.ts is not stale)', async () => {
    await withClone(async (_db, url) => {
      const run = spawnSync(process.execPath, [codegenBin, '--url', url, '--verify'], {
        cwd: dbPackageDir,
        encoding: 'utf8',
      });
      expect(run.status, `${run.stdout}\n${run.stderr}\nRun: pnpm db:codegen`).toBe(0);
    });
  });

  it('migrates all the way down and back up again', async () => {
    await withClone(async (db) => {
      const down = await migrateDownAll(db);
      expect(down.length).toBeGreaterThan(0);
      const { rows } = await sql<{
        count: number;
      }>`select count(*)::int as count from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(
        db,
      );
      expect(rows[0]?.count).toBe(0);
      expect(await migrateToLatest(db)).toHaveLength(down.length);
    });
  });

  it('enforces the contract’s rules in the database too (money > 0, stock >= 0, lower-case email)', async () => {
    await withClone(async (db) => {
      await expect(
        db
          .insertInto('users')
          .values({ email: 'Upper@Example.com', password_hash: 'x', first_name: 'a', last_name: 'b', role: 'customer' })
          .execute(),
      ).rejects.toMatchObject({ code: '23514' });
      const category = await db
        .insertInto('categories')
        .values({ name: 'Laptops', slug: 'laptops' })
        .returning(['id', 'path'])
        .executeTakeFirstOrThrow();
      expect(category.path).toBe(category.id.replace(/-/g, ''));
      const product = { name: 'P', slug: 'p', category_id: category.id };
      await expect(
        db
          .insertInto('products')
          .values({ ...product, price: '0.00' })
          .execute(),
      ).rejects.toMatchObject({ code: '23514' });
      await expect(
        db
          .insertInto('products')
          .values({ ...product, price: '1.00', stock: -1 })
          .execute(),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });

  it('keeps category paths in step with parent_id, moving whole subtrees and refusing cycles', async () => {
    await withClone(async (db) => {
      const insert = (name: string, parent_id: string | null) =>
        db
          .insertInto('categories')
          .values({ name, slug: name, parent_id })
          .returning(['id', 'path'])
          .executeTakeFirstOrThrow();
      const a = await insert('a', null);
      const b = await insert('b', a.id);
      const c = await insert('c', b.id);
      const x = await insert('x', null);
      expect(c.path).toBe(`${a.path}.${b.path.split('.')[1]}.${c.id.replace(/-/g, '')}`);
      await db.updateTable('categories').set({ parent_id: x.id }).where('id', '=', b.id).execute();
      const moved = await db.selectFrom('categories').select('path').where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(moved.path.startsWith(`${x.path}.`)).toBe(true);
      await expect(
        db.updateTable('categories').set({ parent_id: c.id }).where('id', '=', x.id).execute(),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });
});
