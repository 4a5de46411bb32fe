import { ProductOrderingSchema, type ProductListQueryInput } from '@nexus/contract';
import type { Filters } from '../../lib/url-state';

/** Rows per page of the products list. */
export const PRODUCTS_PAGE_SIZE = 25;

/** The products list's filters as they sit in the URL; `trail` is the comma-joined cursors walked so far. */
export const catalogueDefaults = {
  search: '',
  category: '',
  min_price: '',
  max_price: '',
  in_stock: '',
  min_rating: '',
  ordering: '',
  cursor: '',
  trail: '',
};
export type CatalogueFilters = Filters<keyof typeof catalogueDefaults>;

/** The catalogue query the filters stand for: only what is set, and an ordering only when it is one the API knows. */
export function catalogueQueryOf(filters: CatalogueFilters): ProductListQueryInput {
  const ordering = ProductOrderingSchema.safeParse(filters.ordering);
  return {
    page_size: PRODUCTS_PAGE_SIZE,
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.min_price ? { min_price: filters.min_price } : {}),
    ...(filters.max_price ? { max_price: filters.max_price } : {}),
    ...(filters.in_stock === 'true' ? { in_stock: true } : {}),
    ...(filters.min_rating ? { min_rating: filters.min_rating } : {}),
    ...(ordering.success ? { ordering: ordering.data } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
}

/** The cursors walked to reach this page, oldest first (cursors are base64url, so never hold a comma). */
export const trailOf = (filters: CatalogueFilters): string[] => (filters.trail ? filters.trail.split(',') : []);

/** Whether any filter narrows the list (for the empty state and the "Clear filters" button). */
export const isFiltered = (filters: CatalogueFilters): boolean =>
  Boolean(
    filters.search ||
    filters.category ||
    filters.min_price ||
    filters.max_price ||
    filters.in_stock ||
    filters.min_rating,
  );
