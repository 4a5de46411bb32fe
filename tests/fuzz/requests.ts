import fc from 'fast-check';
import type { z } from 'zod';
import { BAD_AUTHORIZATIONS, HOSTILE_HEADERS } from './hostile.js';
import { bodyArbitrary } from './body-arbitrary.js';
import type { Operation } from './operations.js';
import { pathArbitrary, queryArbitrary } from './url-arbitrary.js';

/** Who sends a request; tokens are filled in when it is sent. */
export type Caller = 'anonymous' | 'customer' | 'admin' | 'forged';

/** One generated request, ready to send: the path and query are built, the body is serialised. */
export interface RequestSpec {
  operation: string;
  /** Which input class produced it, for the summary. */
  variant: string;
  method: string;
  path: string;
  caller: Caller;
  /** For caller 'forged': the Authorization header sent. */
  authorization?: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const schemaOf = (value: unknown): z.ZodTypeAny | undefined =>
  value && typeof value === 'object' && 'safeParse' in value ? (value as z.ZodTypeAny) : undefined;

const callerArbitrary: fc.Arbitrary<{ caller: Caller; authorization?: string }> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ caller: 'anonymous' as const }) },
  { weight: 4, arbitrary: fc.constant({ caller: 'customer' as const }) },
  { weight: 4, arbitrary: fc.constant({ caller: 'admin' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...BAD_AUTHORIZATIONS)
      .map((authorization) => ({ caller: 'forged' as const, authorization })),
  },
);

/** Usually no extra header; sometimes a forwarded address or request id a client made up. */
const headerArbitrary: fc.Arbitrary<{ variant?: string; headers: Record<string, string> }> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ headers: {} }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...HOSTILE_HEADERS).map((headers) => ({ variant: 'hostile header', headers })),
  },
);

/** Every request the fuzzer may send for one operation. */
export function requestArbitrary({ name, route }: Operation): fc.Arbitrary<RequestSpec> {
  const bodySchema = 'body' in route ? schemaOf(route.body) : undefined;
  const body = bodySchema ? bodyArbitrary(bodySchema) : fc.constant(undefined);
  return fc
    .record({
      path: pathArbitrary(route),
      query: queryArbitrary(schemaOf(route.query)),
      body,
      caller: callerArbitrary,
      extra: headerArbitrary,
    })
    .map(({ path, query, body, caller, extra }) => ({
      operation: name,
      variant: path.variant ?? query.variant ?? body?.variant ?? extra.variant ?? 'valid',
      method: route.method,
      path: query.query ? `${path.path}?${query.query}` : path.path,
      ...caller,
      headers: { ...extra.headers, ...(body?.headers ?? {}) },
      ...(body ? { body: body.body } : {}),
    }));
}
