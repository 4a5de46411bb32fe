import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { RequestValidationError } from '@ts-rest/express';
import type { FieldError } from '@nexus/contract';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { AppError, constraintProblems } from '../errors.js';
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

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

// Translate what Express, body-parser and PostgreSQL throw into the catalogue; anything unknown is a 500.
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const error = err as { type?: string; status?: number } & PgError;
  if (error.type === 'entity.parse.failed') return new AppError('malformed_json', 'The body is not valid JSON');
  if (error.type === 'entity.too.large') return new AppError('payload_too_large', 'The body exceeds the size limit');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'Unsupported body encoding or charset');
  }
  if (error.status === 400 && error.type) return new AppError('validation_failed', 'The body could not be read');
  if ((error.code === '23505' || error.code === '23503' || error.code === '23514') && error.constraint) {
    const known = constraintProblems[error.constraint];
    if (known?.whenReferenced && error.detail?.includes('is still referenced')) {
      return new AppError(known.whenReferenced.code, known.whenReferenced.detail);
    }
    if (known)
      return new AppError(
        known.code,
        known.detail,
        known.path ? [{ path: known.path, message: known.detail }] : undefined,
      );
  }
  if (error.code === '57P01' || error.code === '08006' || error.code === '08001' || error.code === 'ECONNREFUSED') {
    return new AppError('service_unavailable', 'The database is unavailable; try again shortly', undefined, {
      'Retry-After': '5',
    });
  }
  return undefined;
}

/** The one place every thrown error becomes an RFC 9457 response. Never leaks stacks, SQL or secrets. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = toAppError(err);
    if (!known) logger.error({ req_id: req.id, err }, 'unhandled error');
    const appError =
      known ??
      new AppError('internal_error', 'Something went wrong on our side; quote the request id if you report it');
    res.set(appError.headers);
    res.status(appError.status).json(problem(appError.code, appError.detail, appError.errors));
  };
}
