import { z } from 'zod';
import { extendApi } from './openapi-meta.js';

/** Largest page a list endpoint serves. */
export const MAX_PAGE_SIZE = 100;
/** Page size when `page_size` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest page number served; OFFSET past it costs too much (the catalogue's cursors go deeper at constant cost). */
export const MAX_PAGE = 10_000;

/**
 * A whole number in a query string, written in decimal digits only: `1e1`, `0x10`, ` 5` and `` are refused
 * rather than read as 10, 16, 5 and 0.
 */
export function queryInteger(min: number, max: number) {
  const schema = z
    .union([
      z.number(),
      z
        .string()
        .regex(/^[0-9]{1,16}$/, 'must be a whole number')
        .transform(Number),
    ])
    .pipe(z.number().int().min(min).max(max));
  // The OpenAPI generator cannot read a pipe: say what it accepts on the wire.
  return extendApi(schema, { type: 'integer', minimum: min, maximum: max });
}

/** `page` and `page_size` query parameters shared by every list endpoint. */
export const PageQuerySchema = z.object({
  page: queryInteger(1, MAX_PAGE).default(1).describe(`1-based page number, at most ${MAX_PAGE}`),
  page_size: queryInteger(1, MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Items per page, 1 to ${MAX_PAGE_SIZE}`),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** The envelope every list endpoint answers with. */
export interface Page<T> {
  count: number | null;
  next: string | null;
  previous: string | null;
  next_cursor: string | null;
  results: T[];
}

/** Builds the list envelope schema around an item schema. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    count: z.number().int().nullable().describe('Total matching items; null in cursor mode'),
    next: z.string().nullable().describe('Relative URL of the next page, keeping every other parameter'),
    previous: z.string().nullable().describe('Relative URL of the previous page'),
    next_cursor: z.string().nullable().describe('Opaque keyset cursor for the next page; null on the last page'),
    results: z.array(item),
  });
}
