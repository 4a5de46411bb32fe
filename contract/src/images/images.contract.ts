import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, problemResponses, UPLOAD_PROBLEMS, WRITE_PROBLEMS } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import { ImageParamsSchema, ImageSchema, UpdateImageBodySchema, UploadImageBodySchema } from './images.schemas.js';
import { ProductIdParamsSchema } from '../products/products.schemas.js';

const c = initContract();

/** A product's images (admin): uploads, alt texts and order. Thumbnails are made in the background. */
export const imagesContract = c.router({
  upload: {
    method: 'POST',
    path: '/products/:id/images',
    summary: 'Upload an image (admin)',
    description: [
      '`multipart/form-data` with the file in the part `file` and, optionally, `alt`. The type is judged by the content, not the name or the part’s Content-Type: JPEG, PNG, WebP or AVIF; anything else is 415 `unsupported_media_type`, a file over IMAGE_MAX_BYTES 413 `payload_too_large` (the upload is cut off there, never read whole), a damaged image 400 `validation_failed` naming `file`.',
      'The image is turned upright by its EXIF orientation and stripped of metadata (location, camera); it goes last in the product’s images. Its WebP thumbnails (160, 480 and 1200 px on the long side, never upscaled) are made by the worker and appear in `thumbnails` shortly after; until then they are null.',
    ].join('\n\n'),
    pathParams: ProductIdParamsSchema,
    contentType: 'multipart/form-data',
    body: UploadImageBodySchema,
    responses: {
      201: ImageSchema,
      ...problemResponses(...ADMIN_PROBLEMS, ...UPLOAD_PROBLEMS, 'not_found', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/products/:id/images/:image_id',
    summary: 'Change an image’s alt text or position (admin)',
    pathParams: ImageParamsSchema,
    body: UpdateImageBodySchema,
    responses: {
      200: ImageSchema,
      ...problemResponses(...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'not_found', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/products/:id/images/:image_id',
    summary: 'Delete an image and its files (admin)',
    pathParams: ImageParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...ADMIN_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: adminRoute,
  },
});
