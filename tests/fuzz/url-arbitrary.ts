import fc from 'fast-check';
import type { z } from 'zod';
import { HOSTILE_QUERY_VALUES, HOSTILE_SEGMENTS } from './hostile.js';
import { knownId } from './known-ids.js';
import type { Operation } from './operations.js';
import { inputOf } from './schema-input.js';

type Json = Record<string, unknown>;

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

export function queryArbitrary(schema: z.ZodTypeAny | undefined): fc.Arbitrary<{ variant?: string; query: string }> {
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

export function pathArbitrary(route: Operation['route']): fc.Arbitrary<{ variant?: string; path: string }> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  if (names.length === 0) return fc.constant({ path: route.path });
  const segment = fc.oneof(
    { weight: 5, arbitrary: knownId.map((text) => ({ hostile: false, text })) },
    { weight: 2, arbitrary: fc.uuid().map((id) => ({ hostile: false, text: id })) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS).map((text) => ({ hostile: true, text })) },
  );
  return fc.array(segment, { minLength: names.length, maxLength: names.length }).map((segments) => ({
    ...(segments.some((s) => s.hostile) ? { variant: 'hostile path segment' } : {}),
    path: names.reduce((path, name, i) => path.replace(`:${name}`, segments[i]!.text), route.path),
  }));
}
