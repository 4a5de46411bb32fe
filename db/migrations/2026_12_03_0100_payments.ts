import { sql, type Kysely } from 'kysely';

// Payments of orders through a provider (Stripe PaymentIntents, or the development `test` provider), and the
// provider events already applied: each event id is recorded in the transaction that applies it, so a
// redelivered or concurrent duplicate finds it there and changes nothing.

const PAYMENT_STATUSES = `'requires_action', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded'`;
const PROVIDERS = `'stripe', 'test'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('order_id', 'uuid', (col) => col.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('provider', 'text', (col) => col.notNull().check(sql.raw(`provider in (${PROVIDERS})`)))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('requires_action')
        .check(sql.raw(`status in (${PAYMENT_STATUSES})`)),
    )
    .addColumn('amount', sql`numeric(14, 2)`, (col) => col.notNull().check(sql`amount >= 0`))
    .addColumn('currency', sql`char(3)`, (col) => col.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    // The provider's id for it (a PaymentIntent id): how its events find the payment. Null while the provider is
    // being asked: the row is reserved first, and the provider is called with no transaction open.
    .addColumn('reference', 'text')
    .addColumn('client_secret', 'text')
    // Set in the transaction that makes a refund owed (a paid order cancelled, a payment succeeding for an
    // order that no longer wants it); the refund itself is asked of the provider after commit, and retried by
    // the maintenance sweep until the provider confirms it.
    .addColumn('refund_requested_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payments_provider_reference_key', ['provider', 'reference'])
    .addCheckConstraint('payments_handle_chk', sql`(reference is null) = (client_secret is null)`)
    .execute();
  await sql`create trigger payments_set_updated_at before update on payments for each row execute function set_updated_at()`.execute(
    db,
  );
  // An order has at most one payment in progress: two tabs creating one at once get the same payment.
  await sql`create unique index payments_one_open_per_order on payments (order_id)
              where status in ('requires_action', 'processing')`.execute(db);
  // An order's payments newest first, and its payment_status.
  await sql`create index payments_order_created_at_idx on payments (order_id, created_at, id)`.execute(db);
  // The sweep's worklist: refunds owed and not yet confirmed.
  await sql`create index payments_refund_owed_idx on payments (refund_requested_at)
              where status = 'succeeded' and refund_requested_at is not null`.execute(db);

  await db.schema
    .createTable('payment_events')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('payment_id', 'uuid', (col) => col.references('payments.id').onDelete('cascade'))
    .addColumn('received_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payment_events_pkey', ['provider', 'event_id'])
    .execute();
  await sql`create index payment_events_payment_id_idx on payment_events (payment_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payment_events').execute();
  await db.schema.dropTable('payments').execute();
}
