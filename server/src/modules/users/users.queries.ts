import { sql, type ExpressionBuilder } from 'kysely';
import type { AdminUpdateUserBody, Role, UpdateMeBody, User, UserListQuery } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

/** The columns that make a wire `user`: never the password hash. */
export const userColumns = [
  'users.id',
  'users.email',
  'users.first_name',
  'users.last_name',
  'users.phone_number',
  'users.role',
  'users.is_active',
  'users.created_at',
  'users.updated_at',
] as const;

export function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** The user with their password hash, for verifying a login or a password change. */
export function findCredentialsByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findPasswordHash(db: Db, id: string): Promise<string | undefined> {
  return db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) => row?.password_hash);
}

export function insertUser(
  db: Db,
  user: { email: string; password_hash: string; first_name: string; last_name: string; role?: Role },
): Promise<User> {
  return db
    .insertInto('users')
    .values({ ...user, role: user.role ?? 'customer' })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

/** The bootstrap admin: created, or promoted and given this password if the email exists. */
export function upsertAdmin(db: Db, email: string, passwordHash: string): Promise<User> {
  return db
    .insertInto('users')
    .values({ email, password_hash: passwordHash, first_name: 'Admin', last_name: '', role: 'admin' })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({ role: 'admin', is_active: true, password_hash: (eb) => eb.ref('excluded.password_hash') }),
    )
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export function updateUser(
  db: Db,
  id: string,
  changes: UpdateMeBody | AdminUpdateUserBody | { password_hash: string },
): Promise<User | undefined> {
  if (Object.keys(changes).length === 0) return findUserById(db, id);
  return db.updateTable('users').set(changes).where('id', '=', id).returning(userColumns).executeTakeFirst();
}

export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// Must be the exact expression of users_search_trgm_idx so the trigram index serves the ILIKE.
const searchText = sql<string>`(users.email || ' ' || users.first_name || ' ' || users.last_name)`;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function matchesFilters(query: UserListQuery) {
  return (eb: ExpressionBuilder<DB, 'users'>) =>
    eb.and([
      ...(query.role ? [eb('users.role', '=', query.role)] : []),
      ...(query.search ? [eb(searchText, 'ilike', `%${escapeLike(query.search)}%`)] : []),
    ]);
}

/** A page of users, newest first (ties by id), and the total count. */
export async function listUsers(db: Db, query: UserListQuery): Promise<{ count: number; rows: User[] }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('users')
      .select(userColumns)
      .where(matchesFilters(query))
      .orderBy('users.created_at', 'desc')
      .orderBy('users.id', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(matchesFilters(query))
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}
