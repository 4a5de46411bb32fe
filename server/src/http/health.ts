import { Router } from 'express';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';
import { AppError } from '../errors.js';

/** `/healthz`: the process is up. `/readyz`: it can serve, i.e. the database answers and we are not draining. */
export function healthRouter(db: Kysely<DB>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res, next) => {
    if (req.app.get('draining')) return next(new AppError('service_unavailable', 'Shutting down'));
    try {
      await sql`select 1`.execute(db);
      res.json({ status: 'ready' });
    } catch {
      next(new AppError('service_unavailable', 'The database does not answer', undefined, { 'Retry-After': '5' }));
    }
  });
  return router;
}
