import { sql, type Kysely } from 'kysely';

// Product images: the original (oriented, metadata stripped) in storage under `storage_key`, and thumbnails made
// in the background. A new image is `pending` with no job yet (`queued_at` null): the relay claims such rows and
// writes their jobs in its own transaction, as it does for mail and webhook deliveries, so an upload and its job
// exist together or not at all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_images')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('product_id', 'uuid', (col) => col.notNull().references('products.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull().check(sql`position >= 0`))
    .addColumn('alt', 'text', (col) =>
      col
        .notNull()
        .defaultTo('')
        .check(sql`char_length(alt) <= 500`),
    )
    .addColumn('format', 'text', (col) => col.notNull().check(sql`format in ('jpeg', 'png', 'webp', 'avif')`))
    .addColumn('width', 'integer', (col) => col.notNull().check(sql`width > 0`))
    .addColumn('height', 'integer', (col) => col.notNull().check(sql`height > 0`))
    .addColumn('bytes', 'integer', (col) => col.notNull().check(sql`bytes > 0`))
    .addColumn('storage_key', 'text', (col) => col.notNull().unique())
    // {small, medium, large}: each {key, width, height}; null until made.
    .addColumn('thumbnails', 'jsonb')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'ready', 'failed')`),
    )
    .addColumn('queued_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger product_images_set_updated_at before update on product_images
    for each row execute function set_updated_at()`.execute(db);
  // A product's images in order (embedded in every product answer); also serves the foreign key.
  await sql`create index product_images_product_position_idx on product_images (product_id, position, id)`.execute(db);
  // The relay's question: images waiting for a thumbnail job.
  await sql`create index product_images_unqueued_idx on product_images (seq) where status = 'pending' and queued_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_images').execute();
}
