import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppRoute } from '@ts-rest/core';
import { needsRawBody } from '@nexus/contract';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { inspectInput } from './input-guard.js';
import { readMultipart, uploadedFileOf } from './multipart-body.js';

export type RoutedRequest = Request & { tsRestRoute: AppRoute; rawBody?: Buffer };

/** The exact bytes of the body, for routes whose metadata asks for them (`rawBody`): a webhook's signature covers them. */
export function rawBodyOf(req: Request): Buffer {
  return (req as Partial<RoutedRequest>).rawBody ?? Buffer.alloc(0);
}

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.get('Content-Length');
  return req.get('Transfer-Encoding') !== undefined || (length !== undefined && length !== '0');
}

/** Whether the contract gives the route a JSON body; a route without one ignores whatever is sent. */
const routeTakesBody = (route: AppRoute) => 'body' in route && typeof route.body === 'object' && route.body !== null;
const withoutFile = ({ file: _file, ...text }: Record<string, unknown>) => text;
const isMultipartRoute = (route: AppRoute) => 'contentType' in route && route.contentType === 'multipart/form-data';

function reject(where: 'body' | 'query', verdict: Exclude<ReturnType<typeof inspectInput>, { ok: true }>): AppError {
  if ('tooComplex' in verdict) {
    return new AppError('validation_failed', `The ${where} ${verdict.tooComplex}`, [
      { path: where, message: verdict.tooComplex },
    ]);
  }
  const count = verdict.errors.length;
  return new AppError(
    'validation_failed',
    count === 1 ? '1 field is invalid' : `${count} fields are invalid`,
    verdict.errors,
  );
}

/**
 * ts-rest global middleware, after authentication and before schema validation: reads a JSON body only for
 * routes whose contract declares one (415 for another media type, 413 past BODY_LIMIT), then refuses bodies
 * and queries that are too large to validate cheaply or hold text PostgreSQL cannot store.
 */
export function readRequestInput(config: Pick<Config, 'BODY_LIMIT' | 'IMAGE_MAX_BYTES'>): RequestHandler {
  const parseJson = express.json({ limit: config.BODY_LIMIT, type: JSON_TYPES });
  const parseJsonKeepingBytes = express.json({
    limit: config.BODY_LIMIT,
    type: JSON_TYPES,
    verify: (req, _res, bytes) => void ((req as RoutedRequest).rawBody = bytes),
  });
  const inspect = (req: RoutedRequest, next: NextFunction) => {
    // A provider's webhook is trusted for its signature, not its text: it is never stored as sent, and refusing
    // a byte a customer typed at the provider would make the provider redeliver it forever.
    if (req.body !== undefined && !req.rawBody) {
      // An upload's text fields are checked like JSON; its file is bytes, judged by its own reader.
      const body = inspectInput(uploadedFileOf(req) ? withoutFile(req.body as Record<string, unknown>) : req.body);
      if (!body.ok) return next(reject('body', body));
    }
    if (req.tsRestRoute.query) {
      const query = inspectInput(req.query);
      if (!query.ok) return next(reject('query', query));
    }
    next();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const routed = req as RoutedRequest;
    if (!routeTakesBody(routed.tsRestRoute)) return inspect(routed, next);
    if (isMultipartRoute(routed.tsRestRoute)) {
      if (!req.is('multipart/form-data')) {
        return next(
          new AppError(
            'unsupported_media_type',
            `Send the body as multipart/form-data, not ${req.get('Content-Type') ?? 'an unlabelled body'}`,
          ),
        );
      }
      return readMultipart(
        req,
        res,
        (error?: unknown) => (error ? next(error) : inspect(routed, next)),
        config.IMAGE_MAX_BYTES,
      );
    }
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      return next(
        new AppError(
          'unsupported_media_type',
          `Send the body as application/json, not ${req.get('Content-Type') ?? 'an unlabelled body'}`,
        ),
      );
    }
    const parse = needsRawBody(routed.tsRestRoute) ? parseJsonKeepingBytes : parseJson;
    parse(req, res, (error?: unknown) => (error ? next(error) : inspect(routed, next)));
  };
}
