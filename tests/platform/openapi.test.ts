import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@nexus/contract/openapi';
import { toPostmanCollection } from '@nexus/contract/postman';

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

  it('puts the bearer scheme on exactly the operations that answer 401 for a missing token', () => {
    for (const { route, method, operation } of operations(buildOpenApiDocument())) {
      const needsToken = JSON.stringify(operation.responses['401'] ?? {}).includes('"unauthorized"');
      expect(operation.security, `${method} ${route}`).toEqual(needsToken ? [{ bearerAuth: [] }] : []);
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
