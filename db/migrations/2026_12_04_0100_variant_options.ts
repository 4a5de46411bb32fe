import { sql, type Kysely } from 'kysely';

// Several variants per product, told apart by options (Size: M, Colour: Blue), and SKUs in the catalogue search.
// - products.options: the product's options in order, `[{name, values: [..]}]`; each variant's `options` object
//   names every one exactly once (checked by the API), and no two variants of a product share a combination
//   (a unique index, so concurrent writers cannot slip one past the check).
// - products.skus: its variants' SKUs, space-separated, kept by the variant aggregate triggers with price and
//   stock, and folded into search_vector: a SKU is then found by the same GIN index, filters and relevance
//   ranking as a name, with no second index to OR in.
// - The aggregate triggers now always touch the product: every variant write changes what the product answer
//   shows (its variants), so the product's row_version must move for cached answers to stay exact.

const TOUCHED = {
  insert: 'select product_id from new_rows',
  delete: 'select product_id from old_rows',
  update: 'select product_id from new_rows union select product_id from old_rows',
};

const BUMP = (scope: string) => `update catalogue_state set version = version + 1 where scope = '${scope}'`;
const changed = (columns: string) =>
  `exists (select id, ${columns} from old_rows except select id, ${columns} from new_rows)`;

const freshness = (structureColumns: string) => `
    create or replace function products_after_update_freshness() returns trigger language plpgsql as $$
    begin
      if ${changed(structureColumns)} then
        ${BUMP('structure')};
      end if;
      if ${changed('stock > 0')} then
        ${BUMP('availability')};
      end if;
      if ${changed('rating_avg')} then
        ${BUMP('ratings')};
      end if;
      return null;
    end $$`;

const SEARCH_VECTOR = `setweight(to_tsvector('nexus_search'::regconfig, name), 'A') || setweight(to_tsvector('nexus_search'::regconfig, description), 'B')`;

async function replaceSearchVector(db: Kysely<any>, expression: string): Promise<void> {
  await sql`drop index products_search_vector_idx`.execute(db);
  await sql`alter table products drop column search_vector`.execute(db);
  await sql
    .raw(`alter table products add column search_vector tsvector generated always as (${expression}) stored`)
    .execute(db);
  await sql`create index products_search_vector_idx on products using gin (search_vector)`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table products add column options jsonb not null default '[]'::jsonb
    check (jsonb_typeof(options) = 'array' and jsonb_array_length(options) <= 3)`.execute(db);
  await sql`alter table products add column skus text not null default ''`.execute(db);
  // A one-off backfill of what the triggers will keep (until now the API made one variant per product): no
  // version stamps or freshness bumps for it (nothing any answer shows changes).
  await sql`alter table products disable trigger user`.execute(db);
  await sql`update products p set skus = v.skus
              from (select product_id, string_agg(sku, ' ' order by position, id) as skus
                      from product_variants group by product_id) v
             where v.product_id = p.id`.execute(db);
  await sql`alter table products enable trigger user`.execute(db);
  // SKUs split at every non-alphanumeric character first: the parser would read "ZEPHYR-0042" as a word and
  // the signed integer -0042, which the search's prefix words ("zephyr", "00") could never match.
  await replaceSearchVector(
    db,
    `${SEARCH_VECTOR} || setweight(to_tsvector('nexus_search'::regconfig, regexp_replace(skus, '[^[:alnum:]]+', ' ', 'g')), 'A')`,
  );

  await sql`create unique index product_variants_product_options_key on product_variants (product_id, options)`.execute(
    db,
  );

  for (const [event, touched] of Object.entries(TOUCHED)) {
    await sql
      .raw(
        `
      create or replace function product_variants_after_${event}() returns trigger language plpgsql as $$
      begin
        update products p set price = agg.price, stock = agg.stock, skus = agg.skus
          from (select v.product_id, min(v.price) as price, sum(v.stock)::integer as stock,
                       string_agg(v.sku, ' ' order by v.position, v.id) as skus
                  from product_variants v
                 where v.product_id in (${touched})
                 group by v.product_id) agg
         where p.id = agg.product_id;
        return null;
      end $$`,
      )
      .execute(db);
  }
  await sql.raw(freshness('name, slug, description, price, category_id, created_at, skus')).execute(db);

  // Stock of variants that appear or go (a new size, a deleted one, a deleted product's): a stock.changed event
  // and a live-stock notice each, as the update trigger gives for stock that moves; a gone variant has stock 0.
  for (const [event, rows, stock] of STOCK_EVENTS) {
    await sql
      .raw(
        `
      create function emit_stock_of_${event}_variants() returns trigger language plpgsql as $$
      begin
        insert into events (type, resource_id, data)
        select 'stock.changed', v.id, jsonb_build_object('product_id', v.product_id, 'variant_id', v.id, 'stock', ${stock})
          from ${rows} v order by v.id;
        perform pg_notify('nexus_stock', json_build_object('product_id', v.product_id, 'variant_id', v.id, 'stock', ${stock})::text)
           from ${rows} v;
        return null;
      end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `
      create trigger product_variants_emit_stock_of_${event} after ${event === 'new' ? 'insert' : 'delete'} on product_variants
        referencing ${event === 'new' ? 'new' : 'old'} table as ${rows}
        for each statement execute function emit_stock_of_${event}_variants()`,
      )
      .execute(db);
  }
}

const STOCK_EVENTS = [
  ['new', 'new_rows', 'v.stock'],
  ['gone', 'old_rows', '0'],
] as const;

export async function down(db: Kysely<any>): Promise<void> {
  for (const [event] of STOCK_EVENTS) {
    await sql.raw(`drop trigger product_variants_emit_stock_of_${event} on product_variants`).execute(db);
    await sql.raw(`drop function emit_stock_of_${event}_variants()`).execute(db);
  }
  await sql.raw(freshness('name, slug, description, price, category_id, created_at')).execute(db);
  for (const [event, touched] of Object.entries(TOUCHED)) {
    await sql
      .raw(
        `
      create or replace function product_variants_after_${event}() returns trigger language plpgsql as $$
      begin
        update products p set price = agg.price, stock = agg.stock
          from (select v.product_id, min(v.price) as price, sum(v.stock)::integer as stock
                  from product_variants v
                 where v.product_id in (${touched})
                 group by v.product_id) agg
         where p.id = agg.product_id and (p.price, p.stock) is distinct from (agg.price, agg.stock);
        return null;
      end $$`,
      )
      .execute(db);
  }
  await sql`drop index product_variants_product_options_key`.execute(db);
  await replaceSearchVector(db, SEARCH_VECTOR);
  await sql`alter table products drop column skus`.execute(db);
  await sql`alter table products drop column options`.execute(db);
}
