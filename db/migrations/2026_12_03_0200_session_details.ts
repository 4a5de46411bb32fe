import { sql, type Kysely } from 'kysely';

// What a user sees of their logins (GET /users/me/sessions): the device and address a login came from, and when
// it was last used. Written at login and refresh; an access token's use refreshes last_used_at at most every few
// minutes, so keeping it costs no write per request.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('refresh_token_families')
    .addColumn('last_used_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('user_agent', 'text', (col) => col.check(sql`char_length(user_agent) <= 512`))
    .addColumn('ip', 'text', (col) => col.check(sql`char_length(ip) <= 64`))
    .execute();
  // A user's live logins, newest first.
  await sql`create index refresh_token_families_user_live_idx on refresh_token_families (user_id, created_at, id)
              where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index refresh_token_families_user_live_idx`.execute(db);
  await db.schema
    .alterTable('refresh_token_families')
    .dropColumn('last_used_at')
    .dropColumn('user_agent')
    .dropColumn('ip')
    .execute();
}
