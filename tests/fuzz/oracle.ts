import { isAppRouteNoBody, isAppRouteOtherResponse, type AppRoute } from '@ts-rest/core';
import type { z } from 'zod';
import { PROBLEM_TYPE_BASE } from '@nexus/contract';

/** What the contract promises about any answer, checked for one: the reasons it breaks that promise. */
export function contractViolations(
  route: AppRoute,
  status: number,
  contentType: string | null,
  text: string,
): string[] {
  if (status >= 500) return [`answered ${status}`];
  const declared = (route.responses as Record<number, unknown>)[status];
  if (declared === undefined) return [`status ${status} is not declared for this operation`];
  if (isAppRouteNoBody(declared as Parameters<typeof isAppRouteNoBody>[0]))
    return text === '' ? [] : [`status ${status} must have no body`];
  if (isAppRouteOtherResponse(declared as Parameters<typeof isAppRouteOtherResponse>[0])) {
    const expected = (declared as { contentType: string }).contentType;
    return contentType?.startsWith(expected) ? [] : [`status ${status} must be ${expected}, not ${contentType}`];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`status ${status} answered a body that is not JSON`];
  }
  const problems: string[] = [];
  if (status >= 400) {
    if (!contentType?.startsWith('application/problem+json')) problems.push(`error with content type ${contentType}`);
    const { code, type } = body as { code?: string; type?: string };
    if (type !== PROBLEM_TYPE_BASE + code) problems.push('problem type does not end in its code');
  }
  const parsed = (declared as z.ZodTypeAny).safeParse(body);
  if (!parsed.success) {
    const code = (body as { code?: string }).code;
    problems.push(
      status >= 400
        ? `code ${code} is not declared for status ${status}`
        : `body does not match the response schema: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
    );
  }
  return problems;
}
