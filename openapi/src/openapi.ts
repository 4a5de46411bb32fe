/**
 * The OpenAPI 3 document of the v1 API, generated from the ts-rest contract so it cannot drift from the code.
 */
import { generateOpenApi } from '@ts-rest/open-api';
import type { AppRoute } from '@ts-rest/core';
import {
  API_PREFIX,
  api,
  isCatalogueRead,
  isIdempotentRoute,
  issuesCartToken,
  routeAccess,
  type ProblemCode,
} from '@nexus/contract';
import { ifNoneMatchParameter, withoutPrefill } from './parameters.js';
import { problemResponseRegistry, problemSchemas } from './problem-responses.js';
import { responseHeaders, successHeaders } from './response-headers.js';

type OpenApiDocument = ReturnType<typeof generateOpenApi>;
type Operation = Parameters<NonNullable<NonNullable<Parameters<typeof generateOpenApi>[2]>['operationMapper']>>[0];
type Response = { description: string; headers?: object; content?: Record<string, { schema?: unknown }> };

/** Where the document's one server entry points when no other is given: a local `pnpm start`. */
export const LOCAL_SERVER = { url: 'http://localhost:3000', description: 'A local server (`pnpm start`)' } as const;

/** The document's `info`: also what a server says of itself at `/`, without building the whole document. */
export const API_INFO = {
  title: 'Nexus Commerce API',
  version: '1.0.0',
  license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
  contact: { name: 'Nexus Commerce contributors', url: 'https://nexus.dev' },
  description:
    'Contract-first commerce API. Field names are snake_case, ids are UUIDs, money is a decimal string with two fractional digits, timestamps are ISO 8601 UTC. Every error is `application/problem+json` with a stable `code`. Every response carries `X-Request-Id`, and the rate-limit state in `RateLimit-*`.',
};

const tags = [
  {
    name: 'auth',
    description: 'Register, log in, refresh and log out. Access tokens are JWTs; refresh tokens rotate on every use.',
  },
  { name: 'users', description: 'Your own account and sessions, and admin management of every account.' },
  { name: 'categories', description: 'The category tree. Reads are public; writes are for admins.' },
  {
    name: 'products',
    description:
      'The catalogue: filter, search, sort and page products; variants, images, reviews and live stock of one. Reads are public; writes are for admins.',
  },
  { name: 'cart', description: 'One cart per customer, and guest carts named by the `X-Cart-Token` header.' },
  { name: 'orders', description: 'Checkout from the cart, your orders and their history; admins move them along.' },
  { name: 'reviews', description: 'Edit or delete your reviews; admins moderate every review.' },
  { name: 'wishlist', description: 'The products you keep for later.' },
  { name: 'payments', description: 'Payment provider events (signed webhooks) and test-provider confirmations.' },
  { name: 'webhooks', description: 'Admin: outgoing webhooks to your systems, and their deliveries.' },
  { name: 'admin', description: 'Admin: the mailbox of sent e-mails, delivery health and store statistics.' },
];

const accessNote = {
  public: 'Public: no token needed.',
  optional:
    'Guests and signed-in users: send `Authorization: Bearer <access>` when signed in (it must then be valid), or the guest cart token in `X-Cart-Token`.',
  user: 'Needs `Authorization: Bearer <access>` of an active user.',
  admin: 'Needs `Authorization: Bearer <access>` of an active **admin**; customers get 403 `forbidden`.',
} as const;

/** Who may call: nobody needs a token, a token is optional (`{}` first), or one is required. */
function securityOf(access: keyof typeof accessNote): Array<Record<string, string[]>> {
  const bearer: Record<string, string[]> = { bearerAuth: [] };
  if (access === 'public') return [];
  return access === 'optional' ? [{}, bearer] : [bearer];
}

function tagOf(route: AppRoute): string {
  return route.path.slice(API_PREFIX.length + 1).split('/')[0] ?? 'default';
}

/** Every generated inline problem response becomes a reference to its shared component; answers get their headers. */
function shareResponses(
  responses: Record<string, Response>,
  route: AppRoute,
  problems: ReturnType<typeof problemResponseRegistry>,
): Record<string, unknown> {
  const catalogue = isCatalogueRead(route);
  const headers = successHeaders({
    catalogue,
    idempotent: isIdempotentRoute(route),
    issuesCartToken: issuesCartToken(route),
  });
  const shared = Object.entries(responses).map(([status, response]) => {
    if (Number(status) < 400) return [status, { ...response, headers }];
    const schema = response.content?.['application/json']?.schema as { properties: { code: { enum: ProblemCode[] } } };
    return [status, problems.refer(Number(status), schema.properties.code.enum)];
  });
  const notModified = {
    description: 'Not modified: the `ETag` sent in `If-None-Match` is still current. No body.',
    headers,
  };
  return Object.fromEntries(catalogue ? [...shared, ['304', notModified]] : shared);
}

// The generator leaves `null` out of a nullable enum, so validators refuse a null value or example.
function nullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullInNullableEnums);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as { nullable?: boolean; enum?: unknown[] };
  if (schema.nullable === true && schema.enum && !schema.enum.includes(null)) schema.enum.push(null);
  Object.values(node).forEach(nullInNullableEnums);
}

/** Builds the OpenAPI 3 document, naming a local server (a running server names itself: see docs.ts). */
export function buildOpenApiDocument(): OpenApiDocument {
  const problems = problemResponseRegistry();
  const document = generateOpenApi(
    api,
    {
      info: { ...API_INFO },
      servers: [{ ...LOCAL_SERVER }],
      tags,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'The `access` token from `POST /api/v1/auth/token` or `/auth/register`.',
          },
        },
        headers: responseHeaders,
        parameters: { 'If-None-Match': ifNoneMatchParameter },
      },
    },
    {
      setOperationId: 'concatenated-path',
      operationMapper: (operation: Operation, route): Operation => {
        const access = routeAccess(route);
        const parameters = (operation.parameters ?? []).map((parameter) => withoutPrefill(parameter as never));
        return {
          ...operation,
          tags: [tagOf(route)],
          description: [route.description, accessNote[access]].filter(Boolean).join('\n\n'),
          security: securityOf(access),
          parameters: (isCatalogueRead(route)
            ? [...parameters, { $ref: '#/components/parameters/If-None-Match' }]
            : parameters) as Operation['parameters'],
          responses: shareResponses(operation.responses as Record<string, Response>, route, problems),
        };
      },
    },
  );
  // The shared pieces are written with openapi3-ts 4's types; the generator's document has version 2's.
  const components = document.components!;
  components.schemas = { ...components.schemas, ...(problemSchemas() as typeof components.schemas) };
  components.responses = problems.components() as typeof components.responses;
  nullInNullableEnums(document);
  return document;
}
