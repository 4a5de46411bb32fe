import { sql, type Kysely } from 'kysely';

// Category tree and products. Orders, carts, reviews and wishlists will reference products(id) and users(id).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists ltree`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);

  // English stemming with accents folded, so "cafe" finds "Café" and "laptops" finds "laptop".
  await sql`create text search configuration nexus_search (copy = english)`.execute(db);
  await sql`alter text search configuration nexus_search
    alter mapping for hword, hword_part, word with unaccent, english_stem`.execute(db);

  await db.schema
    .createTable('categories')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('slug', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 200`),
    )
    .addColumn('description', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 2000`),
    )
    .addColumn('parent_id', 'uuid', (col) => col.references('categories.id').onDelete('restrict'))
    // Materialised path of ancestor ids (hyphen-less uuids) ending in this category's own: descendants are `path <@ ancestor.path`.
    .addColumn('path', sql`ltree`, (col) => col.notNull())
    // Millisecond precision: what the API shows is exactly what is stored, so keyset cursors round-trip.
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('categories_not_own_parent_chk', sql`parent_id is null or parent_id <> id`)
    .execute();
  await sql`create unique index categories_name_lower_key on categories (lower(name))`.execute(db);
  await sql`create index categories_path_gist_idx on categories using gist (path)`.execute(db);
  // Children of a parent in name order (`?parent=`), and the name search (`?search=`, substring).
  await sql`create index categories_parent_id_name_idx on categories (parent_id, name, id)`.execute(db);
  await sql`create index categories_name_trgm_idx on categories using gin (name gin_trgm_ops)`.execute(db);
  await sql`create trigger categories_set_updated_at before update on categories for each row execute function set_updated_at()`.execute(
    db,
  );

  // The path follows parent_id; moving a category re-roots its whole subtree. A cycle is refused here as a last line of defence.
  await sql`
    create function categories_maintain_path() returns trigger language plpgsql as $$
    declare
      parent_path ltree;
      own_label ltree := text2ltree(replace(new.id::text, '-', ''));
    begin
      if new.parent_id is null then
        new.path := own_label;
      else
        select path into parent_path from categories where id = new.parent_id;
        if parent_path ~ ('*.' || ltree2text(own_label) || '.*')::lquery then
          raise exception 'category % cannot be moved under its own descendant', new.id
            using errcode = 'check_violation', constraint = 'categories_no_cycle_chk';
        end if;
        new.path := parent_path || own_label;
      end if;
      if tg_op = 'UPDATE' and new.path is distinct from old.path then
        update categories set path = new.path || subpath(path, nlevel(old.path))
         where path <@ old.path and id <> new.id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger categories_maintain_path before insert or update of parent_id on categories
    for each row execute function categories_maintain_path()`.execute(db);

  await db.schema
    .createTable('products')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 200`))
    // Byte-wise collation: the unique index then also serves `slug like 'base-%'` when deriving a free slug.
    .addColumn('slug', sql`text collate "C"`, (col) =>
      col
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 200`),
    )
    .addColumn('description', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 10000`),
    )
    .addColumn('price', sql`numeric(12, 2)`, (col) => col.notNull().check(sql`price > 0 and price <= 99999999.99`))
    .addColumn('stock', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`stock >= 0`),
    )
    .addColumn('category_id', 'uuid', (col) => col.notNull().references('categories.id').onDelete('restrict'))
    .addColumn('search_vector', sql`tsvector`, (col) =>
      col
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('nexus_search'::regconfig, name), 'A') || setweight(to_tsvector('nexus_search'::regconfig, description), 'B')`,
        )
        .stored(),
    )
    // Millisecond precision: what the API shows is exactly what is stored, so keyset cursors round-trip.
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger products_set_updated_at before update on products for each row execute function set_updated_at()`.execute(
    db,
  );
  await sql`create index products_search_vector_idx on products using gin (search_vector)`.execute(db);
  // One btree per ordering, each ending in id (the tie-breaker) so keyset pages are an index range scan
  // in either direction. Name ordering is case-insensitive and byte-wise, hence the expression.
  await sql`create index products_created_at_id_idx on products (created_at, id)`.execute(db);
  await sql`create index products_price_id_idx on products (price, id)`.execute(db);
  await sql`create index products_name_id_idx on products ((lower(name) collate "C"), id)`.execute(db);
  // The same orderings within one category: a category filter reads the top rows of each category in its
  // subtree from these and merges them (see catalogueQuery). The first also serves the foreign key.
  await sql`create index products_category_created_at_id_idx on products (category_id, created_at, id)`.execute(db);
  await sql`create index products_category_price_id_idx on products (category_id, price, id)`.execute(db);
  await sql`create index products_category_name_id_idx on products (category_id, (lower(name) collate "C"), id)`.execute(
    db,
  );

  // Bumped by every catalogue write after it commits; response caches key on it. A sequence, not a row, so
  // concurrent writers never queue on a lock to bump it.
  await sql`create sequence catalogue_version`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop sequence catalogue_version`.execute(db);
  await db.schema.dropTable('products').execute();
  await db.schema.dropTable('categories').execute();
  await sql`drop function categories_maintain_path()`.execute(db);
  await sql`drop text search configuration nexus_search`.execute(db);
}
