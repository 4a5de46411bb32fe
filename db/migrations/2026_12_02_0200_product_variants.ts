import { sql, type Kysely } from 'kysely';

// Variants: what carts and orders refer to. Every product has at least one (its default variant, made here for
// every existing product); products.price (the cheapest variant) and products.stock (the sum) are kept equal to
// their variants' by statement-level triggers in the same transaction as every variant write, so the catalogue's
// indexes and plans keep working on products alone.

// Per event, the products whose variants one statement touched (each trigger sees only its own transition tables).
const TOUCHED = {
  insert: 'select product_id from new_rows',
  delete: 'select product_id from old_rows',
  update: 'select product_id from new_rows union select product_id from old_rows',
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_variants')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('product_id', 'uuid', (col) => col.notNull().references('products.id').onDelete('cascade'))
    .addColumn('sku', 'text', (col) =>
      col.notNull().check(sql`char_length(sku) between 1 and 64 and sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'`),
    )
    .addColumn('title', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(title) <= 200`),
    )
    .addColumn('options', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('price', sql`numeric(12, 2)`, (col) => col.notNull().check(sql`price > 0 and price <= 99999999.99`))
    .addColumn('stock', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`stock >= 0`),
    )
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // SKUs are unique across the store, case-insensitively.
  await sql`create unique index product_variants_sku_lower_key on product_variants (lower(sku))`.execute(db);
  // A product's variants in order; also serves the foreign key.
  await sql`create index product_variants_product_id_idx on product_variants (product_id, position, id)`.execute(db);
  await sql`create trigger product_variants_set_updated_at before update on product_variants
    for each row execute function set_updated_at()`.execute(db);

  // The default variant of every existing product, before the triggers exist: one set-based insert at 1M rows.
  await sql`
    insert into product_variants (product_id, sku, price, stock)
    select id, 'SKU-' || upper(substr(replace(id::text, '-', ''), 1, 16)), price, stock from products`.execute(db);

  for (const [event, touched] of Object.entries(TOUCHED)) {
    await sql
      .raw(
        `
      create function product_variants_after_${event}() returns trigger language plpgsql as $$
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
    const transitions = {
      insert: 'new table as new_rows',
      delete: 'old table as old_rows',
      update: 'old table as old_rows new table as new_rows',
    }[event];
    await sql
      .raw(
        `
      create trigger product_variants_after_${event} after ${event} on product_variants referencing ${transitions}
      for each statement execute function product_variants_after_${event}()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of Object.keys(TOUCHED)) {
    await sql.raw(`drop trigger product_variants_after_${event} on product_variants`).execute(db);
    await sql.raw(`drop function product_variants_after_${event}()`).execute(db);
  }
  await db.schema.dropTable('product_variants').execute();
}
