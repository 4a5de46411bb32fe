import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@nexus/db';
import { createApp, createLogger, loadConfig } from '@nexus/server';
import { UNIQUE_EXAMPLE } from '@nexus/contract';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';

let app: TestApp;
let adminDb: ReturnType<typeof createDb>;
beforeAll(async () => {
  app = await startTestApp({ BODY_LIMIT: '2kb', CORS_ORIGINS: 'https://shop.example.com' });
  // A second pool on the same database, playing the DBA who terminates the app's connections.
  adminDb = createDb({ connectionString: app.databaseUrl, max: 1 });
});
afterAll(async () => {
  await adminDb.destroy();
  await app.close();
});

const registerBody = {
  email: 'wire@example.com',
  password: 'correct horse battery',
  first_name: 'W',
  last_name: 'Ire',
};

describe('operations endpoints', () => {
  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    expect((await app.fetch('/healthz')).status).toBe(200);
    const ready = await app.fetch('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz and database-backed calls with 503 problem+json when the database is down, leaking nothing', async () => {
    const { config } = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40) });
    const deadDb = createDb({ connectionString: 'postgres://nobody:secret-pw@127.0.0.1:1/none', max: 1 });
    const nexus = createApp({ db: deadDb, config, logger: createLogger(config) });
    const server = http.createServer(nexus.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await expectProblem(await fetch(`${base}/readyz`), 'service_unavailable');
      const login = await fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', password: 'whatever1' }),
      });
      const text = await login.clone().text();
      await expectProblem(login, 'service_unavailable');
      expect(text).not.toMatch(/secret-pw|ECONNREFUSED|at .*\.ts|select/i);
    } finally {
      server.close();
      await deadDb.destroy();
    }
  });
});

describe('docs', () => {
  it('serves the OpenAPI document with every path of API.md and the bearer scheme', async () => {
    const response = await app.fetch('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: object };
      info: { license?: unknown };
      servers?: Array<{ url: string }>;
    };
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/api/v1/admin/deliveries',
        '/api/v1/admin/mail',
        '/api/v1/admin/stats',
        '/api/v1/auth/register',
        '/api/v1/auth/token',
        '/api/v1/auth/token/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/password/forgot',
        '/api/v1/auth/password/reset',
        '/api/v1/users/me',
        '/api/v1/users/me/password',
        '/api/v1/users/me/sessions',
        '/api/v1/users/me/sessions/{id}',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/users/{id}/sessions',
        '/api/v1/users/{id}/sessions/{session_id}',
        '/api/v1/categories',
        '/api/v1/categories/{id}',
        '/api/v1/products',
        '/api/v1/products/{id}',
        '/api/v1/products/facets',
        '/api/v1/products/{id}/variants',
        '/api/v1/products/{id}/variants/{variant_id}',
        '/api/v1/products/{id}/images',
        '/api/v1/products/{id}/images/{image_id}',
        '/api/v1/products/{id}/reviews',
        '/api/v1/products/{id}/stock/events',
        '/api/v1/reviews',
        '/api/v1/reviews/{id}',
        '/api/v1/cart',
        '/api/v1/cart/items',
        '/api/v1/cart/items/{id}',
        '/api/v1/orders',
        '/api/v1/orders/{id}',
        '/api/v1/orders/{id}/cancel',
        '/api/v1/orders/{id}/events',
        '/api/v1/orders/{id}/payments',
        '/api/v1/payments/{id}/test-confirm',
        '/api/v1/payments/webhooks/stripe',
        '/api/v1/webhooks',
        '/api/v1/webhooks/{id}',
        '/api/v1/webhooks/{id}/deliveries',
        '/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry',
        '/api/v1/wishlist',
        '/api/v1/wishlist/{product_id}',
      ].sort(),
    );
    expect(document.components.securitySchemes).toHaveProperty('bearerAuth');
    expect(document.info.license).toEqual({ name: 'MIT', url: 'https://opensource.org/license/mit' });
    expect(document.servers).toEqual([{ url: app.baseUrl, description: 'The server this document was fetched from' }]);
    expect(document.paths['/api/v1/auth/token']!.post!.security).toEqual([]);
    expect(document.paths['/api/v1/users/me']!.get!.security).toEqual([{ bearerAuth: [] }]);
  });

  it('names PUBLIC_URL as its server when set, else the http(s) origin asked for, never another scheme', async () => {
    const served = async (target: TestApp, headers: Record<string, string> = {}) => {
      const { port } = new URL(target.baseUrl);
      return new Promise<{ servers: unknown[]; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port, path: '/api/openapi.json', headers });
        request.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ servers: (JSON.parse(text) as { servers: unknown[] }).servers, headers: response.headers }),
          );
        });
        request.on('error', reject);
      });
    };
    const local = [{ url: 'http://localhost:3000', description: 'A local server (`pnpm start`)' }];
    const asked = await served(app, { host: 'shop.nexus.dev:8443' });
    expect(asked.servers).toEqual([
      { url: 'http://shop.nexus.dev:8443', description: 'The server this document was fetched from' },
    ]);
    // Derived from the request, so shared caches must key it by Host and scheme and revalidate it.
    expect(asked.headers).toMatchObject({ vary: 'Host, X-Forwarded-Proto', 'cache-control': 'no-cache' });
    expect((await served(app, { host: 'evil.example/phish' })).servers).toEqual(local);
    const proxied = await startTestApp({ TRUST_PROXY: '1' });
    try {
      const forwarded = (proto: string) => served(proxied, { host: 'shop.nexus.dev', 'x-forwarded-proto': proto });
      expect((await forwarded('https')).servers).toEqual([
        { url: 'https://shop.nexus.dev', description: 'The server this document was fetched from' },
      ]);
      expect((await forwarded('javascript')).servers).toEqual(local);
    } finally {
      await proxied.close();
    }
    const deployed = await startTestApp({ PUBLIC_URL: 'https://api.nexus.dev/' });
    try {
      const configured = await served(deployed, { host: 'internal-host:3000' });
      expect(configured.servers).toEqual([{ url: 'https://api.nexus.dev' }]);
      expect(configured.headers.vary).toBeUndefined();
    } finally {
      await deployed.close();
    }
  });

  it('serves Swagger UI as HTML at /api/docs', async () => {
    const response = await app.fetch('/api/docs/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('swagger-ui');
    // The options live in the init script the page loads (not only in the HTML), with the example interceptor.
    const init = await (await app.fetch('/api/docs/swagger-ui-init.js')).text();
    for (const option of ['"persistAuthorization": true', '"displayRequestDuration": true', '"validatorUrl": null'])
      expect(init).toContain(option);
    expect(init).toMatch(/"requestInterceptor": function/);
    expect(init).toContain(UNIQUE_EXAMPLE);
  });

  it('answers / with where everything is', async () => {
    const response = await app.fetch('/');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      openapi: '/api/openapi.json',
      docs: '/api/docs',
      admin: '/admin',
      api: '/api/v1',
      health: '/healthz',
    });
  });

  it('hides Swagger UI with DOCS=off, and keeps the OpenAPI document', async () => {
    const hidden = await startTestApp({ DOCS: 'off' });
    try {
      expect((await hidden.fetch('/api/docs/')).status).toBe(404);
      expect((await hidden.fetch('/api/openapi.json')).status).toBe(200);
      expect(await (await hidden.fetch('/')).json()).not.toHaveProperty('docs');
    } finally {
      await hidden.close();
    }
  });
});

describe('request ids', () => {
  it('generates an X-Request-Id on every response', async () => {
    const id = (await app.fetch('/healthz')).headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a valid incoming X-Request-Id and replaces an unsafe one', async () => {
    expect(
      (await app.fetch('/healthz', { headers: { 'x-request-id': 'client-abc.123' } })).headers.get('x-request-id'),
    ).toBe('client-abc.123');
    const replaced = (await app.fetch('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get(
      'x-request-id',
    );
    expect(replaced).not.toBe('bad id with spaces');
  });
});

describe('problem+json for every failure class', () => {
  it('answers an unknown route with 404 not_found', async () => {
    await expectProblem(await app.fetch('/api/v1/nope'), 'not_found');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    await expectProblem(response, 'malformed_json');
  });

  it('answers a body over BODY_LIMIT with 413 payload_too_large', async () => {
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      json: { ...registerBody, first_name: 'x'.repeat(4096) },
    });
    await expectProblem(response, 'payload_too_large');
  });

  it('answers a non-JSON body with 415 unsupported_media_type', async () => {
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'email=a@example.com',
    });
    await expectProblem(response, 'unsupported_media_type');
  });

  it('lists every invalid field with its wire name, and rejects unknown fields', async () => {
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      json: { email: 'not-an-email', password: 'short', first_name: 'A', last_name: 'B', nickname: 'x' },
    });
    const problem = await expectProblem(response, 'validation_failed');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'nickname', 'password']);
    expect(problem.detail).toBe('3 fields are invalid');
  });

  it('answers a missing body with 400 validation_failed', async () => {
    await expectProblem(await app.fetch('/api/v1/auth/token', { method: 'POST' }), 'validation_failed');
  });
});

describe('paths', () => {
  it('accepts a trailing slash on every path', async () => {
    const response = await app.fetch('/api/v1/auth/register/', {
      method: 'POST',
      json: { ...registerBody, email: 'slash@example.com' },
    });
    expect(response.status).toBe(201);
  });

  it("keeps the seed's auth paths working as aliases", async () => {
    const register = await app.fetch('/api/register/', {
      method: 'POST',
      json: { ...registerBody, email: 'seed@example.com' },
    });
    expect(register.status).toBe(201);
    const login = await app.fetch('/api/token/', {
      method: 'POST',
      json: { email: 'seed@example.com', password: registerBody.password },
    });
    expect(login.status).toBe(200);
    const { refresh } = (await login.json()) as { refresh: string };
    const refreshed = await app.fetch('/api/token/refresh/', { method: 'POST', json: { refresh } });
    expect(refreshed.status).toBe(200);
  });
});

describe('security headers and CORS', () => {
  it('sets helmet headers and allows only configured origins', async () => {
    const allowed = await app.fetch('/healthz', { headers: { origin: 'https://shop.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('x-powered-by')).toBeNull();
    const other = await app.fetch('/healthz', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a CORS preflight for the API', async () => {
    const response = await app.fetch('/api/v1/users/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
  });
});

describe('database outages', () => {
  it('survives the database killing idle pooled connections, and serves again afterwards', async () => {
    await app.fetch('/readyz');
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(
      adminDb,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await app.fetch('/readyz')).status).toBe(200);
  });
});
