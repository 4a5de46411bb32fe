/**
 * Problem details as shared components instead of an inline copy in every operation: the schemas `Problem` (any
 * code), `FieldError` and the richer `errors` items (`StockShortage`), and one `components.responses` entry per set
 * of codes a route answers with one status. Each entry narrows `status` and `code` to that set, names the codes in
 * its description and declares its headers; operations refer to it.
 */
import { generateSchema } from '@anatine/zod-openapi';
import type { ReferenceObject, ResponseObject, SchemaObject } from 'openapi3-ts/oas30';
import type { ZodTypeAny } from 'zod';
import { FieldErrorSchema, ProblemSchema, problemExample, problemItemSchemas, type ProblemCode } from '@nexus/contract';
import { problemHeaders } from './response-headers.js';

const schemaOf = (schema: ZodTypeAny) => generateSchema(schema, true, '3.0') as SchemaObject;
const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const titleOf = (schema: ZodTypeAny) => (schema as { metaOpenApi?: { title?: string } }).metaOpenApi!.title!;
const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_, _sep, letter: string) => letter.toUpperCase());

/** `Problem`, `FieldError` and the item schemas of the codes that have their own, for `components.schemas`. */
export function problemSchemas(): Record<string, SchemaObject> {
  const problem = schemaOf(ProblemSchema);
  const errors = problem.properties!.errors as SchemaObject;
  return {
    Problem: {
      ...problem,
      description: 'An RFC 9457 problem details body; every error of the API is one.',
      // Any item is at least a FieldError; the responses whose codes carry richer items say which.
      properties: { ...problem.properties, errors: { ...errors, items: schemaRef('FieldError') } },
    },
    FieldError: { title: 'FieldError', ...schemaOf(FieldErrorSchema) },
    ...Object.fromEntries(Object.values(problemItemSchemas).map((schema) => [titleOf(schema), schemaOf(schema)])),
  };
}

function itemsOf(codes: readonly ProblemCode[]): SchemaObject | undefined {
  const rich = codes.filter((code): code is keyof typeof problemItemSchemas => code in problemItemSchemas);
  if (!rich.length) return undefined;
  // A richer item is also a FieldError, so the options overlap: anyOf, not oneOf.
  const anyOf = [...rich.map((code) => schemaRef(titleOf(problemItemSchemas[code]))), schemaRef('FieldError')];
  return { type: 'array', items: { anyOf } };
}

function problemResponse(status: number, codes: readonly ProblemCode[]): ResponseObject {
  const errors = itemsOf(codes);
  return {
    description: `Problem details (RFC 9457); \`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}`,
    headers: problemHeaders(status, codes),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            schemaRef('Problem'),
            {
              type: 'object',
              properties: {
                status: { type: 'integer', enum: [status] },
                code: { type: 'string', enum: [...codes] },
                ...(errors ? { errors } : {}),
              },
            },
          ],
        },
        example: problemExample(codes[0]!),
      },
    },
  };
}

/** Collects the problem responses of every operation: each distinct status and set of codes becomes one component. */
export function problemResponseRegistry() {
  const responses = new Map<string, { status: number; response: ResponseObject }>();
  return {
    /** The reference that replaces a generated inline problem response with these codes. */
    refer(status: number, codes: readonly ProblemCode[]): ReferenceObject {
      // In the contract's order, the route's own codes first: the first is the example's.
      const name = codes.map(pascal).join('Or');
      if (!responses.has(name)) responses.set(name, { status, response: problemResponse(status, codes) });
      return { $ref: `#/components/responses/${name}` };
    },
    /** Every response referred to so far, by status and then name. */
    components(): Record<string, ResponseObject> {
      const entries = [...responses].sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b));
      return Object.fromEntries(entries.map(([name, { response }]) => [name, response]));
    },
  };
}
