import { problemCatalog, type ProblemCode, type ProblemItem } from '@nexus/contract';

/** A domain-rule violation thrown below the route; the error middleware renders it through the catalogue. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: ProblemItem<ProblemCode>[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? problemCatalog[code].title);
    this.status = problemCatalog[code].status;
  }
}

interface ConstraintProblem {
  code: ProblemCode;
  detail: string;
  /** The wire field to name in `errors`. */
  path?: string;
  /** For a foreign key: the answer when the violation is a delete of a still-referenced row. */
  whenReferenced?: { code: ProblemCode; detail: string };
}

const categoryInUse = {
  code: 'category_in_use',
  detail: 'The category still has products or child categories',
} as const;

/**
 * Constraints whose violation is an expected outcome, by name: the safety net behind the checks routes make
 * first, so a race between two requests still ends in the right 4xx instead of a 500.
 */
export const constraintProblems: Record<string, ConstraintProblem> = {
  users_email_key: { code: 'email_taken', detail: 'An account with this email already exists', path: 'email' },
  categories_name_lower_key: { code: 'name_taken', detail: 'A category with this name already exists', path: 'name' },
  categories_slug_key: { code: 'slug_taken', detail: 'A category with this slug already exists', path: 'slug' },
  reviews_product_id_user_id_key: {
    code: 'already_reviewed',
    detail: 'You have already reviewed this product; edit that review instead',
  },
  product_variants_sku_lower_key: {
    code: 'sku_taken',
    detail: 'A variant with this SKU already exists (SKUs are unique, whatever their case)',
    path: 'sku',
  },
  product_variants_product_options_key: {
    code: 'validation_failed',
    detail: 'The product already has a variant with these options',
    path: 'options',
  },
  products_slug_key: { code: 'slug_taken', detail: 'A product with this slug already exists', path: 'slug' },
  products_category_id_fkey: {
    code: 'validation_failed',
    detail: 'No such category',
    path: 'category_id',
    whenReferenced: categoryInUse,
  },
  categories_parent_id_fkey: {
    code: 'validation_failed',
    detail: 'No such category',
    path: 'parent_id',
    whenReferenced: categoryInUse,
  },
  categories_no_cycle_chk: {
    code: 'validation_failed',
    detail: 'A category cannot be moved under itself or its descendants',
    path: 'parent_id',
  },
  categories_not_own_parent_chk: {
    code: 'validation_failed',
    detail: 'A category cannot be its own parent',
    path: 'parent_id',
  },
};
