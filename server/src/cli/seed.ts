// pnpm db:seed: loads the demo catalogue into DATABASE_URL (or the embedded database), migrating first. Idempotent.
import { createDb, migrateToLatest, startEmbeddedPostgres } from '@nexus/db';
import { loadConfig } from '../config.js';
import { seedDemoCatalogue } from '../seed/demo-catalogue.js';

try {
  process.loadEnvFile();
} catch {
  // no .env
}
const { config } = loadConfig(process.env);
const embedded = config.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT });
const db = createDb({ connectionString: config.DATABASE_URL ?? embedded!.url, max: 2 });
try {
  await migrateToLatest(db);
  const added = await seedDemoCatalogue(db);
  console.log(`Demo catalogue: added ${added.categories} categories and ${added.products} products (existing rows left as they were).`);
} finally {
  await db.destroy();
  await embedded?.stop();
}
