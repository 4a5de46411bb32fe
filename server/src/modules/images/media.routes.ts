import path from 'node:path';
import express, { type Router } from 'express';
import type { MediaStorage } from './media-storage.js';

/** Our files' types by extension: the static server's own table predates AVIF (it would say octet-stream). */
const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * `/media/…`: the image files of local disk storage. Keys are never reused, so every file is cached for a year
 * as immutable; `nosniff` so a browser never runs one as anything but the image it was stored as; and
 * cross-origin embedding allowed, since storefronts live on other origins. Nothing when storage is S3.
 */
export function mediaRouter(media: MediaStorage): Router {
  const router = express.Router();
  if (media.kind !== 'disk' || !media.dir) return router;
  router.use(
    '/media',
    express.static(media.dir, {
      immutable: true,
      maxAge: '365d',
      index: false,
      dotfiles: 'ignore',
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      },
    }),
  );
  return router;
}
