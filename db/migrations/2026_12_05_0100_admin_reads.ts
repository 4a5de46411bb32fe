import { sql, type Kysely } from 'kysely';

// Reads of the admin dashboard. Every review newest first, across products (`GET /reviews`): the per-product
// indexes cannot serve it. Variants running out (`GET /admin/stats`): a partial index, so the few low ones are
// read in (stock, sku) order without touching the bulk of the variants; 50 is the largest threshold the API takes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index reviews_created_at_id_idx on reviews (created_at, id)`.execute(db);
  await sql`create index product_variants_low_stock_idx on product_variants (stock, sku) where stock < 50`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index product_variants_low_stock_idx`.execute(db);
  await sql`drop index reviews_created_at_id_idx`.execute(db);
}
