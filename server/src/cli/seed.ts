// pnpm db:seed: loads the demo catalogue into DATABASE_URL (or the embedded database), migrating first. Idempotent.
import { seedDemoCatalogue } from '../seed/demo-catalogue.js';
import { withCliDatabase } from './cli-database.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createMediaStorage } from '../modules/images/media-storage.js';

await withCliDatabase(async (db) => {
  const { config } = loadConfig(process.env);
  const added = await seedDemoCatalogue({ db, media: createMediaStorage(config), logger: createLogger(config) });
  console.log(
    `Demo catalogue: added ${added.categories} categories, ${added.products} products and ${added.images} images (existing rows left as they were; thumbnails are made by the worker).`,
  );
});
