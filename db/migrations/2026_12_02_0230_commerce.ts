import { sql, type Kysely } from 'kysely';

// Carts (one per customer, or a guest's named by a token of which only the SHA-256 is stored), orders with
// snapshot items, a human order number, and stored answers to Idempotency-Key requests.

const ORDER_STATUSES = `'pending', 'paid', 'shipped', 'delivered', 'cancelled'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('carts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.unique().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'bytea', (col) => col.unique())
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('carts_owner_chk', sql`(user_id is null) <> (token_hash is null)`)
    .execute();
  // The sweep of guest carts nobody has touched for GUEST_CART_TTL.
  await sql`create index carts_guest_updated_at_idx on carts (updated_at) where user_id is null`.execute(db);
  await sql`create trigger carts_set_updated_at before update on carts for each row execute function set_updated_at()`.execute(
    db,
  );

  await db.schema
    .createTable('cart_items')
    .addColumn('cart_id', 'uuid', (col) => col.notNull().references('carts.id').onDelete('cascade'))
    // A deleted product (its variants cascade) disappears from every cart.
    .addColumn('variant_id', 'uuid', (col) => col.notNull().references('product_variants.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity between 1 and 99`))
    .addColumn('added_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cart_items_pkey', ['cart_id', 'variant_id'])
    .execute();
  await sql`create index cart_items_variant_id_idx on cart_items (variant_id)`.execute(db);

  await sql`create sequence order_number_seq`.execute(db);
  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'bigint', (col) =>
      col
        .notNull()
        .unique()
        .defaultTo(sql`nextval('order_number_seq')`),
    )
    // Orders outlive the accounts that placed them.
    .addColumn('user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql.raw(`status in (${ORDER_STATUSES})`)),
    )
    .addColumn('subtotal', sql`numeric(14, 2)`, (col) => col.notNull().check(sql`subtotal >= 0`))
    .addColumn('total', sql`numeric(14, 2)`, (col) => col.notNull().check(sql`total >= 0`))
    .addColumn('currency', sql`char(3)`, (col) => col.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('shipping_address', 'jsonb', (col) => col.notNull())
    .addColumn('note', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(note) <= 1000`),
    )
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger orders_set_updated_at before update on orders for each row execute function set_updated_at()`.execute(
    db,
  );
  // A customer's orders newest first; an admin's view by status, or of everyone's.
  await sql`create index orders_user_created_at_idx on orders (user_id, created_at, id)`.execute(db);
  await sql`create index orders_status_created_at_idx on orders (status, created_at, id)`.execute(db);
  await sql`create index orders_created_at_idx on orders (created_at, id)`.execute(db);

  // Snapshots: product and variant ids stay as plain references, so an order keeps its lines after a deletion.
  await db.schema
    .createTable('order_items')
    .addColumn('order_id', 'uuid', (col) => col.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('product_id', 'uuid', (col) => col.notNull())
    .addColumn('variant_id', 'uuid', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('variant_title', 'text', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('unit_price', sql`numeric(12, 2)`, (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity > 0`))
    .addColumn('line_total', sql`numeric(14, 2)`, (col) => col.notNull())
    .addPrimaryKeyConstraint('order_items_pkey', ['order_id', 'position'])
    .execute();
  // "Has this user bought this product?" (the verified-buyer rule of reviews).
  await sql`create index order_items_product_id_idx on order_items (product_id, order_id)`.execute(db);

  // One row per (owner, key): the answer to replay. Written in the same transaction as the request's own writes.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'bytea', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    .addColumn('body', 'jsonb')
    .addColumn('headers', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['owner', 'key'])
    .execute();
  await sql`create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('order_items').execute();
  await db.schema.dropTable('orders').execute();
  await sql`drop sequence order_number_seq`.execute(db);
  await db.schema.dropTable('cart_items').execute();
  await db.schema.dropTable('carts').execute();
}
