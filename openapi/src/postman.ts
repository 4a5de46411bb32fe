/**
 * A Postman v2.1 collection derived from the OpenAPI document: one folder per tag, bodies from the
 * examples, bearer auth on protected requests. Deterministic, so the committed file diffs cleanly.
 */
import type { buildOpenApiDocument } from './openapi.js';

type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; description?: string; schema?: { example?: unknown } }>;
  requestBody?: { content?: Record<string, { schema?: { example?: unknown } }> };
}

// After login, register or refresh, keep the new tokens in collection variables for the next requests.
const storeTokens = [
  'const body = pm.response.json();',
  "if (body.access) pm.collectionVariables.set('accessToken', body.access);",
  "if (body.refresh) pm.collectionVariables.set('refreshToken', body.refresh);",
];

function toItem(path: string, method: string, operation: Operation) {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(.+)\}$/, ':$1'));
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const example = operation.requestBody?.content?.['application/json']?.schema?.example;
  const issuesTokens = /\/auth\/(register|token)/.test(path);
  return {
    name: operation.summary ?? `${method.toUpperCase()} ${path}`,
    ...(issuesTokens ? { event: [{ listen: 'test', script: { type: 'text/javascript', exec: storeTokens } }] } : {}),
    request: {
      method: method.toUpperCase(),
      description: operation.description ?? '',
      auth: operation.security?.length
        ? { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }] }
        : { type: 'noauth' },
      header: example === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }],
      url: {
        raw: `{{baseUrl}}/${segments.join('/')}`,
        host: ['{{baseUrl}}'],
        path: segments,
        ...(query.length
          ? { query: query.map((p) => ({ key: p.name, value: '', description: p.description ?? '', disabled: true })) }
          : {}),
        ...(segments.some((s) => s.startsWith(':'))
          ? { variable: segments.filter((s) => s.startsWith(':')).map((s) => ({ key: s.slice(1), value: '' })) }
          : {}),
      },
      ...(example === undefined
        ? {}
        : { body: { mode: 'raw', raw: JSON.stringify(example, null, 2), options: { raw: { language: 'json' } } } }),
    },
  };
}

export function toPostmanCollection(document: OpenApiDocument) {
  const folders = new Map<string, ReturnType<typeof toItem>[]>();
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation>)) {
      const tag = operation.tags?.[0] ?? 'default';
      folders.set(tag, [...(folders.get(tag) ?? []), toItem(path, method, operation)]);
    }
  }
  return {
    info: {
      name: document.info.title,
      description: document.info.description ?? '',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://localhost:3000' },
      { key: 'accessToken', value: '' },
      { key: 'refreshToken', value: '' },
    ],
    item: [...folders].map(([name, item]) => ({ name, item })),
  };
}
