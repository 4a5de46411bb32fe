import { sql, type Kysely } from 'kysely';

// The outbox: every event is a row written in the same transaction as the change it reports, so a change is
// never committed without its event nor an event without its change. `seq` orders them as committed writers
// inserted them; `dispatched_at` is for the worker that hands them on (e-mail, webhooks, RabbitMQ).

const EVENT_TYPES = [
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.changed',
  'user.registered',
  'user.password_reset_requested',
]
  .map((type) => `'${type}'`)
  .join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (col) => col.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn('type', 'text', (col) => col.notNull().check(sql.raw(`type in (${EVENT_TYPES})`)))
    // The order, payment, product, variant or user the event is about.
    .addColumn('resource_id', 'uuid', (col) => col.notNull())
    .addColumn('data', 'jsonb', (col) => col.notNull())
    .addColumn('occurred_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('dispatched_at', sql`timestamptz(3)`)
    .execute();
  await sql`create index events_undispatched_idx on events (seq) where dispatched_at is null`.execute(db);
  await sql`create index events_resource_idx on events (resource_id, seq)`.execute(db);

  // Stock changes from every writer (checkout's single statement, cancellations, admin edits) in one place: a
  // statement-level trigger that compares the old and new rows as sets, one event (and one NOTIFY on
  // nexus_stock, for live subscribers) per variant whose stock moved.
  await sql`
    create function emit_stock_changed() returns trigger language plpgsql as $$
    begin
      insert into events (type, resource_id, data)
      select 'stock.changed', n.id, jsonb_build_object('product_id', n.product_id, 'variant_id', n.id, 'stock', n.stock)
        from new_rows n join old_rows o on o.id = n.id
       where n.stock is distinct from o.stock
       order by n.id;
      -- Live stock (the SSE stream): every server process LISTENs; NOTIFY is delivered when this commits.
      perform pg_notify('nexus_stock', json_build_object('product_id', n.product_id, 'variant_id', n.id, 'stock', n.stock)::text)
         from new_rows n join old_rows o on o.id = n.id
        where n.stock is distinct from o.stock;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger product_variants_emit_stock_changed after update on product_variants
      referencing old table as old_rows new table as new_rows
      for each statement execute function emit_stock_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger product_variants_emit_stock_changed on product_variants`.execute(db);
  await sql`drop function emit_stock_changed()`.execute(db);
  await db.schema.dropTable('events').execute();
}
