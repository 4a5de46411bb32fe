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
  /** Statement timeout in milliseconds; a runaway query is cancelled rather than holding a connection. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Told when an idle pooled connection dies (database restart, failover); the pool replaces it on demand. */
  onIdleClientError?: (error: Error) => void;
}

/** A pg pool whose type parsers match the generated DB types. */
export function createPool(options: DbOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'nexus-commerce',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    types: { getTypeParser } as pg.CustomTypesConfig,
  });
  // Without a listener, an idle client's error is an unhandled 'error' event and takes the process down.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  return pool;
}

/** A Kysely instance over a new pool. `db.destroy()` closes the pool. */
export function createDb(options: DbOptions): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPool(options) }) });
}
