import { sql, type IsolationLevel, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import { RETRYABLE_SQLSTATES } from './database-errors.js';

/** A connection or an open transaction: what read and single-statement query functions take. */
export type Db = Kysely<DB> | Transaction<DB>;

/** What a transaction body may register: work that must happen only once its changes are committed. */
export interface TransactionScope {
  /** Runs after COMMIT, in registration order, before withTransaction resolves; never after a rollback. */
  afterCommit(hook: () => Promise<unknown> | unknown): void;
}

export interface TransactionOptions {
  /** Default `read committed`. Use `serializable` when the body reads, decides and writes without row locks. */
  isolation?: IsolationLevel;
  /** Longest wait for a row or table lock, in milliseconds (55P03 past it → 503); default DATABASE_LOCK_TIMEOUT. */
  lockTimeoutMs?: number;
  /** Attempts in all when PostgreSQL aborts the transaction for a serialization failure or a deadlock. Default 3. */
  maxAttempts?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way multi-statement writes open a transaction. A serialization failure or deadlock (40001, 40P01)
 * aborts the whole transaction, so the whole body runs again, up to `maxAttempts` with jittered back-off; the
 * body must therefore be free of outside effects, which belong in `afterCommit`. Past the last attempt the
 * error propagates and is answered 409 `write_conflict`.
 */
export async function withTransaction<T>(
  db: Kysely<DB>,
  body: (trx: Transaction<DB>, scope: TransactionScope) => Promise<T>,
  { isolation = 'read committed', lockTimeoutMs, maxAttempts = 3 }: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const hooks: Array<() => Promise<unknown> | unknown> = [];
    let result: T;
    try {
      result = await db
        .transaction()
        .setIsolationLevel(isolation)
        .execute(async (trx) => {
          if (lockTimeoutMs !== undefined) {
            await sql`select set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)`.execute(trx);
          }
          return body(trx, { afterCommit: (hook) => void hooks.push(hook) });
        });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE_SQLSTATES.has(code) || attempt >= maxAttempts) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
      continue;
    }
    // Committed: from here nothing may run the body again.
    for (const hook of hooks) await hook();
    return result;
  }
}
