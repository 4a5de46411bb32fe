import { PoolSaturatedError } from '@nexus/db';
import { AppError, constraintProblems } from '../errors.js';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

const retryLater = (detail: string, seconds = 1) =>
  new AppError('service_unavailable', detail, undefined, { 'Retry-After': String(seconds) });

/** SQLSTATEs of a failed serializable transaction or a deadlock: the transaction helper retries these. */
export const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

// Errors pg raises without a SQLSTATE when the connection itself is gone or cannot be had.
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|driver has already been destroyed|timeout exceeded when trying to connect)/;

function constraintProblem(error: PgError): AppError {
  const known = error.constraint ? constraintProblems[error.constraint] : undefined;
  if (known?.whenReferenced && error.detail?.includes('is still referenced')) {
    return new AppError(known.whenReferenced.code, known.whenReferenced.detail);
  }
  if (known)
    return new AppError(
      known.code,
      known.detail,
      known.path ? [{ path: known.path, message: known.detail }] : undefined,
    );
  // A constraint no route anticipated: still the caller's conflict or bad value, never our fault.
  if (error.code === '23505') return new AppError('conflict', 'This would duplicate an existing record');
  if (error.code === '23503') {
    return error.detail?.includes('is still referenced')
      ? new AppError('conflict', 'Other records still refer to this one')
      : new AppError('validation_failed', 'A referenced record does not exist');
  }
  return new AppError('validation_failed', 'A value breaks a rule of the data model');
}

/**
 * The one mapping from what PostgreSQL, the pg driver and the Redis client throw to the error catalogue, by SQLSTATE class.
 * Undefined means a real fault (a bug, a broken schema): the error handler logs it and answers 500. `body`, the
 * request's, lets a conflict name the list item it is about.
 */
export function databaseProblem(err: unknown, body?: unknown): AppError | undefined {
  if (err instanceof PoolSaturatedError) return retryLater('The server is at capacity; try again shortly');
  const error = err as PgError;
  const code = error.code ?? '';
  if (code.startsWith('23')) return pinpointInBody(constraintProblem(error), error, body);
  if (RETRYABLE_SQLSTATES.has(code)) {
    return new AppError(
      'write_conflict',
      'A concurrent update got in the way; retrying the request is safe',
      undefined,
      { 'Retry-After': '1' },
    );
  }
  if (code === '55P03') return retryLater('A record this needs is busy; try again shortly');
  if (code === '57014') return retryLater('The request took too long and was cancelled; try again shortly');
  // Class 22, data exceptions: a value PostgreSQL cannot take (overflow, bad text, NUL), i.e. bad input;
  // class 54, a value past a limit of PostgreSQL's own (too long for an index entry, too many arguments).
  if (code.startsWith('22') || code.startsWith('54')) {
    return new AppError('validation_failed', 'A value is out of range, too long or not valid text');
  }
  // Class 08 (connection), 53 (insufficient resources), 57P01-57P03 (shut down, restarting, not accepting yet).
  if (code.startsWith('08') || code.startsWith('53') || /^57P0[123]$/.test(code) || CONNECTION_ERRNOS.has(code)) {
    return retryLater('The database is unavailable; try again shortly', 5);
  }
  // Redis (counters, cache) gone: ioredis gives up after its retries.
  if ((err as Error)?.name === 'MaxRetriesPerRequestError' || /^Connection is closed\.?$/.test(error.message ?? '')) {
    return retryLater('A shared store is unavailable; try again shortly', 5);
  }
  if (!error.code && error.message && CONNECTION_MESSAGES.test(error.message)) {
    return error.message.startsWith('timeout exceeded')
      ? retryLater('The server is at capacity; try again shortly')
      : retryLater('The database is unavailable; try again shortly', 5);
  }
  return undefined;
}

/** The value a unique violation collided on, from PostgreSQL's detail: `Key (lower(sku::text))=(tee-m) already exists.` */
function collidingValue(err: unknown): string | undefined {
  const { code, detail } = err as PgError;
  if (code !== '23505' || !detail) return undefined;
  return /^Key \((?:[^()]|\([^()]*\))*\)=\((.*)\) already exists\.$/.exec(detail)?.[1];
}

/**
 * A unique violation names its field (`sku`); when the body holds that field in a list instead (`variants[].sku`,
 * a product written with several variants), the item whose value collided is named (`variants.3.sku`), so a form
 * can show the error on the right row. Other errors are returned as they are.
 */
function pinpointInBody(appError: AppError, err: unknown, body: unknown): AppError {
  const value = collidingValue(err)?.toLowerCase();
  const [item, ...rest] = appError.errors ?? [];
  if (value === undefined || !item || rest.length || !body || typeof body !== 'object') return appError;
  const field = item.path;
  // The body as sent: the schema trims it before it is stored, and the index compares lower case.
  const matches = (candidate: unknown) => typeof candidate === 'string' && candidate.trim().toLowerCase() === value;
  if (matches((body as Record<string, unknown>)[field])) return appError;
  for (const [key, list] of Object.entries(body)) {
    if (!Array.isArray(list)) continue;
    const index = list.findIndex((entry) => entry && typeof entry === 'object' && matches(entry[field]));
    if (index !== -1) {
      const errors = [{ ...item, path: `${key}.${index}.${field}` }];
      return new AppError(appError.code, appError.detail, errors, appError.headers);
    }
  }
  return appError;
}
