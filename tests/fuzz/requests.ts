import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { z } from 'zod';
import { PriceInputSchema } from '@nexus/contract';
import { ZodFastCheck } from 'zod-fast-check';
import {
  BAD_AUTHORIZATIONS,
  CONTENT_ENCODINGS,
  CONTENT_TYPES,
  HOSTILE_QUERY_VALUES,
  HOSTILE_SEGMENTS,
  RAW_BODIES,
  WRONG_VALUES,
  hostileString,
} from './hostile.js';
import type { Operation } from './operations.js';

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

/** Ids that exist, so generated requests reach deeper than 404. */
export interface KnownIds {
  ids: string[];
}

/**
 * Requests are generated before anything exists, naming existing rows by placeholder (`{known:2}`); the runner
 * substitutes the real ids when it sends. The same seed thus always yields the same requests.
 */
export const KNOWN_ID_SLOTS = 4;
export const knownIdPlaceholder = (slot: number) => `{known:${slot}}`;
const knownId = fc.nat({ max: KNOWN_ID_SLOTS - 1 }).map((slot) => knownIdPlaceholder(slot));

export const resolveKnownIds = (path: string, known: KnownIds) =>
  path.replace(/\{known:(\d+)\}/g, (_match, slot: string) => known.ids[Number(slot) % known.ids.length]!);

type Json = Record<string, unknown>;

/**
 * zod-fast-check over `schema`, taught to satisfy regex-checked strings (phone numbers, slugs), which it cannot
 * find by filtering random text: each gets fast-check's `stringMatching` for its own pattern.
 */
function inputOf(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
  // Money in: a decimal string or number whose rules live in a transform, which filtering cannot satisfy either.
  let generator = ZodFastCheck().override(
    PriceInputSchema,
    fc.oneof(
      fc.integer({ min: 1, max: 99_999_999 }),
      fc
        .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 1, max: 99 }))
        .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`),
    ),
  );
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const def = (node as { _def?: Record<string, unknown> })._def;
    if (!def) return;
    const checks = (def.checks as Array<{ kind: string; regex?: RegExp }> | undefined) ?? [];
    const regex = checks.find((check) => check.kind === 'regex')?.regex;
    if (def.typeName === 'ZodString' && checks.some((check) => check.kind === 'uuid')) {
      // Ids in bodies and queries (category_id, parent_id, …) mostly name rows that exist, so writes get deep.
      generator = generator.override(node as z.ZodString, fc.oneof(knownId, fc.uuid()));
      return;
    }
    if (def.typeName === 'ZodString' && regex) {
      const string = node as z.ZodString;
      generator = generator.override(
        string,
        fc.stringMatching(regex).filter((text) => string.safeParse(text).success),
      );
      return;
    }
    const shape = typeof def.shape === 'function' ? (def.shape as () => Json)() : undefined;
    for (const child of [
      ...Object.values(shape ?? {}),
      def.innerType,
      def.schema,
      def.type,
      def.in,
      def.out,
      ...((def.options as unknown[]) ?? []),
    ])
      visit(child);
  };
  visit(schema);
  return generator.inputOf(schema);
}

const schemaOf = (value: unknown): z.ZodTypeAny | undefined =>
  value && typeof value === 'object' && 'safeParse' in value ? (value as z.ZodTypeAny) : undefined;

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
function bodyArbitrary(
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

/** Serialises query values the way browsers do; arrays repeat the key, objects use brackets. */
function queryString(query: Json, raw: string[]): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      for (const item of value) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    else if (value && typeof value === 'object')
      for (const [sub, item] of Object.entries(value))
        parts.push(`${encodeURIComponent(key)}[${encodeURIComponent(sub)}]=${encodeURIComponent(String(item))}`);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return [...parts, ...raw].join('&');
}

function queryArbitrary(schema: z.ZodTypeAny | undefined): fc.Arbitrary<{ variant?: string; query: string }> {
  if (!schema) return fc.constant({ query: '' });
  const valid = inputOf(schema) as fc.Arbitrary<Json>;
  const keys = fc.constantFrom(...Object.keys((schema as unknown as { shape?: Json }).shape ?? { q: 1 }));
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((query) => ({ query: queryString(query, []) })) },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, keys, fc.constantFrom(...HOSTILE_QUERY_VALUES)).map(([query, key, value]) => ({
        variant: 'hostile query value',
        query: queryString({ ...query, [key]: undefined }, [`${key}=${value}`]),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, keys).map(([query, key]) => ({
        variant: 'repeated or nested query key',
        query: queryString(query, [`${key}=1`, `${key}=2`, `${key}[x]=3`]),
      })),
    },
    {
      weight: 1,
      arbitrary: valid.map((query) => ({
        variant: 'unknown query key',
        query: queryString({ ...query, unexpected: 'x' }, []),
      })),
    },
  );
}

function pathArbitrary(route: Operation['route']): fc.Arbitrary<{ variant?: string; path: string }> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  if (names.length === 0) return fc.constant({ path: route.path });
  const segment = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .nat({ max: KNOWN_ID_SLOTS - 1 })
        .map((slot) => ({ hostile: false, text: knownIdPlaceholder(slot) })),
    },
    { weight: 2, arbitrary: fc.uuid().map((id) => ({ hostile: false, text: id })) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS).map((text) => ({ hostile: true, text })) },
  );
  return fc.array(segment, { minLength: names.length, maxLength: names.length }).map((segments) => ({
    ...(segments.some((s) => s.hostile) ? { variant: 'hostile path segment' } : {}),
    path: names.reduce((path, name, i) => path.replace(`:${name}`, segments[i]!.text), route.path),
  }));
}

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
    })
    .map(({ path, query, body, caller }) => ({
      operation: name,
      variant: path.variant ?? query.variant ?? body?.variant ?? 'valid',
      method: route.method,
      path: query.query ? `${path.path}?${query.query}` : path.path,
      ...caller,
      headers: body?.headers ?? {},
      ...(body ? { body: body.body } : {}),
    }));
}
