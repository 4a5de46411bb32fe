import { sql, type Kysely } from 'kysely';

// Reviews (one per user and product) with products.rating_avg and products.review_count kept exact by
// statement-level triggers in the same transaction as every review write; the catalogue filters and orders on
// the rating through their own indexes. Wishlists: a user's saved products.

const TOUCHED = {
  insert: 'select product_id from new_rows',
  delete: 'select product_id from old_rows',
  update: 'select product_id from new_rows union select product_id from old_rows',
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table products
    add column rating_avg numeric(3, 2) check (rating_avg between 1 and 5),
    add column review_count integer not null default 0 check (review_count >= 0)`.execute(db);
  // The rating orderings, unrated products counting as 0 (last when best-first): one btree each, ending in id.
  await sql`create index products_rating_id_idx on products ((coalesce(rating_avg, 0)), id)`.execute(db);
  await sql`create index products_category_rating_id_idx on products (category_id, (coalesce(rating_avg, 0)), id)`.execute(
    db,
  );

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('product_id', 'uuid', (col) => col.notNull().references('products.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('rating', 'smallint', (col) => col.notNull().check(sql`rating between 1 and 5`))
    .addColumn('title', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(title) <= 200`),
    )
    .addColumn('body', 'text', (col) => col.notNull().check(sql`char_length(body) between 1 and 5000`))
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reviews_product_id_user_id_key', ['product_id', 'user_id'])
    .execute();
  await sql`create trigger reviews_set_updated_at before update on reviews for each row execute function set_updated_at()`.execute(
    db,
  );
  // A product's reviews newest first, or by rating; the unique constraint serves "has this user reviewed it".
  await sql`create index reviews_product_created_at_idx on reviews (product_id, created_at, id)`.execute(db);
  await sql`create index reviews_product_rating_idx on reviews (product_id, rating, created_at, id)`.execute(db);
  await sql`create index reviews_user_id_idx on reviews (user_id)`.execute(db);

  for (const [event, touched] of Object.entries(TOUCHED)) {
    await sql
      .raw(
        `
      create function reviews_after_${event}() returns trigger language plpgsql as $$
      begin
        update products p set rating_avg = agg.rating_avg, review_count = agg.review_count
          from (select t.product_id, round(avg(r.rating), 2) as rating_avg, count(r.id)::integer as review_count
                  from (${touched}) t left join reviews r on r.product_id = t.product_id
                 group by t.product_id) agg
         where p.id = agg.product_id
           and (p.rating_avg, p.review_count) is distinct from (agg.rating_avg, agg.review_count);
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
      create trigger reviews_after_${event} after ${event} on reviews referencing ${transitions}
      for each statement execute function reviews_after_${event}()`,
      )
      .execute(db);
  }

  await db.schema
    .createTable('wishlist_items')
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('product_id', 'uuid', (col) => col.notNull().references('products.id').onDelete('cascade'))
    .addColumn('added_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('wishlist_items_pkey', ['user_id', 'product_id'])
    .execute();
  // A user's wishlist, newest addition first; and the cascade when a product is deleted.
  await sql`create index wishlist_items_user_added_at_idx on wishlist_items (user_id, added_at, product_id)`.execute(
    db,
  );
  await sql`create index wishlist_items_product_id_idx on wishlist_items (product_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wishlist_items').execute();
  for (const event of Object.keys(TOUCHED)) {
    await sql.raw(`drop trigger reviews_after_${event} on reviews`).execute(db);
    await sql.raw(`drop function reviews_after_${event}()`).execute(db);
  }
  await db.schema.dropTable('reviews').execute();
  await sql`drop index products_category_rating_id_idx`.execute(db);
  await sql`drop index products_rating_id_idx`.execute(db);
  await sql`alter table products drop column review_count, drop column rating_avg`.execute(db);
}
