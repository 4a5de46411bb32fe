import { problemCatalog, type FieldError, type ProblemCode } from '@nexus/contract';

/** A domain-rule violation thrown below the route; the error middleware renders it through the catalogue. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? problemCatalog[code].title);
    this.status = problemCatalog[code].status;
  }
}

/** Unique and foreign-key constraints whose violation is an expected outcome, by constraint name. */
export const constraintProblems: Record<string, { code: ProblemCode; detail: string; path?: string }> = {
  users_email_key: { code: 'email_taken', detail: 'An account with this email already exists', path: 'email' },
};
