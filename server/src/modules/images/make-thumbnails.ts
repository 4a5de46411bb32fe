import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { makeThumbnails } from './image-processing.js';
import { recordThumbnails, thumbnailKey } from './images.queries.js';
import { THUMBNAIL_SIZES } from '@nexus/contract';

/**
 * The worker's job for one image: reads the original from storage, writes its WebP thumbnails beside it and
 * records them. Safe to run more than once (at-least-once jobs): the keys are the image's own, so a rerun
 * overwrites the same files with the same bytes. An image deleted meanwhile has its new files removed again;
 * an original that no longer decodes marks the image failed instead of being retried forever.
 */
export async function makeImageThumbnails(deps: Pick<Deps, 'db' | 'media' | 'logger'>, imageId: string): Promise<void> {
  const image = await deps.db
    .selectFrom('product_images')
    .select(['id', 'product_id', 'storage_key', 'status'])
    .where('id', '=', imageId)
    .executeTakeFirst();
  if (!image || image.status !== 'pending') return;
  const original = await deps.media.get(image.storage_key);
  let thumbnails;
  try {
    thumbnails = await makeThumbnails(original);
  } catch (error) {
    deps.logger.error({ err: error, image_id: imageId }, 'thumbnails cannot be made of this image');
    await deps.db.updateTable('product_images').set({ status: 'failed' }).where('id', '=', imageId).execute();
    return;
  }
  const stored = thumbnails.map((thumb) => ({
    ...thumb,
    key: thumbnailKey(image.storage_key, THUMBNAIL_SIZES[thumb.size]),
  }));
  await Promise.all(stored.map((thumb) => deps.media.put(thumb.key, thumb.bytes, 'image/webp')));
  const recorded = await withTransaction(deps.db, (trx) =>
    recordThumbnails(trx, { id: image.id, productId: image.product_id }, stored),
  );
  if (!recorded) await deps.media.remove(stored.map((thumb) => thumb.key));
}
