/**
 * The response headers the server sends, as `components.headers`, and which responses carry which: every response
 * its request id and the rate-limit state, errors that ask for a retry `Retry-After`, 401s the bearer challenge,
 * catalogue reads their `ETag`, idempotent writes `Idempotent-Replayed`, the first add to a guest cart its token.
 */
import type { HeaderObject, ReferenceObject, SchemaObject } from 'openapi3-ts/oas30';
import type { ProblemCode } from '@nexus/contract';

const integer = { type: 'integer', minimum: 0 } satisfies SchemaObject;
const rateLimitNote = 'Sent on every `/api/v1` answer while the general rate limit is on (`RATE_LIMIT` > 0).';

/** Every header the API sets on its answers, by name. */
export const responseHeaders = {
  'X-Request-Id': {
    description:
      'This request’s id: the `X-Request-Id` you sent (1 to 128 of `A-Z a-z 0-9 . _ : -`), else a new UUID. Also `request_id` in a problem body: quote it when reporting one.',
    schema: { type: 'string', example: '6f1c0d7e-2b1a-4f55-9d0e-1c2b3a4d5e6f' },
  },
  'RateLimit-Policy': {
    description: `The general limit per client address (IETF RateLimit fields): \`limit;w=window seconds\`. ${rateLimitNote}`,
    schema: { type: 'string', example: '600;w=60' },
  },
  'RateLimit-Limit': {
    description: `Requests allowed per window. ${rateLimitNote}`,
    schema: { ...integer, example: 600 },
  },
  'RateLimit-Remaining': {
    description: `Requests left in the current window. ${rateLimitNote}`,
    schema: { ...integer, example: 599 },
  },
  'RateLimit-Reset': {
    description: `Seconds until the window starts again. ${rateLimitNote}`,
    schema: { ...integer, example: 60 },
  },
  'X-RateLimit-Limit': {
    description: 'The older name of `RateLimit-Limit`, for clients that read only it.',
    deprecated: true,
    schema: { ...integer, example: 600 },
  },
  'X-RateLimit-Remaining': {
    description: 'The older name of `RateLimit-Remaining`.',
    deprecated: true,
    schema: { ...integer, example: 599 },
  },
  'X-RateLimit-Reset': {
    description: 'When the window starts again, as a Unix time in seconds (unlike `RateLimit-Reset`).',
    deprecated: true,
    schema: { ...integer, example: 1767225600 },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { ...integer, example: 1 },
  },
  'WWW-Authenticate': {
    description: 'The bearer challenge (RFC 6750): `error="invalid_token"` when a token was sent but not accepted.',
    schema: { type: 'string', example: 'Bearer realm="nexus", error="invalid_token"' },
  },
  ETag: {
    description:
      'A strong validator of this catalogue answer: send it back in `If-None-Match` to get 304 while nothing it depends on has changed.',
    schema: { type: 'string', example: '"Q2f9kZ1xYb3mN8pL0aVwEr"' },
  },
  'Idempotent-Replayed': {
    description:
      '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key` (nothing was done again); absent on a first answer.',
    schema: { type: 'string', enum: ['true'] },
  },
  'X-Cart-Token': {
    description:
      'The token of the guest cart this request created: send it as `X-Cart-Token` from now on (it is also the cart’s `token`).',
    schema: { type: 'string', example: 'ct_0d9Jm3q…' },
  },
} satisfies Record<string, HeaderObject>;

export type ResponseHeader = keyof typeof responseHeaders;

/** Codes whose answers tell the client when to retry. */
const RETRY_CODES: readonly ProblemCode[] = [
  'rate_limited',
  'service_unavailable',
  'payment_provider_failed',
  'idempotency_key_in_flight',
];

/** What every `/api/v1` answer carries. */
const EVERY_ANSWER: readonly ResponseHeader[] = [
  'X-Request-Id',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/** A response's `headers`: references to the shared components, in a stable order. */
export function headerRefs(names: readonly ResponseHeader[]): Record<string, ReferenceObject> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** The headers of a problem response with these codes. */
export function problemHeaders(status: number, codes: readonly ProblemCode[]): Record<string, ReferenceObject> {
  return headerRefs([
    ...EVERY_ANSWER,
    ...(codes.some((code) => RETRY_CODES.includes(code)) ? (['Retry-After'] as const) : []),
    ...(status === 401 ? (['WWW-Authenticate'] as const) : []),
  ]);
}

/** The headers of a route's successful (or 304) answer. */
export function successHeaders(route: {
  catalogue: boolean;
  idempotent: boolean;
  issuesCartToken: boolean;
}): Record<string, ReferenceObject> {
  return headerRefs([
    ...EVERY_ANSWER,
    ...(route.catalogue ? (['ETag'] as const) : []),
    ...(route.idempotent ? (['Idempotent-Replayed'] as const) : []),
    ...(route.issuesCartToken ? (['X-Cart-Token'] as const) : []),
  ]);
}
