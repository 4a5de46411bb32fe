import { sql, type Kysely } from 'kysely';

// Attempt counters replace the failure-only login_throttle: an attempt is counted (reserved) before the
// password is verified, so a burst cannot slip past the limit, and a key may be slowed (blocked_until a
// short, growing delay) rather than locked for the whole window.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('attempts', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .execute();
  // The sweep of ended windows.
  await db.schema
    .createIndex('attempt_counters_window_ends_at_idx')
    .on('attempt_counters')
    .column('window_ends_at')
    .execute();
  await db.schema.dropTable('login_throttle').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull().check(sql`failures > 0`))
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.dropTable('attempt_counters').execute();
}
