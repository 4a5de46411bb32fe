import { randomUUID } from 'node:crypto';
import type { Image } from '@nexus/contract';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { emitProductUpdated } from '../products/product-events.js';
import { contentTypeOf, normaliseUpload } from './image-processing.js';
import { findImage, insertImage, touchProduct } from './images.queries.js';

/** Removes files, logging (not throwing) a failure: a leftover file is garbage, never a wrong answer. */
export function removeMediaFiles({ media, logger }: Pick<Deps, 'media' | 'logger'>, keys: string[]): Promise<void> {
  if (!keys.length) return Promise.resolve();
  return media.remove(keys).catch((error: unknown) => logger.warn({ err: error, keys }, 'media files not removed'));
}

/**
 * Adds an image to a product: checks and normalises the bytes (upright, metadata stripped), stores the original,
 * then writes its row after the product's others with a touch of the product and a `product.updated` event, in
 * one transaction. The file goes first: a crash in between leaves an unreferenced file, never a row without its
 * file; a failed transaction removes the file again. Undefined when there is no such product.
 */
export async function addProductImage(
  deps: Pick<Deps, 'db' | 'media' | 'logger'>,
  productId: string,
  bytes: Buffer,
  alt = '',
): Promise<Image | undefined> {
  const image = await normaliseUpload(bytes);
  const id = randomUUID();
  const storageKey = `products/${productId}/${id}.${image.format === 'jpeg' ? 'jpg' : image.format}`;
  await deps.media.put(storageKey, image.bytes, contentTypeOf(image.format));
  const created = await withTransaction(deps.db, async (trx) => {
    if (!(await touchProduct(trx, productId))) return undefined;
    await insertImage(trx, {
      id,
      productId,
      storageKey,
      format: image.format,
      width: image.width,
      height: image.height,
      bytes: image.bytes.length,
      alt,
    });
    await emitProductUpdated(trx, deps.media.baseUrl, productId);
    return findImage(trx, deps.media.baseUrl, productId, id);
  }).catch(async (error: unknown) => {
    await removeMediaFiles(deps, [storageKey]);
    throw error;
  });
  if (!created) await removeMediaFiles(deps, [storageKey]);
  return created;
}
