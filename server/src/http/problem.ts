import {
  PROBLEM_TYPE_BASE,
  problemCatalog,
  type ProblemItem,
  type Problem,
  type ProblemCode,
  type ProblemStatus,
} from '@nexus/contract';

/** At most this many `errors` are listed; `detail` still counts them all. Bounds the work a hostile body causes. */
export const MAX_LISTED_ERRORS = 50;
/** Longest text a problem echoes (a field path, a detail quoting input): a 20 KB key name is not sent back. */
const MAX_ECHO = 300;
const clip = (text: string) => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

/** Builds a problem body for `code` from the catalogue. */
export function problem<C extends ProblemCode>(code: C, detail?: string, errors?: ProblemItem<C>[]): Problem<C> {
  const { status, title } = problemCatalog[code];
  const body = {
    type: PROBLEM_TYPE_BASE + code,
    title,
    status,
    code,
    ...(detail ? { detail: clip(detail) } : {}),
    ...(errors?.length
      ? {
          errors: errors
            .slice(0, MAX_LISTED_ERRORS)
            .map((error) => ({ ...error, path: clip(error.path), message: clip(error.message) })),
        }
      : {}),
  };
  return body as unknown as Problem<C>;
}

/** A typed ts-rest response carrying the problem for `code`: `return reply('not_found', 'No user 42')`. */
export function reply<C extends ProblemCode>(code: C, detail?: string, errors?: ProblemItem<C>[]): Reply<C> {
  return { status: problemCatalog[code].status, body: problem(code, detail, errors) } as Reply<C>;
}

/** Distributes over a union of codes, so each status is paired with exactly its own codes. */
export type Reply<C extends ProblemCode> = C extends ProblemCode
  ? { status: ProblemStatus<C>; body: Problem<C> }
  : never;

/** A 400 naming one offending field, for rules only the database can check (an unknown reference, a cycle). */
export function invalidField(path: string, message: string): Reply<'validation_failed'> {
  return reply('validation_failed', '1 field is invalid', [{ path, message }]);
}
