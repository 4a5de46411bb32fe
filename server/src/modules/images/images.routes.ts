import { randomUUID } from 'node:crypto';
import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { uploadedFileOf } from '../../http/multipart-body.js';
import { reply } from '../../http/problem.js';
import { AppError } from '../../errors.js';
import { contentTypeOf, normaliseUpload } from './image-processing.js';
import { deleteImage, findImage, insertImage, renumberImages, touchProduct } from './images.queries.js';

const s = initServer();

/**
 * Product images. An upload is checked and normalised before anything is written; the original goes to storage
 * first and its row after (a crash between them leaves an unreferenced file, never a row without its file), and
 * the relay then gives the new row its thumbnail job. Deleted images lose their files once the deletion commits.
 */
export function imagesRouter({ db, media, logger }: Deps): RouterFor<typeof api.products.images> {
  const removeFiles = (keys: string[]) =>
    media.remove(keys).catch((error: unknown) => logger.warn({ err: error, keys }, 'image files not removed'));

  return s.router(api.products.images, {
    upload: async ({ params, body, req }) => {
      const file = uploadedFileOf(req);
      if (!file)
        throw new AppError('validation_failed', 'Send the image in the part "file"', [
          { path: 'file', message: 'Required' },
        ]);
      const exists = await db.selectFrom('products').select('id').where('id', '=', params.id).executeTakeFirst();
      if (!exists) return reply('not_found', `No product ${params.id}`);
      const image = await normaliseUpload(file.bytes);
      const id = randomUUID();
      const storageKey = `products/${params.id}/${id}.${image.format === 'jpeg' ? 'jpg' : image.format}`;
      await media.put(storageKey, image.bytes, contentTypeOf(image.format));
      const created = await withTransaction(db, async (trx) => {
        if (!(await touchProduct(trx, params.id))) return undefined;
        await insertImage(trx, {
          id,
          productId: params.id,
          storageKey,
          format: image.format,
          width: image.width,
          height: image.height,
          bytes: image.bytes.length,
          alt: body.alt ?? '',
        });
        return findImage(trx, media.baseUrl, params.id, id);
      }).catch(async (error: unknown) => {
        await removeFiles([storageKey]);
        throw error;
      });
      if (!created) {
        await removeFiles([storageKey]);
        return reply('not_found', `No product ${params.id}`);
      }
      return { status: 201, body: created };
    },

    update: async ({ params, body }) => {
      const image = await withTransaction(db, async (trx) => {
        if (!(await touchProduct(trx, params.id))) return undefined;
        if (body.alt !== undefined) {
          const updated = await trx
            .updateTable('product_images')
            .set({ alt: body.alt })
            .where('id', '=', params.image_id)
            .where('product_id', '=', params.id)
            .returning('id')
            .executeTakeFirst();
          if (!updated) return undefined;
        }
        const current = await findImage(trx, media.baseUrl, params.id, params.image_id);
        if (!current) return undefined;
        if (body.position !== undefined && body.position !== current.position) {
          await renumberImages(trx, params.id, { id: params.image_id, position: body.position });
          return findImage(trx, media.baseUrl, params.id, params.image_id);
        }
        return current;
      });
      return image
        ? { status: 200, body: image }
        : reply('not_found', `No image ${params.image_id} of product ${params.id}`);
    },

    delete: async ({ params }) => {
      const keys = await withTransaction(db, async (trx, scope) => {
        if (!(await touchProduct(trx, params.id))) return undefined;
        const removed = await deleteImage(trx, params.id, params.image_id);
        if (removed) {
          await renumberImages(trx, params.id);
          scope.afterCommit(() => removeFiles(removed));
        }
        return removed;
      });
      if (!keys) return reply('not_found', `No image ${params.image_id} of product ${params.id}`);
      return { status: 204, body: undefined };
    },
  });
}
