import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { routeAccess } from '@nexus/contract';
import { contractOperations } from '../fuzz/operations.js';
import { buildOpenApiDocument } from '@nexus/openapi';
import { toPostmanCollection } from '@nexus/openapi';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
type Operation = {
  security?: unknown[];
  tags?: string[];
  summary?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
};
const operations = (document: ReturnType<typeof buildOpenApiDocument>) =>
  Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ route, method, operation })),
  );

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(buildOpenApiDocument()) as never)).resolves.toBeTruthy();
  });

  it('gives every operation a tag and a summary, and serves every error as application/problem+json', () => {
    for (const { route, method, operation } of operations(buildOpenApiDocument())) {
      expect(operation.tags?.length, `${method} ${route}`).toBe(1);
      expect(operation.summary, `${method} ${route}`).toBeTruthy();
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${method} ${route} ${status}`).toEqual([
            'application/problem+json',
          ]);
      }
    }
  });

  it('puts the bearer scheme on exactly the operations the contract protects, and optional on guest routes', () => {
    const access = new Map(
      contractOperations().map(({ route }) => [
        `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
        routeAccess(route),
      ]),
    );
    for (const { route, method, operation } of operations(buildOpenApiDocument())) {
      const rule = access.get(`${method} ${route}`);
      const expected = rule === 'public' ? [] : rule === 'optional' ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }];
      expect(operation.security, `${method} ${route}`).toEqual(expected);
      // A route that needs a token says so in its 401 answers.
      const missingToken = JSON.stringify(operation.responses['401'] ?? {}).includes('"unauthorized"');
      expect(missingToken, `${method} ${route}`).toBe(rule === 'user' || rule === 'admin');
    }
  });

  it('is committed up to date in docs/ with its Postman collection (run `pnpm openapi` after changing the contract)', async () => {
    const document = buildOpenApiDocument();
    expect(JSON.parse(await readFile(path.join(docsDir, 'openapi.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(document)),
    );
    expect(JSON.parse(await readFile(path.join(docsDir, 'nexus.postman_collection.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(toPostmanCollection(document))),
    );
  });
});
