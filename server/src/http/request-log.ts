import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * One line per finished request: method, route pattern, path, status, duration, request id.
 * Deliberately no headers, query string or body, so tokens and passwords never reach the log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // A 503 is the server protecting itself (shedding, a database outage), not a bug: warn, like a 4xx.
      const level = res.statusCode >= 500 && res.statusCode !== 503 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      logger[level](
        {
          req_id: req.id,
          method: req.method,
          route: req.route ? `${req.baseUrl}${String(req.route.path)}` : undefined,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          duration_ms: Math.round(durationMs * 100) / 100,
          user_id: req.auth?.userId,
        },
        'request',
      );
    });
    next();
  };
}
