import { Router, type Request } from 'express';
import swaggerUi from 'swagger-ui-express';
import { API_INFO, LOCAL_SERVER, buildOpenApiDocument } from '@nexus/openapi';

/**
 * Swagger UI's request interceptor. It runs in the browser: swagger-ui-express writes its source into the page's
 * init script. Every `{{$timestamp}}` (the contract's UNIQUE_EXAMPLE) in a body becomes the time of this Execute,
 * so an example with a unique field (an e-mail address) can be sent again. Built from text, so no compiler or
 * loader (tsx keeps names by wrapping nested functions in a `__name` helper the browser lacks) can change what is
 * sent.
 */
const uniqueExampleValues = new Function(
  'request',
  `if (typeof request.body === 'string') request.body = request.body.split('{{$timestamp}}').join(String(Date.now()));
  return request;`,
) as (request: { body?: unknown }) => { body?: unknown };

/**
 * The origin a request was sent to: its Host header, with the scheme Express sees (`X-Forwarded-Proto` only from
 * a trusted proxy). Only a plain http(s) host and port counts; anything else names no origin.
 */
function requestOrigin(req: Request): string | undefined {
  const host = req.get('Host');
  if (!host || !['http', 'https'].includes(req.protocol)) return undefined;
  try {
    const url = new URL(`${req.protocol}://${host}`);
    // A Host header that is more than a host and a port names no origin.
    return url.pathname === '/' && !url.username && !url.password && !url.search && !url.hash ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

let built: ReturnType<typeof buildOpenApiDocument> | undefined;
/**
 * The document, built on its first request and shared by every app of the process: it is the same for all, and
 * building it costs ~100 ms, which no start-up (nor each test's app) should pay for a document nobody asked for.
 */
const openApiDocument = () => (built ??= buildOpenApiDocument());

/**
 * `/api/openapi.json` (generated from the contract on first request; its server is PUBLIC_URL, else the origin it
 * was fetched from), Swagger UI at `/api/docs` unless `DOCS=off`, and `/`: where everything is, for whoever opens
 * the server's address.
 */
export function docsRouter(options: { swaggerUi: boolean; dashboard: boolean; publicUrl?: string }): Router {
  const serverFor = (req: Request) => {
    if (options.publicUrl) return { url: options.publicUrl };
    const origin = requestOrigin(req);
    return origin ? { url: origin, description: 'The server this document was fetched from' } : LOCAL_SERVER;
  };
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({
      name: API_INFO.title,
      version: API_INFO.version,
      openapi: '/api/openapi.json',
      ...(options.swaggerUi ? { docs: '/api/docs' } : {}),
      ...(options.dashboard ? { admin: '/admin' } : {}),
      api: '/api/v1',
      health: '/healthz',
      ready: '/readyz',
    });
  });
  // Serialised once per server entry (the document is ~430 KB): the configured one, or each origin asked for.
  const serialised = new Map<string, string>();
  const documentFor = (server: { url: string }) => {
    let body = serialised.get(server.url);
    if (body === undefined) {
      body = JSON.stringify({ ...openApiDocument(), servers: [server] });
      if (serialised.size < 16) serialised.set(server.url, body);
    }
    return body;
  };
  router.get('/api/openapi.json', (req, res) => {
    // Derived from the request, the answer differs by Host and scheme: caches must keep them apart and revalidate.
    if (!options.publicUrl) res.set({ Vary: 'Host, X-Forwarded-Proto', 'Cache-Control': 'no-cache' });
    res.type('application/json').send(documentFor(serverFor(req)));
  });
  if (!options.swaggerUi) return router;
  // serveFiles writes the init script the page loads, so it needs every option; setup only renders the HTML.
  const swaggerOptions = {
    url: '/api/openapi.json',
    persistAuthorization: true,
    displayRequestDuration: true,
    // No badge from the public validator: the page asks nothing of a third party.
    validatorUrl: null,
    requestInterceptor: uniqueExampleValues,
  };
  router.use(
    '/api/docs',
    swaggerUi.serveFiles(undefined, { swaggerOptions }),
    swaggerUi.setup(undefined, { customSiteTitle: 'Nexus Commerce API', swaggerOptions }),
  );
  return router;
}
