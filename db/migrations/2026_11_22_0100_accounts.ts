import { sql, type Kysely } from 'kysely';

// Users, refresh-token families and the login throttle. Frozen once landed: change the schema in a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create function set_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := now();
      return new;
    end $$`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`email = lower(email) and char_length(email) <= 254`),
    )
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull().check(sql`char_length(first_name) <= 100`))
    .addColumn('last_name', 'text', (col) => col.notNull().check(sql`char_length(last_name) <= 100`))
    .addColumn('phone_number', 'text', (col) => col.check(sql`char_length(phone_number) <= 32`))
    .addColumn('role', 'text', (col) =>
      col
        .notNull()
        .defaultTo('customer')
        .check(sql`role in ('customer', 'admin')`),
    )
    .addColumn('is_active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger users_set_updated_at before update on users for each row execute function set_updated_at()`.execute(
    db,
  );
  // Admin listing: newest first with id as the tie-breaker.
  await db.schema.createIndex('users_created_at_id_idx').on('users').columns(['created_at desc', 'id desc']).execute();
  // Admin search is a substring match over email and names: trigram GIN serves ILIKE '%…%'.
  await sql`create index users_search_trgm_idx on users using gin ((email || ' ' || first_name || ' ' || last_name) gin_trgm_ops)`.execute(
    db,
  );

  // One family per login; every rotated refresh token of that login belongs to it, so reuse revokes them all.
  await db.schema
    .createTable('refresh_token_families')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text', (col) =>
      col.check(sql`revoked_reason in ('logout', 'reuse', 'password_change', 'deactivated')`),
    )
    .addCheckConstraint('refresh_token_families_revoked_chk', sql`(revoked_at is null) = (revoked_reason is null)`)
    .execute();
  await db.schema
    .createIndex('refresh_token_families_user_id_idx')
    .on('refresh_token_families')
    .column('user_id')
    .execute();

  // Only a SHA-256 of each token is stored: a database leak yields no usable token.
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (col) => col.notNull().references('refresh_token_families.id').onDelete('cascade'))
    .addColumn('token_hash', 'bytea', (col) => col.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('rotated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('refresh_tokens_family_id_idx').on('refresh_tokens').column('family_id').execute();

  // Fixed-window failure counters shared by every server process (used when REDIS_URL is not set).
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull().check(sql`failures > 0`))
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('refresh_tokens').execute();
  await db.schema.dropTable('refresh_token_families').execute();
  await db.schema.dropTable('users').execute();
  await sql`drop function set_updated_at()`.execute(db);
}
