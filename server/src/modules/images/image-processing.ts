import sharp, { type Metadata } from 'sharp';
import { THUMBNAIL_SIZES, type IMAGE_FORMATS } from '@nexus/contract';
import { AppError } from '../../errors.js';

export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Past this many pixels an image is refused before it is decoded: a 10 MiB PNG can hold gigapixels of zeros. */
export const MAX_IMAGE_PIXELS = 40_000_000;

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};
export const contentTypeOf = (format: ImageFormat) => CONTENT_TYPES[format];

/**
 * The type the bytes say they are, by their signature alone (never the file name or the part's label): JPEG
 * `FF D8 FF`, PNG's 8-byte signature, WebP's RIFF/WEBP header, AVIF's ISO-BMFF `ftyp` box with an AVIF brand.
 */
export function sniffImageFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (bytes.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 64);
    const brands = bytes.toString('latin1', 8, boxSize);
    if (/avif|avis/.test(brands)) return 'avif';
  }
  return undefined;
}

export interface NormalisedImage {
  format: ImageFormat;
  bytes: Buffer;
  width: number;
  height: number;
}

const corrupt = (detail: string) =>
  new AppError('validation_failed', `The image cannot be read: ${detail}`, [
    { path: 'file', message: 'is not a readable image' },
  ]);

/**
 * What is kept of an upload: the image turned upright by its EXIF orientation and re-encoded in its own format,
 * which drops every metadata block (EXIF with its location, XMP, comments). Refuses, in order: a type other
 * than JPEG, PNG, WebP or AVIF by content (415), more than MAX_IMAGE_PIXELS (400), bytes that do not decode
 * whole (400: a truncated or damaged file).
 */
export async function normaliseUpload(bytes: Buffer): Promise<NormalisedImage> {
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new AppError(
      'unsupported_media_type',
      'The file is not a JPEG, PNG, WebP or AVIF image (judged by its content)',
      [{ path: 'file', message: 'must be a JPEG, PNG, WebP or AVIF image' }],
    );
  }
  // `truncated`: a cut-off file is refused, while the harmless warnings real photos carry (a known-incorrect sRGB
  // profile, extraneous bytes after a JPEG's end) are not.
  const input = () => sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true });
  let meta: Metadata;
  try {
    // The header only (no pixels are decoded), so the size is judged before the pixel limit refuses it.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw corrupt((error as Error).message);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_IMAGE_PIXELS) {
    throw new AppError('validation_failed', `The image has more than ${MAX_IMAGE_PIXELS} pixels`, [
      { path: 'file', message: `must have at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels` },
    ]);
  }
  const upright = input().rotate();
  const encoded =
    format === 'jpeg'
      ? upright.jpeg({ quality: 90 })
      : format === 'png'
        ? upright.png()
        : format === 'webp'
          ? upright.webp({ quality: 90 })
          : upright.avif({ quality: 70 });
  try {
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { format, bytes: data, width: info.width, height: info.height };
  } catch (error) {
    throw corrupt((error as Error).message);
  }
}

export type ThumbnailSize = keyof typeof THUMBNAIL_SIZES;

export interface Thumbnail {
  size: ThumbnailSize;
  bytes: Buffer;
  width: number;
  height: number;
}

/** The WebP thumbnails of an original: each fits in its square, keeps the aspect ratio and is never enlarged. */
export async function makeThumbnails(original: Buffer): Promise<Thumbnail[]> {
  return Promise.all(
    (Object.entries(THUMBNAIL_SIZES) as Array<[ThumbnailSize, number]>).map(async ([size, side]) => {
      const { data, info } = await sharp(original, { limitInputPixels: MAX_IMAGE_PIXELS })
        .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { size, bytes: data, width: info.width, height: info.height };
    }),
  );
}
