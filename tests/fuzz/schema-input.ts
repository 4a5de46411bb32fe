import fc from 'fast-check';
import type { z } from 'zod';
import { PriceInputSchema } from '@nexus/contract';
import { ZodFastCheck } from 'zod-fast-check';
import { knownId } from './known-ids.js';

type Json = Record<string, unknown>;

/**
 * zod-fast-check over `schema`, taught to satisfy regex-checked strings (phone numbers, slugs), which it cannot
 * find by filtering random text: each gets fast-check's `stringMatching` for its own pattern.
 */
export function inputOf(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
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
