import { z } from 'zod';

/** Largest page a list endpoint serves. */
export const MAX_PAGE_SIZE = 100;
/** Page size when `page_size` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest page number served; OFFSET past it costs too much (the catalogue's cursors go deeper at constant cost). */
export const MAX_PAGE = 10_000;

/** `page` and `page_size` query parameters shared by every list endpoint. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).describe(`1-based page number, at most ${MAX_PAGE}`),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
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
