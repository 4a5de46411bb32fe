import type { Kysely } from 'kysely';
import { createDb, migrateToLatest, startEmbeddedPostgres, type DB } from '@nexus/db';
import { loadConfig } from '../config.js';

/**
 * Runs a maintenance script against the database the server would use: DATABASE_URL, or the embedded one
 * under EMBEDDED_PG_DATA_DIR (started for the script and stopped after). Migrates first; no statement timeout.
 */
export async function withCliDatabase(run: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // no .env: the environment alone configures the script
  }
  const { config } = loadConfig(process.env);
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT });
  const db = createDb({ connectionString: config.DATABASE_URL ?? embedded!.url, max: 2, statementTimeoutMs: 0 });
  try {
    await migrateToLatest(db);
    await run(db);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}
