import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { Logger } from 'pino';

/** The workspace's build of the dashboard, from server/src/http or server/dist/http alike. */
const WORKSPACE_BUILD = fileURLToPath(new URL('../../../admin/dist', import.meta.url));

/**
 * What the dashboard may load, and nothing more: its own scripts and styles (no inline code, no eval), images from
 * here, `data:`/`blob:` (previews of files being uploaded) and the media origin, API calls to this origin only.
 */
export function adminContentSecurityPolicy(mediaBaseUrl: string): string {
  const mediaOrigin = new URL(mediaBaseUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${mediaOrigin}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `/admin`: the dashboard's static build. Hashed assets are cached for a year; `index.html` is revalidated every
 * time, so a new build is picked up at once. Any other path under /admin is a screen of the single-page app and
 * gets `index.html`. Without a build (ADMIN_DIR=off, or never built) /admin says how to get one.
 */
export function adminDashboardRouter(options: {
  dir: string | undefined;
  mediaBaseUrl: string;
  logger: Logger;
}): Router {
  const router = express.Router();
  const dir = options.dir ?? WORKSPACE_BUILD;
  const csp = adminContentSecurityPolicy(options.mediaBaseUrl);
  const index = path.join(dir, 'index.html');
  if (options.dir === 'off') return router;
  let warned = false;
  router.use('/admin', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    next();
  });
  router.use(
    '/admin/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    // An asset that is not there is a 404, not the app: an old tab asking for last build's chunk must fail loudly.
    (_req, res) => void res.status(404).type('text/plain').send('Not found'),
  );
  router.get(['/admin', '/admin/*'], (req, res, next) => {
    // A file name (`/admin/favicon.ico`) that is not in the build is a 404, not the app; screens have no dots.
    if (path.extname(req.path)) return next();
    if (!existsSync(index)) {
      if (!warned) options.logger.warn({ dir }, 'the admin dashboard is not built');
      warned = true;
      res
        .status(503)
        .type('text/plain')
        .send('The admin dashboard is not built. Run `pnpm start` (it builds it) or `pnpm build:admin`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
