import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Image } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';
import { renumberPositions } from '../../database/positions.js';
import type { ImageFormat, Thumbnail } from './image-processing.js';

/** The wire `image` of the row aliased `i`, built in SQL; URLs are `mediaBase` + the stored key. */
function imageObject(mediaBase: string): RawBuilder<Image> {
  const url = (key: RawBuilder<unknown>) => sql`${mediaBase} || ${key}`;
  const thumbnail = (size: string) => url(sql`(i.thumbnails -> ${size} ->> 'key')`);
  return sql<Image>`jsonb_build_object(
    'id', i.id, 'url', ${url(sql`i.storage_key`)}, 'alt', i.alt, 'width', i.width, 'height', i.height,
    'position', i.position,
    'thumbnails', jsonb_build_object('small', ${thumbnail('small')}, 'medium', ${thumbnail('medium')}, 'large', ${thumbnail('large')}))`;
}

/** A product's images in position order, for the product row aliased `p` (product_images_product_position_idx). */
export function embeddedImages(mediaBase: string): RawBuilder<Image[]> {
  return sql<Image[]>`coalesce((select jsonb_agg(${imageObject(mediaBase)} order by i.position, i.id)
                                 from product_images i where i.product_id = p.id), '[]'::jsonb)`;
}

export async function findImage(db: Db, mediaBase: string, productId: string, imageId: string) {
  const { rows } = await sql<{ image: Image }>`
    select ${imageObject(mediaBase)} as image from product_images i
     where i.id = ${imageId} and i.product_id = ${productId}`.execute(db);
  return rows[0]?.image;
}

/**
 * Marks the product changed (its answer shows its images): bumps its row version, so cached catalogue answers
 * showing it are recomputed, and locks its row, which serialises the image writes of one product.
 * False when there is no such product.
 */
export async function touchProduct(trx: Transaction<DB>, productId: string): Promise<boolean> {
  const touched = await trx
    .updateTable('products')
    .set({ updated_at: sql`now()` })
    .where('id', '=', productId)
    .returning('id')
    .executeTakeFirst();
  return Boolean(touched);
}

export interface NewImage {
  id: string;
  productId: string;
  storageKey: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
  alt: string;
}

/** Adds the image after the product's others; the product must be touched (locked) first. */
export async function insertImage(trx: Transaction<DB>, image: NewImage): Promise<void> {
  await sql`
    insert into product_images (id, product_id, position, alt, format, width, height, bytes, storage_key)
    select ${image.id}, ${image.productId},
           coalesce((select max(position) + 1 from product_images where product_id = ${image.productId}), 0),
           ${image.alt}, ${image.format}, ${image.width}, ${image.height}, ${image.bytes}, ${image.storageKey}`.execute(
    trx,
  );
}

/** Renumbers the product's images in their current order, with `moved` placed at its new position. */
export async function renumberImages(
  trx: Transaction<DB>,
  productId: string,
  moved?: { id: string; position: number },
): Promise<void> {
  const rows = await trx
    .selectFrom('product_images')
    .select('id')
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  await renumberPositions(
    trx,
    'product_images',
    rows.map((row) => row.id),
    moved,
  );
}

/** Every stored key of the rows: originals and thumbnails. */
export function storedKeys(rows: Array<{ storage_key: string; thumbnails: unknown }>): string[] {
  return rows.flatMap((row) => [
    row.storage_key,
    ...Object.values((row.thumbnails ?? {}) as Record<string, { key: string }>).map((thumb) => thumb.key),
  ]);
}

/** Deletes the image; answers its stored keys (for removal once committed), or undefined when it is absent. */
export async function deleteImage(trx: Transaction<DB>, productId: string, imageId: string) {
  const row = await trx
    .deleteFrom('product_images')
    .where('id', '=', imageId)
    .where('product_id', '=', productId)
    .returning(['storage_key', 'thumbnails'])
    .executeTakeFirst();
  return row ? storedKeys([row]) : undefined;
}

/** The stored keys of every image of the product (before the product is deleted). */
export async function productImageKeys(db: Db, productId: string): Promise<string[]> {
  return storedKeys(
    await db
      .selectFrom('product_images')
      .select(['storage_key', 'thumbnails'])
      .where('product_id', '=', productId)
      .execute(),
  );
}

/** The thumbnails' keys: next to the original, named by the long side. */
export const thumbnailKey = (originalKey: string, side: number) => originalKey.replace(/\.\w+$/, `-${side}.webp`);

/**
 * Records the thumbnails made; false when the image was deleted meanwhile. The product first, then the image:
 * the lock order of every image write.
 */
export async function recordThumbnails(
  trx: Transaction<DB>,
  image: { id: string; productId: string },
  thumbnails: Array<Thumbnail & { key: string }>,
): Promise<boolean> {
  const value = Object.fromEntries(
    thumbnails.map((thumb) => [thumb.size, { key: thumb.key, width: thumb.width, height: thumb.height }]),
  );
  if (!(await touchProduct(trx, image.productId))) return false;
  const row = await trx
    .updateTable('product_images')
    .set({ thumbnails: JSON.stringify(value), status: 'ready' })
    .where('id', '=', image.id)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}
