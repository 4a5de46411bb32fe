import { sql, type Kysely } from 'kysely';

// What a cached catalogue answer depends on, kept by triggers in the same transaction as every write, so a
// reader gets data and versions from one snapshot (one statement) and a cache check is one round trip:
// - catalogue_state.structure: anything that moves products between pages or changes what they show other than
//   stock and rating (categories, product inserts and deletes, names, prices, slugs, categories of products);
// - catalogue_state.availability: a product's stock crossing zero (in_stock filters and their counts);
// - catalogue_state.ratings: a product's rating changing (min_rating filters and rating orderings);
// - products.row_version: stamped from a sequence on every change of a product row, so a cached page is still
//   good while the sum of its rows' versions is unchanged. A checkout thus invalidates only the pages showing
//   what it sold, not the whole catalogue. Replaces the catalogue_version sequence, which every write bumped.

const BUMP = (scope: string) => `update catalogue_state set version = version + 1 where scope = '${scope}'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalogue_state')
    .addColumn('scope', 'text', (col) => col.primaryKey().check(sql`scope in ('structure', 'availability', 'ratings')`))
    .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(1))
    .execute();
  await sql`insert into catalogue_state (scope) values ('structure'), ('availability'), ('ratings')`.execute(db);

  await sql`create sequence product_row_version`.execute(db);
  // A constant default: no rewrite of a million rows; only changes after this matter.
  await sql`alter table products add column row_version bigint not null default 0`.execute(db);
  await sql`
    create function products_stamp_row_version() returns trigger language plpgsql as $$
    begin
      new.row_version := nextval('product_row_version');
      return new;
    end $$`.execute(db);
  // Every update stamps (a WHEN comparing the rows cannot see the generated search_vector in a BEFORE trigger);
  // writers that might change nothing, like the variant aggregates, skip their update instead.
  await sql`create trigger products_stamp_row_version before update on products
    for each row execute function products_stamp_row_version()`.execute(db);

  await sql
    .raw(
      `
    create function catalogue_structure_changed() returns trigger language plpgsql as $$
    begin
      ${BUMP('structure')};
      return null;
    end $$`,
    )
    .execute(db);
  await sql`create trigger categories_structure_changed after insert or update or delete on categories
    for each statement execute function catalogue_structure_changed()`.execute(db);
  await sql`create trigger products_structure_changed after insert or delete on products
    for each statement execute function catalogue_structure_changed()`.execute(db);

  // An update is a structure change only when it changes what is not stock or rating; a stock or rating change
  // moves pages only across zero stock or for rating filters and orderings.
  await sql
    .raw(
      `
    create function products_after_update_freshness() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from old_rows o join new_rows n using (id)
                  where (o.name, o.slug, o.description, o.price, o.category_id, o.created_at)
                        is distinct from (n.name, n.slug, n.description, n.price, n.category_id, n.created_at)) then
        ${BUMP('structure')};
      end if;
      if exists (select 1 from old_rows o join new_rows n using (id) where (o.stock > 0) <> (n.stock > 0)) then
        ${BUMP('availability')};
      end if;
      if exists (select 1 from old_rows o join new_rows n using (id) where o.rating_avg is distinct from n.rating_avg) then
        ${BUMP('ratings')};
      end if;
      return null;
    end $$`,
    )
    .execute(db);
  await sql`create trigger products_after_update_freshness after update on products
    referencing old table as old_rows new table as new_rows
    for each statement execute function products_after_update_freshness()`.execute(db);

  await sql`drop sequence catalogue_version`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create sequence catalogue_version`.execute(db);
  await sql`drop trigger products_after_update_freshness on products`.execute(db);
  await sql`drop function products_after_update_freshness()`.execute(db);
  await sql`drop trigger products_structure_changed on products`.execute(db);
  await sql`drop trigger categories_structure_changed on categories`.execute(db);
  await sql`drop function catalogue_structure_changed()`.execute(db);
  await sql`drop trigger products_stamp_row_version on products`.execute(db);
  await sql`drop function products_stamp_row_version()`.execute(db);
  await sql`alter table products drop column row_version`.execute(db);
  await sql`drop sequence product_row_version`.execute(db);
  await db.schema.dropTable('catalogue_state').execute();
}
