/**
 * The OpenAPI 3 document of the v1 API, generated from the ts-rest contract so it cannot drift from the code.
 */
import { generateOpenApi } from '@ts-rest/open-api';
import type { AppRoute } from '@ts-rest/core';
import { API_PREFIX, api, routeAccess } from '@nexus/contract';

type OpenApiDocument = ReturnType<typeof generateOpenApi>;
type Operation = Parameters<NonNullable<NonNullable<Parameters<typeof generateOpenApi>[2]>['operationMapper']>>[0];

const tags = [
  {
    name: 'auth',
    description: 'Register, log in, refresh and log out. Access tokens are JWTs; refresh tokens rotate on every use.',
  },
  { name: 'users', description: 'Your own account, and admin management of every account.' },
  { name: 'categories', description: 'The category tree. Reads are public; writes are for admins.' },
  {
    name: 'products',
    description: 'The catalogue: filter, search, sort and page products. Reads are public; writes are for admins.',
  },
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

/** Errors are served as application/problem+json, and each response names the codes it can carry. */
function describeErrors(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (Number(status) < 400 || !response || !('content' in response) || !response.content) continue;
    const media = response.content['application/json'];
    if (!media) continue;
    response.content = { 'application/problem+json': media };
    const codes = (media.schema as { properties?: { code?: { enum?: string[] } } }).properties?.code?.enum ?? [];
    response.description = `Problem details (RFC 9457); \`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}`;
  }
}

/** Builds the OpenAPI 3 document; `serverUrl` becomes the one server entry when given (else a local server). */
export function buildOpenApiDocument(options: { serverUrl?: string; version?: string } = {}): OpenApiDocument {
  const document = generateOpenApi(
    api,
    {
      info: {
        title: 'Nexus Commerce API',
        version: options.version ?? '1.0.0',
        license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
        description:
          'Contract-first commerce API. Field names are snake_case, ids are UUIDs, money is a decimal string with two fractional digits, timestamps are ISO 8601 UTC. Every error is `application/problem+json` with a stable `code`. Every response carries `X-Request-Id`.',
      },
      servers: [
        options.serverUrl
          ? { url: options.serverUrl }
          : { url: 'http://localhost:3000', description: 'A local server (`pnpm start`)' },
      ],
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
      },
    },
    {
      setOperationId: 'concatenated-path',
      operationMapper: (operation, route) => {
        const access = routeAccess(route);
        describeErrors(operation);
        return {
          ...operation,
          tags: [tagOf(route)],
          description: [route.description, accessNote[access]].filter(Boolean).join('\n\n'),
          security: securityOf(access),
        };
      },
    },
  );
  return document;
}
