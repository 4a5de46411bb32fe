import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { RequestValidationError } from '@ts-rest/express';
import type { FieldError } from '@nexus/contract';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { PoolSaturatedError } from '@nexus/db';
import { databaseProblem } from '../database/database-errors.js';
import { AppError } from '../errors.js';
import { problem } from './problem.js';

/** Zod issues as wire-named field errors; unknown body keys become one error each. */
export function fieldErrors(error: ZodError | null, root: string): FieldError[] {
  if (!error) return [];
  return error.issues.flatMap((issue) => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'is not a known field' }));
    }
    return [{ path: path || root, message: issue.message }];
  });
}

/** Replaces ts-rest's raw ZodError answer: a malformed path id is 404, anything else one 400 listing every field. */
export function requestValidationError(err: RequestValidationError): AppError {
  if (err.pathParams) return new AppError('not_found', 'No resource matches this path');
  const errors = [
    ...fieldErrors(err.query, 'query'),
    ...fieldErrors(err.body, 'body'),
    ...fieldErrors(err.headers, 'headers'),
  ];
  const detail = errors.length === 1 ? '1 field is invalid' : `${errors.length} fields are invalid`;
  return new AppError('validation_failed', detail, errors);
}

export function notFound(): RequestHandler {
  return (req, _res, next) => next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
}

/** What Express and body-parser throw: http-errors with a status and often a `type`. */
interface HttpError {
  type?: string;
  status?: number;
}

// The request could not even be read. Express marks its own errors with a 4xx status (body-parser sets `type`).
function httpProblem(err: unknown): AppError | undefined {
  // A malformed %-escape in a path segment: no resource can have that name.
  if (err instanceof URIError) return new AppError('not_found', 'No resource matches this path');
  const error = err as HttpError;
  if (error.type === 'entity.parse.failed') return new AppError('malformed_json', 'The body is not valid JSON');
  if (error.type === 'entity.too.large' || error.status === 413)
    return new AppError('payload_too_large', 'The body exceeds the size limit');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported' || error.status === 415) {
    return new AppError('unsupported_media_type', 'Unsupported body encoding or charset');
  }
  // Anything else body-parser or Express refuses (a body that does not inflate, a truncated upload, …).
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return new AppError('validation_failed', 'The body could not be read as sent', [
      { path: 'body', message: 'could not be decoded' },
    ]);
  }
  return undefined;
}

/** The one place every thrown error becomes an RFC 9457 response. Never leaks stacks, SQL or secrets. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof AppError ? err : (httpProblem(err) ?? databaseProblem(err, req.body));
    if (!known) logger.error({ req_id: req.id, err }, 'unhandled error');
    // A database fault we answered 503: its SQLSTATE and message, not a stack (formatting one costs more than
    // the request did, and under load there are thousands). Shedding (ours, or the pool's) is in the request log.
    else if (known.status >= 500 && !(err instanceof AppError) && !(err instanceof PoolSaturatedError)) {
      const { code, message } = err as { code?: string; message?: string };
      logger.warn({ req_id: req.id, db_error: { code, message } }, 'database unavailable');
    }
    const appError =
      known ??
      new AppError('internal_error', 'Something went wrong on our side; quote the request id if you report it');
    res.set(appError.headers);
    res.status(appError.status).json(problem(appError.code, appError.detail, appError.errors));
  };
}
