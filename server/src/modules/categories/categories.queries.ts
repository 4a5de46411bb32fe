import { sql } from 'kysely';
import type { Category, CategoryListQuery } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';
import { scopeVersion } from '../catalogue-cache/catalogue-freshness.js';

export const categoryColumns = ['id', 'name', 'slug', 'description', 'parent_id', 'created_at', 'updated_at'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Query parameters name a category by id or by slug. */
export const isUuid = (ref: string) => UUID.test(ref);

export function findCategoryById(db: Db, id: string): Promise<Category | undefined> {
  return db.selectFrom('categories').select(categoryColumns).where('id', '=', id).executeTakeFirst();
}

/** The category named by an id or a slug, with its tree path. */
export function findCategoryRef(db: Db, ref: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'path'])
    .where(isUuid(ref) ? 'id' : 'slug', '=', ref)
    .executeTakeFirst();
}

/**
 * A page of categories in name order, the total and the structure version, in one statement; `parentId` null
 * means the roots, undefined means any parent. An empty page costs a second statement for its count.
 */
export async function listCategories(
  db: Db,
  query: Omit<CategoryListQuery, 'parent'> & { parentId?: string | null },
): Promise<{ count: number; rows: Category[]; version?: number }> {
  const filtered = db
    .selectFrom('categories')
    .$if(query.parentId === null, (qb) => qb.where('parent_id', 'is', null))
    .$if(typeof query.parentId === 'string', (qb) => qb.where('parent_id', '=', query.parentId!))
    .$if(Boolean(query.search), (qb) => qb.where('name', 'ilike', `%${query.search!.replace(/[\\%_]/g, '\\$&')}%`));
  const counted = filtered.select((eb) => eb.fn.countAll<number>().as('count'));
  const found = await filtered
    .select(categoryColumns)
    .select([sql<number>`(${counted})`.as('total'), scopeVersion('structure').as('v_structure')])
    .orderBy('name')
    .orderBy('id')
    .limit(query.page_size)
    .offset((query.page - 1) * query.page_size)
    .execute();
  const first = found[0];
  if (!first) return { count: Number((await counted.executeTakeFirstOrThrow()).count), rows: [] };
  return {
    count: Number(first.total),
    rows: found.map(({ total: _total, v_structure: _version, ...category }) => category),
    version: Number(first.v_structure),
  };
}

/** A category with the structure version it was read at. */
export async function readCategory(db: Db, id: string): Promise<{ category: Category; version: number } | undefined> {
  const row = await db
    .selectFrom('categories')
    .select(categoryColumns)
    .select(scopeVersion('structure').as('v_structure'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { v_structure, ...category } = row;
  return { category, version: Number(v_structure) };
}

export function insertCategory(
  db: Db,
  category: { name: string; slug: string; description: string; parent_id: string | null },
): Promise<Category> {
  return db.insertInto('categories').values(category).returning(categoryColumns).executeTakeFirstOrThrow();
}

export function updateCategory(
  db: Db,
  id: string,
  changes: Partial<{ name: string; slug: string; description: string; parent_id: string | null }>,
): Promise<Category | undefined> {
  if (Object.keys(changes).length === 0) return findCategoryById(db, id);
  return db.updateTable('categories').set(changes).where('id', '=', id).returning(categoryColumns).executeTakeFirst();
}

/** True when `candidateParentId` is the category itself or lies in its subtree: making it the parent would close a cycle. */
export async function wouldCreateCycle(db: Db, categoryId: string, candidateParentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('categories as candidate')
    .innerJoin('categories as moved', (join) => join.on('moved.id', '=', categoryId))
    .select(sql<boolean>`candidate.path <@ moved.path`.as('inside'))
    .where('candidate.id', '=', candidateParentId)
    .executeTakeFirst();
  return row?.inside ?? false;
}

/** Whether the category still has children or products (it may then not be deleted). */
export async function hasDependents(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('categories').select('id').where('parent_id', '=', id)).as('children'),
      eb.exists(eb.selectFrom('products').select('id').where('category_id', '=', id)).as('products'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.children) || Boolean(row.products);
}

export async function deleteCategory(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Which of `name` (case-insensitively) and `slug` another category already uses. */
export async function findNameOrSlugClash(db: Db, fields: { name?: string; slug?: string }, exceptId?: string) {
  if (!fields.name && !fields.slug) return { name: false, slug: false };
  const rows = await db
    .selectFrom('categories')
    .select(['name', 'slug'])
    .where((eb) =>
      eb.or([
        ...(fields.name ? [eb(eb.fn('lower', ['name']), '=', fields.name.toLowerCase())] : []),
        ...(fields.slug ? [eb('slug', '=', fields.slug)] : []),
      ]),
    )
    .$if(Boolean(exceptId), (qb) => qb.where('id', '<>', exceptId!))
    .execute();
  return {
    name: Boolean(fields.name) && rows.some((row) => row.name.toLowerCase() === fields.name!.toLowerCase()),
    slug: Boolean(fields.slug) && rows.some((row) => row.slug === fields.slug),
  };
}
