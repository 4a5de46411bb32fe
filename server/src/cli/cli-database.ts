import type { Kysely } from 'kysely';
import { createDb, migrateToLatest, type DB } from '@nexus/db';
import { loadConfig, loadDotEnv } from '../config.js';
import { openDatabase } from '../server.js';

/**
 * Runs a maintenance script against the database the server would use: DATABASE_URL, or the embedded one
 * under EMBEDDED_PG_DATA_DIR (started for the script and stopped after). Migrates first unless told not to;
 * no statement timeout.
 */
export async function withCliDatabase(run: (db: Kysely<DB>) => Promise<void>, { migrate = true } = {}): Promise<void> {
  loadDotEnv();
  const { config } = loadConfig(process.env);
  const { url, embedded } = await openDatabase(config);
  const db = createDb({ connectionString: url, max: 2, statementTimeoutMs: 0 });
  try {
    if (migrate) await migrateToLatest(db);
    await run(db);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}
