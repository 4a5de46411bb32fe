// pnpm db:seed: loads the demo catalogue into DATABASE_URL (or the embedded database), migrating first. Idempotent.
import { seedDemoCatalogue } from '../seed/demo-catalogue.js';
import { withCliDatabase } from './cli-database.js';

await withCliDatabase(async (db) => {
  const added = await seedDemoCatalogue(db);
  console.log(
    `Demo catalogue: added ${added.categories} categories and ${added.products} products (existing rows left as they were).`,
  );
});
