import type { Request, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { isCatalogueRead } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { RoutedRequest } from '../../http/request-input.js';
import type { CacheStore } from './cache-store.js';
import { etagOf, isStillFresh, type Freshness } from './catalogue-freshness.js';

/** Public catalogue reads: revalidate every time, which is cheap (a 304 or a hit costs one small statement). */
export const CATALOGUE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The URL with its query parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
function normalisedUrl(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://internal');
  url.searchParams.sort();
  return `${url.pathname.replace(/\/+$/, '')}?${url.searchParams.toString()}`;
}

const matchesEtag = (req: Request, etag: string) =>
  req
    .get('If-None-Match')
    ?.split(/\s*,\s*/)
    .some((tag) => tag.replace(/^W\//, '') === etag) ?? false;

/** A cached answer: the first line says what it depends on and its ETag, the rest is the body as sent. */
interface Entry {
  freshness: Freshness;
  etag: string;
  body: string;
}
const encode = ({ body, ...meta }: Entry) => `${JSON.stringify(meta)}\n${body}`;
function decode(stored: string): Entry {
  const newline = stored.indexOf('\n');
  return { ...(JSON.parse(stored.slice(0, newline)) as Omit<Entry, 'body'>), body: stored.slice(newline + 1) };
}

/**
 * ts-rest global middleware for the routes the contract marks `cache: 'catalogue'`. A cached answer is served
 * (or a matching If-None-Match answered 304) only after one statement has checked that nothing it depends on
 * has changed: the versions of its scopes and the row versions of the products it shows (catalogue-freshness).
 * A miss runs the handler, which reads those with its data in one statement and records them
 * (`answerDependsOn`); the answer is then tagged and stored. So no answer is ever stale, in any process, and a
 * checkout invalidates only the pages showing what it sold.
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
  // Misses being computed, by key: an identical miss arriving meanwhile waits for that answer instead of
  // computing its own (a burst on an expensive answer costs the database one computation, not one per reader).
  const computing = new Map<string, Promise<void>>();

  return (req, res, next) => {
    if (req.method !== 'GET' || !isCatalogueRead((req as RoutedRequest).tsRestRoute)) return next();
    const key = normalisedUrl(req.originalUrl);

    const read = () => store?.get(key).catch((error: unknown) => void logger.warn({ err: error }, 'cache read failed'));
    /**
     * Serves the stored answer if nothing it depends on has changed (checked now, in one statement): true when
     * served, else what was stored (stale, or nothing).
     */
    const serveStored = async (stored: string | undefined): Promise<true | string | undefined> => {
      if (!stored) return stored;
      const entry = decode(stored);
      if (!(await isStillFresh(db, entry.freshness))) return stored;
      res.setHeader('ETag', entry.etag);
      if (matchesEtag(req, entry.etag)) {
        res.status(304).end();
        return true;
      }
      res.setHeader('X-Cache', 'hit');
      res.type('application/json').send(entry.body);
      return true;
    };

    void (async () => {
      res.setHeader('Cache-Control', CATALOGUE_CACHE_CONTROL);
      let rejected = await serveStored(await read());
      if (rejected === true) return;
      // A miss: wait for the request computing this key, if any, and look again; with none, look again only if
      // a newer answer was stored meanwhile (one that finished while this was checking the old one).
      for (let look = 0; store && look < 3; look += 1) {
        const leader = computing.get(key);
        if (leader) await leader;
        const stored = await read();
        if (!leader && stored === rejected) break;
        rejected = await serveStored(stored);
        if (rejected === true) return;
      }

      // Lead the computation of this key unless another request already does; the lead ends once the answer is
      // stored (or the response closed without one), and followers then look again.
      let release = () => {};
      if (store && !computing.has(key)) {
        let resolve: () => void = () => {};
        computing.set(key, new Promise<void>((done) => (resolve = done)));
        release = () => {
          computing.delete(key);
          resolve();
        };
      }
      let storing: Promise<void> | undefined;
      res.once('close', () => void Promise.resolve(storing).finally(release));
      if (store) res.setHeader('X-Cache', 'miss');
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const freshness = res.locals.freshness;
        if (res.statusCode !== 200) {
          // Errors are neither cached nor revalidated.
          res.setHeader('Cache-Control', 'no-store');
        } else if (freshness) {
          const etag = etagOf(freshness, key);
          res.setHeader('ETag', etag);
          if (typeof body === 'string') {
            storing = store
              ?.set(key, encode({ freshness, etag, body }))
              .catch((error: unknown) => logger.warn({ err: error }, 'cache write failed'));
          }
          if (matchesEtag(req, etag)) res.status(304);
        }
        return send(body);
      };
      next();
    })().catch(next);
  };
}
