import { expect } from 'vitest';
import { PROBLEM_TYPE_BASE, problemCatalog, type Problem, type ProblemCode } from '@nexus/contract';

/** Asserts an RFC 9457 answer: status, media type, `code`, `type` URI, catalogue title and request id. */
export async function expectProblem(response: Response, code: ProblemCode): Promise<Problem> {
  const body = (await response.json()) as Problem;
  expect({ status: response.status, code: body.code }).toEqual({ status: problemCatalog[code].status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    type: PROBLEM_TYPE_BASE + code,
    title: problemCatalog[code].title,
    status: problemCatalog[code].status,
  });
  expect(body.request_id).toBe(response.headers.get('x-request-id'));
  if (response.status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  return body;
}
