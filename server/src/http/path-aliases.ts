import type { RequestHandler } from 'express';
import { API_PREFIX } from '@nexus/contract';

// The seed API's paths, kept working for frontends written against it.
const SEED_ALIASES: Array<[RegExp, string]> = [
  [/^\/api\/register$/, `${API_PREFIX}/auth/register`],
  [/^\/api\/token$/, `${API_PREFIX}/auth/token`],
  [/^\/api\/token\/refresh$/, `${API_PREFIX}/auth/token/refresh`],
  [/^\/api\/(products|categories)(\/.*)?$/, `${API_PREFIX}/$1$2`],
];

/** Drops a trailing slash (`/api/v1/products/` = `/api/v1/products`) and maps the seed's paths onto v1. */
export function pathAliases(): RequestHandler {
  return (req, _res, next) => {
    const queryAt = req.url.indexOf('?');
    let pathname = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : req.url.slice(queryAt);
    if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.replace(/\/+$/, '') || '/';
    for (const [pattern, target] of SEED_ALIASES) {
      if (pattern.test(pathname)) {
        pathname = pathname.replace(pattern, target);
        break;
      }
    }
    req.url = pathname + search;
    next();
  };
}
