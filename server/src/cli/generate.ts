// pnpm db:generate --products 1000000 [--categories 300] [--seed 42]: a deterministic large catalogue
// in DATABASE_URL (or the embedded database). Replaces the existing catalogue; users are untouched.
import { parseArgs } from 'node:util';
import { generateCatalogue } from '../seed/generate-catalogue.js';
import { withCliDatabase } from './cli-database.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    categories: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
  },
});
const options = { products: Number(values.products), categories: Number(values.categories), seed: Number(values.seed) };
if (
  ![options.products, options.categories, options.seed].every((n) => Number.isInteger(n) && n >= 0) ||
  options.categories < 1
) {
  console.error('usage: pnpm db:generate --products N [--categories N] [--seed N] (non-negative integers)');
  process.exit(2);
}

const started = Date.now();
await withCliDatabase(async (db) => {
  const result = await generateCatalogue(db, {
    ...options,
    onProgress: (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`),
  });
  console.log(
    `Generated ${result.categories} categories and ${result.products} products (seed ${options.seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
});
