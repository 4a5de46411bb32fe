import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from '@nexus/openapi';

/**
 * `/api/openapi.json` (generated from the contract once, at start-up), Swagger UI at `/api/docs` unless
 * `DOCS=off`, and `/`: where everything is, for whoever opens the server's address.
 */
export function docsRouter(options: { swaggerUi: boolean; dashboard: boolean }): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({
      name: document.info.title,
      version: document.info.version,
      openapi: '/api/openapi.json',
      ...(options.swaggerUi ? { docs: '/api/docs' } : {}),
      ...(options.dashboard ? { admin: '/admin' } : {}),
      api: '/api/v1',
      health: '/healthz',
      ready: '/readyz',
    });
  });
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  if (!options.swaggerUi) return router;
  router.use(
    '/api/docs',
    swaggerUi.serveFiles(undefined, { swaggerOptions: { url: '/api/openapi.json' } }),
    swaggerUi.setup(undefined, {
      customSiteTitle: 'Nexus Commerce API',
      swaggerOptions: { url: '/api/openapi.json', persistAuthorization: true, displayRequestDuration: true },
    }),
  );
  return router;
}
