import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { slugify } from '../../lib/slug.js';
import { pageLinks } from '../../http/pagination.js';
import { answerDependsOn } from '../catalogue-cache/catalogue-freshness.js';
import { invalidField, reply } from '../../http/problem.js';
import {
  deleteCategory,
  findCategoryById,
  findCategoryRef,
  findNameOrSlugClash,
  hasDependents,
  insertCategory,
  listCategories,
  readCategory,
  updateCategory,
  wouldCreateCycle,
} from './categories.queries.js';

const s = initServer();

export function categoriesRouter({ db }: Deps): RouterFor<typeof api.categories> {
  /** Why `parentId` cannot be the parent of `categoryId` (unknown, or a cycle), or undefined when it can. */
  const parentProblem = async (parentId: string | null | undefined, categoryId?: string) => {
    if (!parentId) return undefined;
    if (!(await findCategoryById(db, parentId))) return invalidField('parent_id', 'no such category');
    if (categoryId && (await wouldCreateCycle(db, categoryId, parentId))) {
      return invalidField('parent_id', 'cannot be the category itself or one of its descendants');
    }
    return undefined;
  };

  /** 409 when the name or slug belongs to another category; the name is reported first, as the likelier intent. */
  const clashProblem = async (fields: { name?: string; slug?: string }, categoryId?: string) => {
    const clash = await findNameOrSlugClash(db, fields, categoryId);
    if (clash.name)
      return reply('name_taken', `A category named "${fields.name}" already exists`, [
        { path: 'name', message: 'is already used by another category' },
      ]);
    if (clash.slug)
      return reply('slug_taken', `A category with slug "${fields.slug}" already exists`, [
        { path: 'slug', message: 'is already used by another category' },
      ]);
    return undefined;
  };

  return s.router(api.categories, {
    list: async ({ req, res, query }) => {
      const { parent, ...rest } = query;
      let parentId: string | null | undefined;
      if (parent === 'root') parentId = null;
      else if (parent) {
        const found = await findCategoryRef(db, parent);
        if (!found) return invalidField('parent', `no category with id or slug "${parent}"`);
        parentId = found.id;
      }
      const { count, rows, version } = await listCategories(db, { ...rest, parentId });
      if (version !== undefined) answerDependsOn(res, { versions: { structure: version }, ids: [], rowSum: '0' });
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    get: async ({ params, res }) => {
      const found = await readCategory(db, params.id);
      if (!found) return reply('not_found', `No category ${params.id}`);
      answerDependsOn(res, { versions: { structure: found.version }, ids: [], rowSum: '0' });
      return { status: 200, body: found.category };
    },

    create: async ({ body }) => {
      const slug = body.slug ?? slugify(body.name, 'category');
      const problem = (await parentProblem(body.parent_id)) ?? (await clashProblem({ name: body.name, slug }));
      if (problem) return problem;
      const category = await insertCategory(db, {
        name: body.name,
        slug,
        description: body.description ?? '',
        parent_id: body.parent_id ?? null,
      });
      return { status: 201, body: category };
    },

    replace: async ({ params, body }) => {
      const current = await findCategoryById(db, params.id);
      if (!current) return reply('not_found', `No category ${params.id}`);
      const slug = body.slug ?? current.slug;
      const problem =
        (await parentProblem(body.parent_id, params.id)) ?? (await clashProblem({ name: body.name, slug }, params.id));
      if (problem) return problem;
      const category = await updateCategory(db, params.id, {
        name: body.name,
        slug,
        description: body.description ?? '',
        parent_id: body.parent_id ?? null,
      });
      return category ? { status: 200, body: category } : reply('not_found', `No category ${params.id}`);
    },

    update: async ({ params, body }) => {
      if (!(await findCategoryById(db, params.id))) return reply('not_found', `No category ${params.id}`);
      const problem = (await parentProblem(body.parent_id, params.id)) ?? (await clashProblem(body, params.id));
      if (problem) return problem;
      const category = await updateCategory(db, params.id, body);
      return category ? { status: 200, body: category } : reply('not_found', `No category ${params.id}`);
    },

    delete: async ({ params }) => {
      if (await hasDependents(db, params.id)) {
        return reply('category_in_use', 'Move or delete its products and child categories first');
      }
      if (!(await deleteCategory(db, params.id))) return reply('not_found', `No category ${params.id}`);
      return { status: 204, body: undefined };
    },
  });
}
