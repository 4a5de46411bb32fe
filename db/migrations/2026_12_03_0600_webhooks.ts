import { sql, type Kysely } from 'kysely';

// Outgoing webhooks: subscriptions to event types, and one delivery per (webhook, event) with its attempts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('url', 'text', (col) => col.notNull().check(sql`char_length(url) <= 2000`))
    .addColumn('events', sql`text[]`, (col) => col.notNull().check(sql`cardinality(events) > 0`))
    .addColumn('description', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 500`),
    )
    // The HMAC key deliveries are signed with; shown in full once, at creation.
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('is_active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger webhooks_set_updated_at before update on webhooks for each row execute function set_updated_at()`.execute(
    db,
  );
  // The relay's question for every event: which active webhooks want this type.
  await sql`create index webhooks_events_idx on webhooks using gin (events) where is_active`.execute(db);

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (col) => col.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn('webhook_id', 'uuid', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'uuid', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'succeeded', 'failed', 'dead')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', sql`timestamptz(3)`)
    // When its job was queued; null: the relay queues it (new, or retried by an admin).
    .addColumn('queued_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('webhook_deliveries_webhook_event_key', ['webhook_id', 'event_id'])
    .execute();
  await sql`create index webhook_deliveries_webhook_seq_idx on webhook_deliveries (webhook_id, seq)`.execute(db);
  await sql`create index webhook_deliveries_unqueued_idx on webhook_deliveries (seq)
              where status = 'pending' and queued_at is null`.execute(db);
  await sql`create index webhook_deliveries_undelivered_idx on webhook_deliveries (status)
              where status in ('pending', 'failed', 'dead')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
