import sharp from 'sharp';

/** Real image bytes, made in the test: a solid colour with a gradient stripe, so encoders have work to do. */
export function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).composite([
    {
      input: Buffer.from(
        `<svg width="${width}" height="${Math.max(1, Math.round(height / 4))}"><rect width="100%" height="100%" fill="#2050d0"/></svg>`,
      ),
      top: 0,
      left: 0,
    },
  ]);
}

/** A landscape JPEG whose EXIF says "rotate 90° clockwise" and names its author: upright it is portrait. */
export async function sidewaysJpeg(width = 2000, height = 1000): Promise<Buffer> {
  const flat = await picture(width, height).jpeg().toBuffer();
  return sharp(flat)
    .withExif({ IFD0: { Artist: 'Jane Secret', Copyright: 'Jane Secret' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

export const png = (width: number, height: number) => picture(width, height).png().toBuffer();
export const webp = (width: number, height: number) => picture(width, height).webp().toBuffer();
export const avif = (width: number, height: number) => picture(width, height).avif().toBuffer();
export const gif = (width: number, height: number) => picture(width, height).gif().toBuffer();

/** Random pixels: a PNG that does not compress, for size limits. */
export async function noisePng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
}
