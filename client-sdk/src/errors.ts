import type { Problem, ProblemCode } from '@nexus/contract';

/** Thrown by the unwrapped client for every non-2xx answer; `problem` is the RFC 9457 body. */
export class NexusApiError<C extends ProblemCode = ProblemCode> extends Error {
  override readonly name = 'NexusApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem<C>,
    /** The response's headers (`Retry-After`, `RateLimit-*`, `X-Request-Id`, …). */
    readonly headers: Headers = new Headers(),
  ) {
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }

  /** The stable error code; branch on this, never on the message. */
  get code(): C {
    return this.problem.code as C;
  }

  /**
   * Seconds the server asks you to wait before retrying (`Retry-After`, on 429 and 503 answers), or null.
   * An HTTP-date is converted to seconds from now.
   */
  get retryAfter(): number | null {
    const value = this.headers.get('retry-after');
    if (!value) return null;
    if (/^\d+$/.test(value.trim())) return Number(value);
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
}

/** Narrows `error` to a NexusApiError, optionally with one of the given codes. */
export function isNexusError<C extends ProblemCode>(error: unknown, ...codes: C[]): error is NexusApiError<C> {
  return error instanceof NexusApiError && (codes.length === 0 || codes.includes(error.code as C));
}

/** Whatever a non-2xx answer carried, as a problem (a proxy's HTML error page becomes `internal_error`). */
export function toProblem(status: number, body: unknown): Problem {
  if (typeof body === 'object' && body !== null && 'code' in body && 'title' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: 'Unexpected response',
    status,
    code: 'internal_error',
    detail: String(body ?? ''),
  };
}
