import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';

/**
 * A DBA's exclusive lock on category_product_counts, held until `release()`. Page-mode catalogue lists count
 * through that table, so each of them then holds its connection (and any slot) for as long as the test likes,
 * while product details never touch it.
 */
export async function holdCountsLock(databaseUrl: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'nexus-test-dba' });
  await client.connect();
  await client.query('begin');
  await client.query('lock table category_product_counts in access exclusive mode');
  return {
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

/** Deadlocks PostgreSQL has detected in this database so far (the transaction helper would hide retried ones). */
export async function deadlocksIn(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select deadlocks as n from pg_stat_database where datname = current_database()`.execute(db);
  return Number(rows[0]!.n);
}
