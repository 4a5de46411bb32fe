import type { RequestHandler } from 'express';
import { isCatalogueRead } from '@nexus/contract';
import type { RoutedRequest } from '../../http/request-input.js';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '@nexus/db';
import type { CacheStore } from './cache-store.js';
import { readCatalogueVersion } from './catalogue-version.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The catalogue version this request reads at (catalogue GETs only). */
      catalogueVersion?: number;
    }
  }
}

/** Public catalogue reads: revalidate every time, which is cheap (a 304 costs one sequence read). */
export const CATALOGUE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The URL with its query parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
function normalisedUrl(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://internal');
  url.searchParams.sort();
  return `${url.pathname.replace(/\/+$/, '')}?${url.searchParams.toString()}`;
}

/**
 * ts-rest global middleware for the routes the contract marks `cache: 'catalogue'`: an ETag from the catalogue
 * version (304 without touching the data), and, when `store` is given, whole 200 bodies cached per version and
 * URL. A write bumps the version, so nothing cached before it is served after it. It runs after load shedding,
 * so an overload of heavy reads is refused before it costs even the version read.
 */
export function catalogueCache({
  db,
  store,
  logger,
}: {
  db: Kysely<DB>;
  store?: CacheStore;
  logger: Logger;
}): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !isCatalogueRead((req as RoutedRequest).tsRestRoute)) return next();
    void (async () => {
      const version = await readCatalogueVersion(db);
      req.catalogueVersion = version;
      const etag = `"c${version}"`;
      res.setHeader('Cache-Control', CATALOGUE_CACHE_CONTROL);
      res.setHeader('ETag', etag);
      if (
        req
          .get('If-None-Match')
          ?.split(/\s*,\s*/)
          .some((tag) => tag.replace(/^W\//, '') === etag)
      ) {
        res.status(304).end();
        return;
      }
      const key = `v${version}:${normalisedUrl(req.originalUrl)}`;
      const cached = await store?.get(key).catch((error: unknown) => logger.warn({ err: error }, 'cache read failed'));
      if (cached) {
        res.setHeader('X-Cache', 'hit');
        res.type('application/json').send(cached);
        return;
      }
      if (store) res.setHeader('X-Cache', 'miss');
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        if (res.statusCode !== 200) {
          // Errors are neither cached nor revalidated.
          res.removeHeader('ETag');
          res.setHeader('Cache-Control', 'no-store');
        } else if (store && typeof body === 'string') {
          store.set(key, body).catch((error: unknown) => logger.warn({ err: error }, 'cache write failed'));
        }
        return send(body);
      };
      next();
    })().catch(next);
  };
}
