import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

// The wire wants ISO 8601 strings and plain numbers; numeric (money) stays a string so it is never a float.
// Must agree with typeMapping in .kysely-codegenrc.json.
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === TIMESTAMPTZ_OID) return (value) => new Date(value).toISOString();
  if (oid === INT8_OID) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

export interface DbOptions {
  connectionString: string;
  /** Pool size per process. */
  max?: number;
  /**
   * How many callers may wait for a connection when all are busy; one more is refused at once with
   * PoolSaturatedError (shed early, rather than queue until a timeout). Unbounded when unset.
   */
  maxWaiting?: number;
  /** Longest wait for a connection (pooled or new), in milliseconds; default 5000. */
  connectionTimeoutMs?: number;
  /** Statement timeout in milliseconds; a runaway query is cancelled rather than holding a connection. */
  statementTimeoutMs?: number;
  /** Longest wait for a lock, in milliseconds: a statement stuck behind another transaction fails (55P03). */
  lockTimeoutMs?: number;
  applicationName?: string;
  /**
   * Told when a pooled connection dies, idle or checked out (database restart, failover, a terminated backend).
   * The query in flight fails with that error; the broken connection is discarded and replaced on demand.
   */
  onConnectionError?: (error: Error) => void;
}

/** Thrown instead of queueing when every connection is busy and `maxWaiting` callers already wait. */
export class PoolSaturatedError extends Error {
  readonly code = 'NEXUS_POOL_SATURATED';
  constructor(readonly waiting: number) {
    super(`Every database connection is busy and ${waiting} requests already wait for one`);
  }
}

/** A pg pool whose type parsers match the generated DB types, with a bounded wait queue. */
export function createPool(options: DbOptions): pg.Pool {
  const max = options.max ?? 10;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'nexus-commerce',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
    // A transaction left open by a bug must not hold its locks forever.
    idle_in_transaction_session_timeout: 60_000,
    types: { getTypeParser } as pg.CustomTypesConfig,
  });
  const onError = (error: Error) => options.onConnectionError?.(error);
  // pg-pool listens for errors on idle clients only (and re-emits them here); a checked-out client whose
  // connection dies emits 'error' itself, which with no listener is an uncaught exception.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));

  if (options.maxWaiting !== undefined) {
    const maxWaiting = options.maxWaiting;
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    pool.connect = ((
      callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: Error | boolean) => void) => void,
    ) => {
      const saturated = pool.idleCount === 0 && pool.totalCount >= max && pool.waitingCount >= maxWaiting;
      const result = saturated ? Promise.reject(new PoolSaturatedError(pool.waitingCount)) : connect();
      if (!callback) return result;
      result.then(
        (client) => callback(undefined, client, (release) => client.release(release)),
        (error: Error) => callback(error),
      );
      return undefined;
    }) as typeof pool.connect;
  }
  return pool;
}

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/** A Kysely instance over a new pool. `db.destroy()` closes the pool. */
export function createDb(options: DbOptions): Kysely<DB> {
  const pool = createPool(options);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** How busy the pool under `db` is (for metrics): connections open, idle, and callers waiting for one. */
export function poolUsage(db: Kysely<DB>): { total: number; idle: number; waiting: number } | undefined {
  const pool = pools.get(db);
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
