import { sql, type Kysely } from 'kysely';

// Exact product counts per category (all, and in stock), kept by statement-level triggers. A count filtered
// only by category subtree and/or in_stock is then a sum over at most a few hundred rows instead of a scan.

// Per-category deltas of one statement, from its transition tables (each trigger sees only the ones it declares).
const DELTAS = {
  insert: `select category_id, count(*) as products, count(*) filter (where stock > 0) as in_stock from new_rows group by category_id`,
  delete: `select category_id, -count(*) as products, -count(*) filter (where stock > 0) as in_stock from old_rows group by category_id`,
  update: `select category_id, sum(products) as products, sum(in_stock) as in_stock from (
             select category_id, 1 as products, (stock > 0)::int as in_stock from new_rows
             union all select category_id, -1, -(stock > 0)::int from old_rows) moved
           group by category_id having sum(products) <> 0 or sum(in_stock) <> 0`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category_product_counts')
    .addColumn('category_id', 'uuid', (col) => col.primaryKey().references('categories.id').onDelete('cascade'))
    .addColumn('products', 'bigint', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`products >= 0`),
    )
    .addColumn('in_stock', 'bigint', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`in_stock >= 0 and in_stock <= products`),
    )
    .execute();

  // Every category has its row from birth, so product triggers only ever update (no insert races).
  await sql`
    create function category_counts_row() returns trigger language plpgsql as $$
    begin
      insert into category_product_counts (category_id) values (new.id);
      return null;
    end $$`.execute(db);
  await sql`create trigger categories_counts_row after insert on categories for each row execute function category_counts_row()`.execute(
    db,
  );
  await sql`insert into category_product_counts (category_id) select id from categories`.execute(db);

  for (const [event, deltas] of Object.entries(DELTAS)) {
    // Transition tables aggregate a whole statement at once: a bulk load costs one update per category.
    await sql
      .raw(
        `
      create function category_counts_after_${event}() returns trigger language plpgsql as $$
      begin
        update category_product_counts counts
           set products = counts.products + deltas.products, in_stock = counts.in_stock + deltas.in_stock
          from (${deltas}) deltas
         where counts.category_id = deltas.category_id;
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
      create trigger products_counts_after_${event} after ${event} on products referencing ${transitions}
      for each statement execute function category_counts_after_${event}()`,
      )
      .execute(db);
  }

  await sql`
    update category_product_counts counts set products = real.products, in_stock = real.in_stock
      from (select category_id, count(*) as products, count(*) filter (where stock > 0) as in_stock from products group by category_id) real
     where counts.category_id = real.category_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of Object.keys(DELTAS)) {
    await sql.raw(`drop trigger products_counts_after_${event} on products`).execute(db);
    await sql.raw(`drop function category_counts_after_${event}()`).execute(db);
  }
  await sql`drop trigger categories_counts_row on categories`.execute(db);
  await sql`drop function category_counts_row()`.execute(db);
  await db.schema.dropTable('category_product_counts').execute();
}
