// pnpm db:migrate [--down]: migrates DATABASE_URL, or the embedded database under .data when it is unset.
import { migrateDownAll, migrateToLatest } from '@nexus/db';
import { withCliDatabase } from './cli-database.js';

await withCliDatabase(
  async (db) => {
    const ran = process.argv.includes('--down') ? await migrateDownAll(db) : await migrateToLatest(db);
    console.log(ran.length ? ran.join('\n') : 'Already up to date.');
  },
  { migrate: false },
);
