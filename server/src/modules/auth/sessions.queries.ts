import { sql, type Transaction } from 'kysely';
import type { DB, RefreshTokenFamilies } from '@nexus/db';
import type { Db } from '../../database/transaction.js';
import type { SessionClient } from '../../http/client-address.js';

/** How stale `last_used_at` may get before an access token's use refreshes it: one write per session this often. */
export const LAST_USED_RESOLUTION_SECONDS = 300;

type RevokeReason = NonNullable<RefreshTokenFamilies['revoked_reason']>;

/** Opens a login family and stores the hash of its first refresh token; returns the family id. */
export async function insertSessionFamily(
  db: Db,
  userId: string,
  refresh: { hash: Buffer; expiresAt: Date },
  client: SessionClient,
): Promise<string> {
  const family = await db
    .insertInto('refresh_token_families')
    .values({ user_id: userId, ip: client.ip, user_agent: client.userAgent })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertRefreshToken(db, family.id, refresh);
  return family.id;
}

export async function insertRefreshToken(
  db: Db,
  familyId: string,
  refresh: { hash: Buffer; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ family_id: familyId, token_hash: refresh.hash, expires_at: refresh.expiresAt.toISOString() })
    .execute();
}

/**
 * The refresh token with its family and user, row-locked: concurrent refreshes of one token queue here,
 * so only the first sees it unrotated.
 */
export function lockRefreshToken(trx: Transaction<DB>, tokenHash: Buffer) {
  return trx
    .selectFrom('refresh_tokens as t')
    .innerJoin('refresh_token_families as f', 'f.id', 't.family_id')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select([
      't.id',
      't.family_id',
      't.rotated_at',
      sql<boolean>`t.expires_at <= now()`.as('expired'),
      'f.revoked_at',
      'u.id as user_id',
      'u.role',
      'u.is_active',
    ])
    .where('t.token_hash', '=', tokenHash)
    .forUpdate('t')
    .executeTakeFirst();
}

export async function markRotated(trx: Transaction<DB>, tokenId: string): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ rotated_at: sql`now()` })
    .where('id', '=', tokenId)
    .execute();
}

/** Revokes one login family, or every live family of a user (password change, deactivation). */
export async function revokeFamilies(
  db: Db,
  scope: { familyId: string } | { userId: string },
  reason: RevokeReason,
): Promise<void> {
  await db
    .updateTable('refresh_token_families')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where((eb) => ('familyId' in scope ? eb('id', '=', scope.familyId) : eb('user_id', '=', scope.userId)))
    .where('revoked_at', 'is', null)
    .execute();
}

export function findFamilyIdByToken(db: Db, tokenHash: Buffer): Promise<string | undefined> {
  return db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
    .then((row) => row?.family_id);
}

/** What the access-token check needs: the user's current role and state, and whether the login is still alive. */
export function findPrincipal(db: Db, userId: string, familyId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('refresh_token_families as f', (join) => join.on('f.id', '=', familyId).onRef('f.user_id', '=', 'u.id'))
    .select([
      'u.id',
      'u.role',
      'u.is_active',
      'f.id as family_id',
      'f.revoked_at',
      sql<boolean>`f.last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS})`.as('stale'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Marks a login used now, and (at refresh) from where. */
export async function touchSession(db: Db, familyId: string, client?: SessionClient): Promise<void> {
  await db
    .updateTable('refresh_token_families')
    .set({ last_used_at: sql`now()`, ...(client ? { ip: client.ip, user_agent: client.userAgent } : {}) })
    .where('id', '=', familyId)
    .execute();
}

/**
 * A user's live logins, newest first (`refresh_token_families_user_live_idx`): not revoked, and holding a refresh
 * token that is neither rotated nor expired.
 */
export function listSessions(db: Db, userId: string) {
  return db
    .selectFrom('refresh_token_families as f')
    .select(['f.id', 'f.created_at', 'f.last_used_at', 'f.user_agent', 'f.ip'])
    .where('f.user_id', '=', userId)
    .where('f.revoked_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('refresh_tokens as t')
          .select(sql`1`.as('one'))
          .whereRef('t.family_id', '=', 'f.id')
          .where('t.rotated_at', 'is', null)
          .where('t.expires_at', '>', sql<string>`now()`),
      ),
    )
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
}

/** Ends one of the user's logins; false when it is not one of theirs, or already ended. */
export async function endSession(db: Db, userId: string, familyId: string): Promise<boolean> {
  const ended = await db
    .updateTable('refresh_token_families')
    .set({ revoked_at: sql`now()`, revoked_reason: 'logout' })
    .where('id', '=', familyId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return ended !== undefined;
}
