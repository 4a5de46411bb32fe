import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { emitEvent } from '../events/outbox.js';
import { passwordResetMail } from '../mail/mail-templates.js';
import { fileMail } from '../mail/mail.queries.js';
import { findCredentialsByEmail, updateUser } from '../users/users.queries.js';
import { revokeFamilies } from './sessions.queries.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/**
 * For an active account: a one-time token (256 random bits; only its SHA-256 is kept), the
 * `user.password_reset_requested` event ({id, email}, no token) and the e-mail with the link, in one transaction.
 * Nothing for an unknown or deactivated address. The route answers 202 before this runs, so the two cannot be
 * told apart, by body or by time.
 */
export async function requestPasswordReset(deps: Pick<Deps, 'db' | 'config'>, email: string): Promise<void> {
  const { db, config } = deps;
  const user = await findCredentialsByEmail(db, email);
  if (!user || !user.is_active) return;
  const token = `pr_${randomBytes(32).toString('base64url')}`;
  const link = new URL(config.PASSWORD_RESET_URL);
  link.searchParams.set('token', token);
  await withTransaction(db, async (trx) => {
    await trx
      .insertInto('password_reset_tokens')
      .values({
        token_hash: hashOf(token),
        user_id: user.id,
        expires_at: sql<string>`now() + make_interval(secs => ${config.PASSWORD_RESET_TTL})`,
      })
      .execute();
    const eventId = await emitEvent(trx, 'user.password_reset_requested', user.id, { id: user.id, email: user.email });
    const mail = passwordResetMail(
      { email: user.email, link: link.toString(), minutes: Math.round(config.PASSWORD_RESET_TTL / 60) },
      config,
    );
    // Pending either way: the worker, which knows whether it has SMTP, sends it or files it in the mailbox.
    await fileMail(trx, { ...mail, eventId, to: user.email }, true);
  });
}

/** A token that may still reset a password: known, unused, unexpired, of an active account. */
function findUsableToken(db: Deps['db'], token: string) {
  return db
    .selectFrom('password_reset_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.user_id'])
    .where('t.token_hash', '=', hashOf(token))
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', sql<string>`now()`)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
}

/**
 * Sets the new password if the token is usable, once: the token row is locked and re-checked in the transaction,
 * so two uses at once change the password once. Every reset token of the account is used up and every session
 * ends. The password is hashed before the transaction (argon2 takes tens of milliseconds: no lock is held for
 * it), and only for a token that looked usable. Answers whether the password changed.
 */
export async function resetPassword(
  deps: Pick<Deps, 'db' | 'passwords'>,
  token: string,
  newPassword: string,
  signal: AbortSignal,
): Promise<boolean> {
  if (!(await findUsableToken(deps.db, token))) return false;
  const passwordHash = await deps.passwords.hash(newPassword, signal);
  return withTransaction(deps.db, async (trx) => {
    const locked = await trx
      .selectFrom('password_reset_tokens')
      .select(['user_id'])
      .where('token_hash', '=', hashOf(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<string>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return false;
    await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: sql`now()` })
      .where('user_id', '=', locked.user_id)
      .where('used_at', 'is', null)
      .execute();
    await updateUser(trx, locked.user_id, { password_hash: passwordHash });
    await revokeFamilies(trx, { userId: locked.user_id }, 'password_change');
    return true;
  });
}
