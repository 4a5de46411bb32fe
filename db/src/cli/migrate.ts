// pnpm db:migrate [--down]: migrates DATABASE_URL, or the embedded database under ./.data when it is unset.
import { createDb } from '../create-db.js';
import { migrateDownAll, migrateToLatest } from '../migrate.js';
import { startEmbeddedPostgres } from '../embedded-postgres.js';

if (typeof process.loadEnvFile === 'function') {
  try {
    process.loadEnvFile();
  } catch {
    // no .env: the environment alone configures us
  }
}

const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: process.env.EMBEDDED_PG_DATA_DIR ?? '.data/postgres',
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
const db = createDb({ connectionString: process.env.DATABASE_URL ?? embedded!.url, max: 1 });
try {
  const ran = process.argv.includes('--down') ? await migrateDownAll(db) : await migrateToLatest(db);
  console.log(ran.length ? ran.join('\n') : 'Already up to date.');
} finally {
  await db.destroy();
  await embedded?.stop();
}
