import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { z } from 'zod';
import { CONTENT_ENCODINGS, CONTENT_TYPES, RAW_BODIES, WRONG_VALUES, hostileString } from './hostile.js';
import { inputOf } from './schema-input.js';

type Json = Record<string, unknown>;

/** Replaces one leaf (picked by `index`) of a JSON value, walking objects and arrays. */
function replaceLeaf(value: unknown, index: number, replacement: unknown): unknown {
  const leaves: Array<{ parent: Json | unknown[]; key: string | number }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node))
      node.forEach((child, i) =>
        child !== null && typeof child === 'object' ? walk(child) : leaves.push({ parent: node, key: i }),
      );
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        if (child !== null && typeof child === 'object') walk(child);
        else leaves.push({ parent: node as Json, key });
      }
  };
  const copy = structuredClone(value);
  walk(copy);
  const leaf = leaves[index % Math.max(1, leaves.length)];
  if (!leaf) return replacement;
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = replacement;
  return copy;
}

function nested(depth: number): unknown {
  let node: unknown = 1;
  for (let i = 0; i < depth; i += 1) node = { a: node };
  return node;
}

/** A JSON body: valid for the schema, or one of the hostile classes built from a valid one. */
export function bodyArbitrary(
  schema: z.ZodTypeAny,
): fc.Arbitrary<{ variant: string; body: string | Buffer; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json' };
  const valid = inputOf(schema);
  const asJson =
    (variant: string, headers: Record<string, string> = json) =>
    (body: unknown) => ({ variant, body: JSON.stringify(body) ?? 'null', headers });
  return fc.oneof(
    { weight: 6, arbitrary: valid.map(asJson('valid')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat(), hostileString)
        .map(([body, i, text]) => asJson('hostile string')(replaceLeaf(body, i, text))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.constantFrom(...WRONG_VALUES))
        .map(([body, i, wrong]) => asJson('wrong type')(replaceLeaf(body, i, wrong))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, hostileString, fc.constantFrom(...WRONG_VALUES))
        .map(([body, key, value]) =>
          asJson('unknown key')(
            body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key || 'extra']: value } : body,
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_BODIES).map((body) => ({ variant: 'raw body', body, headers: json })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES)).map(([body, type]) => ({
        variant: 'content type',
        body: JSON.stringify(body) ?? '',
        headers: { 'content-type': type },
      })),
    },
    {
      weight: 1,
      arbitrary: valid.map((body) => ({ variant: 'no content type', body: JSON.stringify(body) ?? '', headers: {} })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...CONTENT_ENCODINGS), fc.boolean())
        .map(([body, encoding, compress]) => ({
          variant: 'content encoding',
          body: compress && encoding === 'gzip' ? gzipSync(JSON.stringify(body) ?? '') : (JSON.stringify(body) ?? ''),
          headers: { ...json, 'content-encoding': encoding },
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(12_000, 200)
        .map((keys) =>
          asJson(`${keys} unknown keys`)(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(40, 31).map((depth) => asJson(`nested ${depth} deep`)({ deep: nested(depth) })),
    },
  );
}
