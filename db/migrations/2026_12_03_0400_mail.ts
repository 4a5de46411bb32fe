import { sql, type Kysely } from 'kysely';

// E-mails the worker renders from events: sent through SMTP (SMTP_URL), or kept here as the admin mailbox.
// One mail per (event, kind), so an event handed on twice (at-least-once) still makes one mail.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order mail was written in (several share a timestamp when one relay batch writes them).
    .addColumn('seq', 'bigint', (col) => col.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'uuid', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('to', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    // pending → sent (through SMTP) | stored (no SMTP: kept in the mailbox); failed while retrying; dead at last.
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'stored', 'failed', 'dead')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', sql`timestamptz(3)`)
    // When its send job was queued (SMTP only): the relay queues every pending mail that has none yet.
    .addColumn('queued_at', sql`timestamptz(3)`)
    .addUniqueConstraint('mail_event_id_kind_key', ['event_id', 'kind'])
    .execute();
  // The mailbox newest first (the unique index on seq), or for one address.
  await sql`create index mail_to_seq_idx on mail ("to", seq)`.execute(db);
  await sql`create index mail_unqueued_idx on mail (seq) where status = 'pending' and queued_at is null`.execute(db);
  // The admin's backlog counts look only at what is not delivered yet.
  await sql`create index mail_undelivered_idx on mail (status) where status in ('pending', 'failed', 'dead')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail').execute();
}
