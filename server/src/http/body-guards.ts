import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.get('Content-Length');
  return req.get('Transfer-Encoding') !== undefined || (length !== undefined && length !== '0');
}

/** A request body that is not JSON is refused with 415 before anything parses it. */
export function requireJsonBodies(): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
      return next(
        new AppError(
          'unsupported_media_type',
          `Send the body as application/json, not ${req.get('Content-Type') ?? 'an unlabelled body'}`,
        ),
      );
    }
    next();
  };
}
