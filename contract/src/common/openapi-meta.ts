import type { ZodTypeAny } from 'zod';

/** What a schema may add to its OpenAPI rendering: a description, an example, a format the type cannot say. */
export interface OpenApiMeta {
  description?: string;
  example?: unknown;
  format?: string;
  [keyword: string]: unknown;
}

/**
 * Attaches OpenAPI keywords to a schema, exactly as `@anatine/zod-openapi`'s `extendApi` does (a copy of the schema
 * carrying `metaOpenApi`, which the generator reads). Written here so the contract's runtime, which the SDK ships
 * to browsers, needs nothing but zod and ts-rest: the OpenAPI tooling stays in `@nexus/openapi`, server side.
 */
export function extendApi<T extends ZodTypeAny>(schema: T, meta: OpenApiMeta): T {
  const Schema = schema.constructor as new (def: unknown) => T;
  const copy = new Schema(schema._def) as T & { metaOpenApi?: OpenApiMeta };
  copy.metaOpenApi = { ...(schema as { metaOpenApi?: OpenApiMeta }).metaOpenApi, ...meta };
  return copy;
}

/**
 * Stands in an example for a value that must be new on every try (an e-mail address, a category name), so the
 * example can be sent twice: Swagger UI at `/api/docs` replaces it on every Execute, and Postman, whose dynamic
 * variable it is, on every Send. Sent unreplaced, it is plain text (and no valid e-mail address).
 */
export const UNIQUE_EXAMPLE = '{{$timestamp}}';
