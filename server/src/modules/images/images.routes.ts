import { initServer } from '@ts-rest/express';
import type { Transaction } from 'kysely';
import { api } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { uploadedFileOf } from '../../http/multipart-body.js';
import { reply } from '../../http/problem.js';
import { AppError } from '../../errors.js';
import { emitProductUpdated } from '../products/product-events.js';
import { addProductImage, removeMediaFiles } from './add-product-image.js';
import { deleteImage, findImage, renumberImages, touchProduct } from './images.queries.js';

const s = initServer();

/**
 * Product images. Every write touches the product (its answer embeds its images, so cached catalogue answers
 * showing it are recomputed) and is a `product.updated` event; deleted images lose their files once the
 * deletion commits.
 */
export function imagesRouter(deps: Deps): RouterFor<typeof api.products.images> {
  const { db, media } = deps;
  const productChanged = (trx: Transaction<DB>, productId: string) => emitProductUpdated(trx, media.baseUrl, productId);
  const noImage = (productId: string, imageId: string) =>
    reply('not_found', `No image ${imageId} of product ${productId}`);

  return s.router(api.products.images, {
    upload: async ({ params, body, req }) => {
      const file = uploadedFileOf(req);
      if (!file) {
        throw new AppError('validation_failed', 'Send the image in the part "file"', [
          { path: 'file', message: 'Required' },
        ]);
      }
      // Checked before the image is decoded, so a wrong id costs no image work; checked again under the lock.
      const exists = await db.selectFrom('products').select('id').where('id', '=', params.id).executeTakeFirst();
      if (!exists) return reply('not_found', `No product ${params.id}`);
      const image = await addProductImage(deps, params.id, file.bytes, body.alt ?? '');
      return image ? { status: 201, body: image } : reply('not_found', `No product ${params.id}`);
    },

    update: async ({ params, body }) => {
      const image = await withTransaction(db, async (trx) => {
        // The product first (locking it serialises the writes of its images), then the image.
        await touchProduct(trx, params.id);
        if (!(await findImage(trx, media.baseUrl, params.id, params.image_id))) return undefined;
        if (body.alt !== undefined) {
          await trx.updateTable('product_images').set({ alt: body.alt }).where('id', '=', params.image_id).execute();
        }
        if (body.position !== undefined) {
          await renumberImages(trx, params.id, { id: params.image_id, position: body.position });
        }
        await productChanged(trx, params.id);
        return findImage(trx, media.baseUrl, params.id, params.image_id);
      });
      return image ? { status: 200, body: image } : noImage(params.id, params.image_id);
    },

    delete: async ({ params }) => {
      const keys = await withTransaction(db, async (trx, scope) => {
        await touchProduct(trx, params.id);
        const removed = await deleteImage(trx, params.id, params.image_id);
        if (removed) {
          await renumberImages(trx, params.id);
          await productChanged(trx, params.id);
          scope.afterCommit(() => removeMediaFiles(deps, removed));
        }
        return removed;
      });
      return keys ? { status: 204, body: undefined } : noImage(params.id, params.image_id);
    },
  });
}
