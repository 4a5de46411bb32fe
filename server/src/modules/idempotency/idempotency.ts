import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import { withTransaction, type Db } from '../../database/transaction.js';
import { AppError } from '../../errors.js';

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** What an idempotent handler answers: a status, a body, and the headers that belong to it (`X-Cart-Token`). */
export interface StoredAnswer<S extends number = number, B = unknown> {
  status: S;
  body: B;
  headers?: Record<string, string>;
}

/** Who sends the key (a user, a guest cart), the key, and what it is sent with: operation name and body. */
export interface IdempotentRequest {
  owner: string;
  key: string | undefined;
  operation: string;
  body: unknown;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a write at most once per Idempotency-Key. Built once for every idempotent route (checkout, add to cart,
 * payments): the handler's writes and the stored answer commit in one transaction, so an answer is never stored
 * for work that did not happen, nor work done without its answer.
 *
 * - No key: `run` simply runs in a transaction, or, when the caller declares it `atomic` (one write statement,
 *   atomic on its own, as checkout and add-to-cart are), directly on the pool: no BEGIN and COMMIT round trips.
 * - A transaction-scoped advisory lock on (owner, key) is taken first: a repeat while the first still runs is
 *   409 `idempotency_key_in_flight` at once, and a crash releases the lock with the rollback.
 * - A stored answer for the key: the same request (operation and body) gets it again with
 *   `Idempotent-Replayed: true` and changes nothing; another request is 422 `idempotency_key_reused`.
 * - Answers are stored unless they are 5xx; a thrown error stores nothing, so a retry runs afresh.
 * - `prepare`, when given, runs first and outside any transaction, unless the key already has an answer: for
 *   idempotent work with an outside effect, such as asking a payment provider, that must hold no lock meanwhile.
 */
export async function withIdempotency<A extends StoredAnswer>(
  db: Kysely<DB>,
  request: IdempotentRequest,
  res: Response,
  run: (trx: Transaction<DB>) => Promise<A>,
  options?: { prepare?: () => Promise<unknown> },
): Promise<A>;
export async function withIdempotency<A extends StoredAnswer>(
  db: Kysely<DB>,
  request: IdempotentRequest,
  res: Response,
  run: (db: Db) => Promise<A>,
  options: { atomic: true },
): Promise<A>;
export async function withIdempotency<A extends StoredAnswer>(
  db: Kysely<DB>,
  request: IdempotentRequest,
  res: Response,
  run: (trx: Transaction<DB>) => Promise<A>,
  { atomic = false, prepare }: { atomic?: boolean; prepare?: () => Promise<unknown> } = {},
): Promise<A> {
  const answer = await answerOnce(db, request, run, { atomic, prepare });
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  return answer;
}

async function answerOnce<A extends StoredAnswer>(
  db: Kysely<DB>,
  request: IdempotentRequest,
  run: (trx: Transaction<DB>) => Promise<A>,
  { atomic, prepare }: { atomic: boolean; prepare: (() => Promise<unknown>) | undefined },
): Promise<A> {
  if (prepare) {
    // `prepare` holds work that must not hold a connection or a lock (a payment provider's call): it is itself
    // idempotent, runs outside the transaction, and never runs for a replay.
    const stored = request.key ? await storedAnswer(db, request) : undefined;
    if (stored) return stored as A;
    await prepare();
  }
  // Only the `atomic` overload, whose `run` takes any Db, is ever given the pool itself.
  return !request.key && atomic
    ? run(db as unknown as Transaction<DB>)
    : withTransaction(db, (trx) => runOnce(trx, request, run));
}

const fingerprintOf = (request: IdempotentRequest) =>
  createHash('sha256')
    .update(`${request.operation}\n${canonical(request.body)}`)
    .digest();

/** The answer stored for the request's key, marked replayed; 422 when the key was used for another request. */
async function storedAnswer(db: Db, request: IdempotentRequest): Promise<StoredAnswer | undefined> {
  const stored = await db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'body', 'headers'])
    .where('owner', '=', request.owner)
    .where('key', '=', request.key!)
    .where('expires_at', '>', sql<string>`now()`)
    .executeTakeFirst();
  if (!stored) return undefined;
  if (!stored.fingerprint.equals(fingerprintOf(request))) {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request; use a new key',
    );
  }
  const headers = { ...(stored.headers as Record<string, string>), 'Idempotent-Replayed': 'true' };
  return { status: stored.status, body: stored.body, headers };
}

/** The write of `withIdempotency` inside its transaction: checked against, and stored with, its key. */
async function runOnce<A extends StoredAnswer>(
  trx: Transaction<DB>,
  request: IdempotentRequest,
  run: (trx: Transaction<DB>) => Promise<A>,
): Promise<A> {
  const { owner, key } = request;
  if (!key) return run(trx);
  const fingerprint = fingerprintOf(request);
  const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtextextended(${`${owner}\n${key}`}, 0)) as locked`.execute(trx);
  if (!rows[0]!.locked)
    throw new AppError(
      'idempotency_key_in_flight',
      'A request with this Idempotency-Key is still running; retry shortly',
      undefined,
      { 'Retry-After': '1' },
    );
  const stored = await storedAnswer(trx, request);
  if (stored) return stored as A;
  const fresh = await run(trx);
  if (fresh.status < 500) {
    await trx
      .insertInto('idempotency_keys')
      .values({
        owner,
        key,
        fingerprint,
        status: fresh.status,
        body: JSON.stringify(fresh.body ?? null),
        headers: JSON.stringify(fresh.headers ?? {}),
        expires_at: sql<string>`now() + make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`,
      })
      .onConflict((oc) =>
        oc.columns(['owner', 'key']).doUpdateSet((eb) => ({
          fingerprint: eb.ref('excluded.fingerprint'),
          status: eb.ref('excluded.status'),
          body: eb.ref('excluded.body'),
          headers: eb.ref('excluded.headers'),
          created_at: sql`now()`,
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
  }
  return fresh;
}

/** Deletes answers past their 24 hours; returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Kysely<DB>): Promise<number> {
  const result = await sql`
    delete from idempotency_keys where (owner, key) in (
      select owner, key from idempotency_keys where expires_at < now() limit 1000 for update skip locked)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
