import { z } from 'zod';
import { extendApi } from './openapi-meta.js';

/**
 * Every error code the API can answer with, its HTTP status and its title.
 * Clients branch on `code`; `title` and `detail` are for humans and may change.
 */
export const problemCatalog = {
  validation_failed: { status: 400, title: 'Invalid request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_token: { status: 401, title: 'Invalid token' },
  token_expired: { status: 401, title: 'Token expired' },
  token_revoked: { status: 401, title: 'Token revoked' },
  token_reused: { status: 401, title: 'Refresh token reuse detected' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  forbidden: { status: 403, title: 'Not allowed' },
  account_disabled: { status: 403, title: 'Account deactivated' },
  not_found: { status: 404, title: 'Resource not found' },
  cart_not_found: { status: 404, title: 'No cart has this token' },
  email_taken: { status: 409, title: 'Email already registered' },
  cannot_modify_self: { status: 409, title: 'Admins cannot demote, deactivate or delete themselves' },
  name_taken: { status: 409, title: 'Name already in use' },
  slug_taken: { status: 409, title: 'Slug already in use' },
  sku_taken: { status: 409, title: 'SKU already in use' },
  last_variant: { status: 409, title: 'A product keeps at least one variant' },
  category_in_use: { status: 409, title: 'Category still has products or children' },
  conflict: { status: 409, title: 'Conflicts with the current state' },
  write_conflict: { status: 409, title: 'Conflicting concurrent update; retry' },
  insufficient_stock: { status: 409, title: 'Insufficient stock' },
  cart_empty: { status: 409, title: 'The cart is empty' },
  invalid_transition: { status: 409, title: 'Not allowed in the current status' },
  already_reviewed: { status: 409, title: 'Already reviewed' },
  idempotency_key_in_flight: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused for a different request' },
  variant_required: { status: 400, title: 'Name a variant of this product' },
  not_a_verified_buyer: { status: 403, title: 'Only buyers of this product may review it' },
  invalid_reset_token: { status: 400, title: 'Unknown, used or expired password reset token' },
  payment_provider_unavailable: { status: 409, title: 'This payment provider is not enabled' },
  test_provider_only: { status: 409, title: 'Only payments of the test provider can be confirmed here' },
  invalid_signature: { status: 400, title: 'Missing, wrong or stale webhook signature' },
  payment_provider_failed: { status: 502, title: 'The payment provider did not answer; retry' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  malformed_request: { status: 400, title: 'Malformed HTTP request' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

type Catalog = typeof problemCatalog;
/** A stable, machine-readable error identifier. */
export type ProblemCode = keyof Catalog;
/** The HTTP status that answers a given code. */
export type ProblemStatus<C extends ProblemCode = ProblemCode> = Catalog[C]['status'];

/** Base of every problem `type` URI; the URI ends in the code. */
export const PROBLEM_TYPE_BASE = 'https://nexus.dev/problems/';

/** One offending field: `path` is the wire name (`price`, `category_id`, `page`). */
export const FieldErrorSchema = z.object({
  path: z.string().describe('Wire name of the offending field, dotted for nested fields'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** An `insufficient_stock` item: the short line, and how many units are left of it. */
export const StockShortageSchema = extendApi(
  FieldErrorSchema.extend({
    product_id: z.string().uuid(),
    variant_id: z.string().uuid(),
    available: z.number().int().min(0).describe('Units in stock now'),
  }),
  { title: 'StockShortage' },
);
export type StockShortage = z.infer<typeof StockShortageSchema>;

/** Codes whose `errors` items say more than a path and a message, and the schema of those items. */
export const problemItemSchemas = { insufficient_stock: StockShortageSchema } as const;
type ItemCode = keyof typeof problemItemSchemas;

/** What one item of `errors` holds for a problem with code `C`. */
export type ProblemItem<C extends ProblemCode> = C extends ItemCode
  ? z.infer<(typeof problemItemSchemas)[C]>
  : FieldError;

/**
 * An RFC 9457 problem details body with `code` narrowed to `C`; a union over codes, so checking `code` also
 * narrows `errors` (an `insufficient_stock` item names `product_id`, `variant_id` and `available`).
 */
export type Problem<C extends ProblemCode = ProblemCode> = C extends ProblemCode
  ? {
      type: string;
      title: string;
      status: number;
      code: C;
      detail?: string;
      errors?: ProblemItem<C>[];
      request_id?: string;
    }
  : never;

const requestIdExample = '6f1c0d7e-2b1a-4f55-9d0e-1c2b3a4d5e6f';

/** An example problem body with code `code`, as the OpenAPI document shows it. */
export function problemExample(code: ProblemCode): Problem {
  const { status, title } = problemCatalog[code];
  const occurrence =
    code === 'validation_failed'
      ? { detail: '1 field is invalid', errors: [{ path: 'email', message: 'Invalid email' }] }
      : { detail: title };
  return {
    type: PROBLEM_TYPE_BASE + code,
    title,
    status,
    code,
    ...occurrence,
    request_id: requestIdExample,
  } as Problem;
}

// The richer item schemas first: a union keeps the first option that parses, with its own fields.
function itemSchemaFor(codes: readonly ProblemCode[]) {
  const rich = codes
    .filter((code): code is ItemCode => code in problemItemSchemas)
    .map((code) => problemItemSchemas[code]);
  return rich.length
    ? z.union([...rich, FieldErrorSchema] as unknown as [z.ZodTypeAny, z.ZodTypeAny, ...z.ZodTypeAny[]])
    : FieldErrorSchema;
}

function problemSchemaFor(codes: readonly [ProblemCode, ...ProblemCode[]]) {
  return extendApi(
    z.object({
      type: z.string().url().describe('URI identifying the problem type; ends in `code`'),
      title: z.string().describe('Short human-readable summary; do not branch on it'),
      status: z.number().int(),
      code: z.enum(codes).describe('Stable machine-readable code; branch on this'),
      detail: z.string().optional().describe('Human-readable explanation of this occurrence'),
      errors: z.array(itemSchemaFor(codes)).optional().describe('Every offending field or line'),
      request_id: z.string().optional().describe('Echo of the X-Request-Id header, for support'),
    }),
    { example: problemExample(codes[0]) },
  );
}

/** Any problem body, whatever its code. */
export const ProblemSchema = problemSchemaFor(
  Object.keys(problemCatalog) as [ProblemCode, ...ProblemCode[]],
) as unknown as z.ZodType<Problem>;

type CodesWithStatus<C extends ProblemCode, S> = C extends ProblemCode
  ? ProblemStatus<C> extends S
    ? C
    : never
  : never;

/** Response schemas for a route's error codes, grouped by status so each status' `code` is a precise union. */
export type ProblemResponses<C extends ProblemCode> = {
  [S in ProblemStatus<C>]: z.ZodType<Problem<CodesWithStatus<C, S>>>;
};

/**
 * Declares the problem responses a route can give: `problemResponses('validation_failed', 'email_taken')`
 * yields `{ 400: Problem<'validation_failed'>, 409: Problem<'email_taken'> }`.
 */
export function problemResponses<const C extends ProblemCode>(...codes: C[]): ProblemResponses<C> {
  const byStatus = new Map<number, C[]>();
  for (const code of new Set(codes)) {
    const status = problemCatalog[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [status, problemSchemaFor(group as [C, ...C[]])]),
  ) as unknown as ProblemResponses<C>;
}

/** Errors any request with a JSON body can meet before it reaches the handler. */
export const BODY_PROBLEMS = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
] as const;
/** Errors a `multipart/form-data` upload can meet before it reaches the handler (it is never parsed as JSON). */
export const UPLOAD_PROBLEMS = ['validation_failed', 'payload_too_large', 'unsupported_media_type'] as const;
/** Errors of a route that needs a signed-in user. */
export const USER_PROBLEMS = [
  'unauthorized',
  'invalid_token',
  'token_expired',
  'token_revoked',
  'account_disabled',
] as const;
/** Errors of a route open to guests when a token is sent anyway: it must be a valid one. */
export const OPTIONAL_USER_PROBLEMS = ['invalid_token', 'token_expired', 'token_revoked', 'account_disabled'] as const;
/** Errors of a route that needs an admin. */
export const ADMIN_PROBLEMS = [...USER_PROBLEMS, 'forbidden'] as const;
/**
 * Errors any write can meet in the database: `write_conflict` when it lost a race with a concurrent write
 * (retrying it is safe), `conflict` when it collides with existing data.
 */
export const WRITE_PROBLEMS = ['conflict', 'write_conflict'] as const;
