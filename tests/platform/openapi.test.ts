import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCatalogueRead, isIdempotentRoute, issuesCartToken, routeAccess, type ProblemCode } from '@nexus/contract';
import { contractOperations } from '../fuzz/operations.js';
import { buildOpenApiDocument } from '@nexus/openapi';
import { toPostmanCollection } from '@nexus/openapi';
import { createCategory, createProduct, signUpAdmin } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
type Document = ReturnType<typeof buildOpenApiDocument>;
type ProblemMedia = { schema: { allOf: Array<{ $ref?: string; properties?: { code: { enum: ProblemCode[] } } }> } };
type Response = {
  $ref?: string;
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, ProblemMedia>;
};
type Operation = {
  security?: unknown[];
  tags?: string[];
  summary?: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string; description?: string; schema?: object }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, Response>;
};

const document = buildOpenApiDocument();
/** A response as a client sees it: a shared one looked up in `components.responses`. */
const resolve = (response: Response): Response =>
  response.$ref ? (document.components!.responses![response.$ref.split('/').pop()!] as Response) : response;
const operations = (doc: Document = document) =>
  Object.entries(doc.paths).flatMap(([route, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({
      route,
      method,
      operation,
      responses: Object.entries(operation.responses).map(([status, response]) => ({
        status: Number(status),
        response: resolve(response),
      })),
    })),
  );
const contract = new Map(
  contractOperations().map(({ route }) => [
    `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
    route,
  ]),
);
const codesOf = (response: Response): ProblemCode[] =>
  response.content!['application/problem+json']!.schema.allOf[1]!.properties!.code.enum;

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(buildOpenApiDocument()) as never)).resolves.toBeTruthy();
  });

  it('gives every operation a tag and a summary, and serves every error as application/problem+json', () => {
    for (const { route, method, operation, responses } of operations()) {
      expect(operation.tags?.length, `${method} ${route}`).toBe(1);
      expect(operation.summary, `${method} ${route}`).toBeTruthy();
      for (const { status, response } of responses) {
        if (status >= 400)
          expect(Object.keys(response.content ?? {}), `${method} ${route} ${status}`).toEqual([
            'application/problem+json',
          ]);
      }
    }
  });

  it('puts the bearer scheme on exactly the operations the contract protects, and optional on guest routes', () => {
    for (const { route, method, operation, responses } of operations()) {
      const rule = routeAccess(contract.get(`${method} ${route}`)!);
      const expected = rule === 'public' ? [] : rule === 'optional' ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }];
      expect(operation.security, `${method} ${route}`).toEqual(expected);
      // A route that needs a token says so in its 401 answers.
      const unauthorized = responses.find(({ status }) => status === 401)?.response;
      const missingToken = unauthorized ? codesOf(unauthorized).includes('unauthorized') : false;
      expect(missingToken, `${method} ${route}`).toBe(rule === 'user' || rule === 'admin');
    }
  });

  it('declares each problem response once, in components, with its codes in its description and its schema', () => {
    for (const { operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) expect(response.$ref).toMatch(/^#\/components\/responses\/\w+$/);
      }
    }
    for (const response of Object.values(document.components!.responses!) as Response[]) {
      const codes = codesOf(response);
      expect(response.description).toBe(
        `Problem details (RFC 9457); \`code\`: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      );
      expect(response.content!['application/problem+json']!.schema.allOf[0]).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    }
  });

  it('declares 400 on every route with input, 413 and 415 exactly where a body is read, malformed_json for JSON', () => {
    for (const { route, method, operation, responses } of operations()) {
      const codes = (status: number) => {
        const response = responses.find((entry) => entry.status === status)?.response;
        return response ? codesOf(response) : [];
      };
      const hasInput = (operation.parameters ?? []).some((p) => p.in === 'query' || p.in === 'header');
      const body = Object.keys(operation.requestBody?.content ?? {})[0];
      const at = `${method} ${route}`;
      if (hasInput || body) expect(codes(400), at).toContain('validation_failed');
      expect(codes(413), at).toEqual(body ? ['payload_too_large'] : []);
      expect(codes(415), at).toEqual(body ? ['unsupported_media_type'] : []);
      expect(codes(400).includes('malformed_json'), at).toBe(body === 'application/json');
    }
  });

  it('declares the headers every answer carries, and those of retries, catalogue reads, replays and guest carts', () => {
    for (const { route, method, responses } of operations()) {
      const appRoute = contract.get(`${method} ${route}`)!;
      const at = `${method} ${route}`;
      for (const { status, response } of responses) {
        const headers = Object.keys(response.headers ?? {});
        expect(headers, `${at} ${status}`).toEqual(
          expect.arrayContaining(['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
        );
        if (status === 429 || status === 503) expect(headers, `${at} ${status}`).toContain('Retry-After');
        if (status === 401) expect(headers, `${at} ${status}`).toContain('WWW-Authenticate');
        if (status >= 400) continue;
        expect(headers.includes('ETag'), `${at} ${status}`).toBe(isCatalogueRead(appRoute));
        expect(headers.includes('Idempotent-Replayed'), `${at} ${status}`).toBe(isIdempotentRoute(appRoute));
        expect(headers.includes('X-Cart-Token'), `${at} ${status}`).toBe(issuesCartToken(appRoute));
      }
      expect(
        responses.some(({ status }) => status === 304),
        `${at} answers 304 to If-None-Match`,
      ).toBe(isCatalogueRead(appRoute));
    }
    const used = JSON.stringify(document.paths) + JSON.stringify(document.components!.responses);
    for (const name of Object.keys(document.components!.headers!)) expect(used).toContain(`/headers/${name}"`);
  });

  it('gives query and header parameters no example, so Swagger UI does not send one, and keeps it in the description', () => {
    const products = document.paths['/api/v1/products']!.get as Operation;
    const category = products.parameters!.find((p) => p.name === 'category')!;
    expect(category.description).toContain('Example: `laptops`');
    for (const { route, method, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.$ref) continue;
        expect(parameter.schema, `${method} ${route} ${parameter.name}`).not.toHaveProperty('example');
        expect(parameter, `${method} ${route} ${parameter.name}`).not.toHaveProperty('example');
      }
    }
  });

  it('is committed up to date in docs/ with its Postman collection (run `pnpm openapi` after changing the contract)', async () => {
    expect(JSON.parse(await readFile(path.join(docsDir, 'openapi.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(document)),
    );
    expect(JSON.parse(await readFile(path.join(docsDir, 'nexus.postman_collection.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(toPostmanCollection(document))),
    );
  });
});

describe('the headers the server really sends', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT: '40' });
  });
  afterAll(async () => {
    await app.close();
  });

  /** The API's own headers on an answer (those `components.headers` names) that its operation does not declare. */
  function undeclared(route: string, method: string, answer: globalThis.Response): string[] {
    const operation = (document.paths[route] as Record<string, Operation>)[method]!;
    const declared = Object.keys(resolve(operation.responses[String(answer.status)]!).headers ?? {});
    const ours = Object.keys(document.components!.headers!).filter((name) => answer.headers.has(name));
    return ours.filter((name) => !declared.includes(name));
  }

  it('declares every one of them on the operation and status that sent it', async () => {
    const admin = await signUpAdmin(app);
    const category = await createCategory(admin, { name: 'Header Shelf' });
    const product = await createProduct(admin, {
      name: 'Header Lamp',
      price: '9.00',
      category_id: category.id,
      stock: 5,
    });
    const answers: Array<[string, string, globalThis.Response]> = [];
    const send = async (route: string, method: string, path: string, init?: Parameters<TestApp['fetch']>[1]) => {
      const answer = await app.fetch(path, { method: method.toUpperCase(), ...init });
      answers.push([route, method, answer]);
      return answer;
    };

    const list = await send('/api/v1/products', 'get', '/api/v1/products');
    expect(list.headers.get('ETag')).toBeTruthy();
    const etag = list.headers.get('ETag')!;
    expect(
      (await send('/api/v1/products', 'get', '/api/v1/products', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const add = { json: { product_id: product.id, quantity: 1 }, headers: { 'idempotency-key': 'headers-test-1' } };
    const first = await send('/api/v1/cart/items', 'post', '/api/v1/cart/items', add);
    expect(first.status).toBe(200);
    expect(first.headers.get('X-Cart-Token')).toBeTruthy();
    const replay = await send('/api/v1/cart/items', 'post', '/api/v1/cart/items', add);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await send('/api/v1/users/me', 'get', '/api/v1/users/me')).headers.get('WWW-Authenticate')).toBeTruthy();
    let limited: globalThis.Response | undefined;
    for (let i = 0; i < 45 && !limited; i += 1) {
      const answer = await send('/api/v1/categories', 'get', '/api/v1/categories');
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.headers.get('Retry-After')).toBeTruthy();

    for (const [route, method, answer] of answers) {
      expect(answer.headers.get('X-Request-Id'), `${method} ${route} ${answer.status}`).toBeTruthy();
      expect(undeclared(route, method, answer), `${method} ${route} ${answer.status}`).toEqual([]);
    }
  });
});
