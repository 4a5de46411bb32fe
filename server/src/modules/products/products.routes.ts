import { initServer } from '@ts-rest/express';
import { sql, type Transaction } from 'kysely';
import { api, compareMoney, type CreateProductBody, type FacetsQuery, type Product } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { emitEvent } from '../events/outbox.js';
import { cursorLinks, pageLinks } from '../../http/pagination.js';
import { invalidField, reply, type Reply } from '../../http/problem.js';
import { firstFreeSlug, slugify } from '../../lib/slug.js';
import { answerDependsOn, type Freshness } from '../catalogue-cache/catalogue-freshness.js';
import { findCategoryRef } from '../categories/categories.queries.js';
import {
  countCatalogue,
  listCatalogue,
  resolveOrdering,
  scopesOf,
  toPrefixTsquery,
  type CatalogueFilters,
} from './product-catalogue.js';
import { createCursorCodec } from './product-cursor.js';
import { readFacets } from './catalogue-facets.js';
import { imagesRouter } from '../images/images.routes.js';
import { removeMediaFiles } from '../images/add-product-image.js';
import { variantsRouter } from '../variants/variants.routes.js';
import { replaceVariants } from '../variants/variant-writes.js';
import {
  deleteProduct,
  findProductById,
  findSlugsLike,
  insertProduct,
  readProductDetail,
  updateProduct,
  type ProductWrite,
} from './products.queries.js';

const s = initServer();

const isSlugRace = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'products_slug_key';

export function productsRouter(deps: Deps): RouterFor<typeof api.products> {
  const { db, config, countCache, media } = deps;
  const mediaBase = media.baseUrl;
  const cursors = createCursorCodec(config.JWT_SECRET);

  /**
   * Exact count, computed once per filter set and the catalogue versions it depends on (read with the page):
   * every page of a query shares it, and no write it depends on is missed.
   */
  const cachedCount = async (filters: CatalogueFilters, freshness: Freshness | undefined) => {
    const key = freshness && `count:${JSON.stringify(freshness.versions)}:${cursors.fingerprint({ ...filters })}`;
    const hit = key ? await countCache.get(key) : undefined;
    if (hit !== undefined) return Number(hit);
    const count = await countCatalogue(db, filters);
    if (key) await countCache.set(key, String(count));
    return count;
  };

  /**
   * Inserts with the asked-for slug, or with the first free slug derived from the name. Derivations of one
   * base slug are serialised by a transaction-scoped advisory lock, so concurrent creates of "Race Pad" get
   * race-pad, race-pad-2, … instead of colliding; the retry only covers a concurrent explicit slug.
   */
  const created = async (trx: Transaction<DB>, inserting: Promise<Product>) => {
    const product = await inserting;
    await emitEvent(trx, 'product.created', product.id, product);
    return product;
  };
  const updated = async (trx: Transaction<DB>, updating: Promise<Product | undefined>) => {
    const product = await updating;
    if (product) await emitEvent(trx, 'product.updated', product.id, product);
    return product;
  };

  const insertWithSlug = async (body: CreateProductBody, write: Omit<ProductWrite, 'slug'>) => {
    // Without variants, the product's one variant, with its price, stock and SKU.
    const variants = body.variants
      ? { options: body.options ?? [], variants: body.variants }
      : { options: [], variants: [{ options: {}, price: write.price, stock: write.stock, sku: body.sku }] };
    if (body.slug)
      return withTransaction(db, (trx) =>
        created(trx, insertProduct(trx, mediaBase, { ...write, slug: body.slug! }, variants)),
      );
    const base = slugify(body.name, 'product');
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await withTransaction(db, async (trx) => {
          await sql`select pg_advisory_xact_lock(hashtext(${`product-slug:${base}`}))`.execute(trx);
          return created(
            trx,
            insertProduct(
              trx,
              mediaBase,
              { ...write, slug: firstFreeSlug(base, await findSlugsLike(trx, base)) },
              variants,
            ),
          );
        });
      } catch (error) {
        if (!isSlugRace(error) || attempt >= 3) throw error;
      }
    }
  };

  return s.router(api.products, {
    list: async ({ req, res, query }) => {
      const filters = filtersOf(query);
      if ('status' in filters) return filters;
      const ordering = resolveOrdering(query);
      const fingerprint = cursors.fingerprint({ ...filters, ordering: `${ordering.key}:${ordering.descending}` });
      const after = query.cursor ? cursors.decode(query.cursor, fingerprint) : undefined;
      if (query.cursor && !after)
        return invalidField('cursor', 'is not a cursor of this query; start again without it');

      const offset = after ? undefined : (query.page - 1) * query.page_size;
      // One statement: the page, the versions it depends on, and (where the filters allow) the maintained count.
      const page = await listCatalogue(
        db,
        { filters, ordering, limit: query.page_size, after, offset, mediaBase },
        { scopes: scopesOf(filters, ordering), withCount: !after },
      );
      // An unknown category simply matches nothing; only then is it worth a lookup to answer 400.
      if (page.rows.length === 0 && query.category && !(await findCategoryRef(db, query.category))) {
        return invalidField('category', `no category with id or slug "${query.category}"`);
      }
      const count = after ? null : (page.maintainedCount ?? (await cachedCount(filters, page.freshness)));
      if (page.freshness) answerDependsOn(res, page.freshness);
      const nextCursor = page.hasMore && page.lastKey ? cursors.encode(fingerprint, page.lastKey) : null;
      const links = count === null ? cursorLinks(req, nextCursor) : pageLinks(req, query, count);
      return { status: 200, body: { count, ...links, next_cursor: nextCursor, results: page.rows } };
    },

    facets: async ({ query, res }) => {
      const filters = filtersOf(query);
      if ('status' in filters) return filters;
      const { facets, freshness } = await readFacets(db, filters);
      if (facets.count === 0 && query.category && !(await findCategoryRef(db, query.category))) {
        return invalidField('category', `no category with id or slug "${query.category}"`);
      }
      answerDependsOn(res, freshness);
      return { status: 200, body: facets };
    },

    get: async ({ params, res }) => {
      const found = await readProductDetail(db, mediaBase, params.id);
      if (!found) return reply('not_found', `No product ${params.id}`);
      answerDependsOn(res, found.freshness);
      return { status: 200, body: found.product };
    },

    create: async ({ body }) => {
      const product = await insertWithSlug(body, {
        name: body.name,
        description: body.description ?? '',
        // With variants, the product's own price and stock are theirs (set by trigger); these are placeholders.
        price: body.price ?? body.variants![0]!.price,
        stock: body.stock ?? 0,
        category_id: body.category_id,
      });
      return { status: 201, body: product };
    },

    replace: async ({ params, body }) => {
      const product = await withTransaction(db, async (trx) => {
        const current = await findProductById(trx, mediaBase, params.id);
        if (!current) return undefined;
        if (body.variants) await replaceVariants(trx, params.id, body.options ?? [], body.variants);
        return updated(
          trx,
          updateProduct(trx, mediaBase, params.id, {
            name: body.name,
            slug: body.slug ?? current.slug,
            description: body.description ?? '',
            category_id: body.category_id,
            ...(body.variants ? {} : { price: body.price!, stock: body.stock ?? 0, sku: body.sku }),
          }),
        );
      });
      return product ? { status: 200, body: product } : reply('not_found', `No product ${params.id}`);
    },

    update: async ({ params, body }) => {
      const product = await withTransaction(db, (trx) => updated(trx, updateProduct(trx, mediaBase, params.id, body)));
      return product ? { status: 200, body: product } : reply('not_found', `No product ${params.id}`);
    },

    delete: async ({ params }) => {
      // A transaction only for its retry of a deadlock, should some other writer lock in another order.
      const deleted = await withTransaction(db, async (trx, scope) => {
        const product = await findProductById(trx, mediaBase, params.id);
        const files = product && (await deleteProduct(trx, params.id));
        if (!product || !files) return false;
        await emitEvent(trx, 'product.deleted', product.id, product);
        // Its image rows went with it (cascade); their files go once that is committed.
        scope.afterCommit(() => removeMediaFiles(deps, files));
        return true;
      });
      if (!deleted) return reply('not_found', `No product ${params.id}`);
      return { status: 204, body: undefined };
    },

    variants: variantsRouter(deps),
    images: imagesRouter(deps),
  });
}

/** The catalogue filters of a list or facets query, or the 400 its bounds or search deserve. */
function filtersOf(query: FacetsQuery): CatalogueFilters | Reply<'validation_failed'> {
  if (query.min_price && query.max_price && compareMoney(query.min_price, query.max_price) > 0) {
    return invalidField('min_price', 'must not be greater than max_price');
  }
  const searchText = query.search ? toPrefixTsquery(query.search) : undefined;
  if (query.search && !searchText) return invalidField('search', 'must contain at least one letter or digit');
  return {
    categoryRef: query.category,
    minPrice: query.min_price,
    maxPrice: query.max_price,
    searchText,
    inStock: query.in_stock,
    minRating: query.min_rating,
  };
}
