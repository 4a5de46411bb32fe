import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from '@nexus/contract/openapi';

/** `/api/openapi.json` (generated from the contract once, at start-up) and Swagger UI at `/api/docs`. */
export function docsRouter(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
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
