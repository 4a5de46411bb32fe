import type { Kysely } from 'kysely';
import type { Role, TokenPair } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { withTransaction, type Db } from '../../database/transaction.js';
import type { TokenService } from './tokens.js';
import {
  insertRefreshToken,
  insertSessionFamily,
  lockRefreshToken,
  markRotated,
  revokeFamilies,
  touchSession,
} from './sessions.queries.js';
import type { SessionClient } from '../../http/client-address.js';

/** Starts a login family for the user and returns its first token pair. */
export async function openSession(
  db: Db,
  tokens: TokenService,
  user: { id: string; role: Role },
  client: SessionClient,
): Promise<TokenPair> {
  const refresh = tokens.newRefresh();
  const familyId = await insertSessionFamily(db, user.id, refresh, client);
  return { access: tokens.signAccess({ sub: user.id, role: user.role, sid: familyId }), refresh: refresh.token };
}

export type RotationResult =
  | { ok: true; pair: TokenPair }
  | { ok: false; code: 'invalid_token' | 'token_expired' | 'token_revoked' | 'token_reused' | 'account_disabled' };

/**
 * Exchanges a refresh token for a new pair in one transaction. A token that was already rotated is a
 * replay: its whole family is revoked (and that revocation is committed) before answering `token_reused`.
 */
export async function rotateRefreshToken(
  db: Kysely<DB>,
  tokens: TokenService,
  presented: string,
  client: SessionClient,
): Promise<RotationResult> {
  return withTransaction(db, async (trx): Promise<RotationResult> => {
    const current = await lockRefreshToken(trx, tokens.hashRefresh(presented));
    if (!current) return { ok: false, code: 'invalid_token' };
    if (!current.is_active) return { ok: false, code: 'account_disabled' };
    if (current.revoked_at) return { ok: false, code: 'token_revoked' };
    if (current.rotated_at) {
      await revokeFamilies(trx, { familyId: current.family_id }, 'reuse');
      return { ok: false, code: 'token_reused' };
    }
    if (current.expired) return { ok: false, code: 'token_expired' };
    await markRotated(trx, current.id);
    await touchSession(trx, current.family_id, client);
    const refresh = tokens.newRefresh();
    await insertRefreshToken(trx, current.family_id, refresh);
    const access = tokens.signAccess({ sub: current.user_id, role: current.role, sid: current.family_id });
    return { ok: true, pair: { access, refresh: refresh.token } };
  });
}
