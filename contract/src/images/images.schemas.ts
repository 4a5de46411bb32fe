import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';

/** The image types an upload may be, judged by its content. */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
/** The default of IMAGE_MAX_BYTES: 10 MiB. */
export const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Thumbnail sizes: the long side in pixels (never upscaled). */
export const THUMBNAIL_SIZES = { small: 160, medium: 480, large: 1200 } as const;

const imageExample = {
  id: '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b',
  url: 'http://localhost:3000/media/products/3c9a1f0e/0b1c2d3e.jpeg',
  alt: 'Front view',
  width: 2400,
  height: 1600,
  position: 0,
  thumbnails: {
    small: 'http://localhost:3000/media/products/3c9a1f0e/0b1c2d3e-160.webp',
    medium: 'http://localhost:3000/media/products/3c9a1f0e/0b1c2d3e-480.webp',
    large: 'http://localhost:3000/media/products/3c9a1f0e/0b1c2d3e-1200.webp',
  },
};

const ThumbnailUrlSchema = z.string().url().nullable();

/** A product image: the original and its WebP thumbnails (null until the background job has made them). */
export const ImageSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    url: z.string().url().describe('The original, oriented upright and stripped of metadata; absolute'),
    alt: z.string(),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    position: z.number().int().min(0),
    thumbnails: z
      .object({ small: ThumbnailUrlSchema, medium: ThumbnailUrlSchema, large: ThumbnailUrlSchema })
      .describe(
        `WebP, ${THUMBNAIL_SIZES.small}, ${THUMBNAIL_SIZES.medium} and ${THUMBNAIL_SIZES.large} px on the long side (never larger than the original); null until made in the background`,
      ),
  }),
  { title: 'Image', example: imageExample },
);
export type Image = z.infer<typeof ImageSchema>;

const AltSchema = z.string().trim().max(500);

/**
 * `POST /products/{id}/images` as `multipart/form-data`: the file part `file` and an optional text part `alt`.
 * The server reads the parts as a stream; this schema is what it checks them against once read.
 */
export const UploadImageBodySchema = extendApi(
  z
    .object({
      file: extendApi(
        z.custom<Blob>((value) => value !== undefined && value !== null, 'is required'),
        {
          type: 'string',
          format: 'binary',
          // A custom schema comes out nullable; a file part is not (`nullable` is OpenAPI 3.0's, untyped here).
          ...({ nullable: false } as object),
          description: `JPEG, PNG, WebP or AVIF, judged by its content; at most IMAGE_MAX_BYTES (default ${DEFAULT_IMAGE_MAX_BYTES / 1024 / 1024} MiB)`,
        },
      ),
      alt: extendApi(AltSchema, { description: 'Text for screen readers', example: 'Front view' }).optional(),
    })
    .strict(),
  { title: 'ImageUpload', required: ['file'] },
);
export type UploadImageBody = z.infer<typeof UploadImageBodySchema>;

/** `PATCH /products/{id}/images/{image_id}`: a new alt text, or a new place (the others move to make room). */
export const UpdateImageBodySchema = extendApi(
  z
    .object({ alt: AltSchema, position: z.number().int().min(0).max(1000) })
    .partial()
    .strict(),
  { example: { alt: 'Side view', position: 0 } },
);
export type UpdateImageBody = z.infer<typeof UpdateImageBodySchema>;

export const ImageParamsSchema = z.object({ id: z.string().uuid(), image_id: z.string().uuid() });
