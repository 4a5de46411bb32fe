/**
 * Parameters as Swagger UI's "Try it out" should meet them. Swagger UI fills every query and header parameter with
 * its `example`: the product list would be sent with every filter set at once (and no results), a cart route with a
 * made-up cart token, an idempotent write with the same `Idempotency-Key` every time. So those examples move into
 * the description, where readers still find them, and a parameter's description sits on the parameter itself.
 */
import type { ParameterObject, SchemaObject } from 'openapi3-ts/oas30';

/** The conditional GET of catalogue reads, for `components.parameters`. */
export const ifNoneMatchParameter: ParameterObject = {
  name: 'If-None-Match',
  in: 'header',
  description: 'The `ETag` of an earlier answer: 304 with no body while nothing it depends on has changed.',
  schema: { type: 'string' },
};

/** A query or header parameter with its example in its description instead of its schema. */
export function withoutPrefill(parameter: ParameterObject): ParameterObject {
  if (parameter.in !== 'query' && parameter.in !== 'header') return parameter;
  const { example, description: schemaDescription, ...schema } = (parameter.schema ?? {}) as SchemaObject;
  const description = parameter.description ?? schemaDescription;
  // An example equal to the default says nothing more (and the default is what an empty field means).
  const shown = example === undefined || example === schema.default ? undefined : `Example: \`${String(example)}\``;
  const text = [description, shown].filter(Boolean).join('\n\n');
  return { ...parameter, ...(text ? { description: text } : {}), schema };
}
