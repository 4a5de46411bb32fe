import type { FieldError } from '@nexus/contract';

/** Limits on the shape of a parsed JSON body: far above any real request, far below what costs us CPU. */
export const INPUT_LIMITS = { maxNodes: 10_000, maxDepth: 32 } as const;

export type InputVerdict = { ok: true } | { ok: false; tooComplex: string } | { ok: false; errors: FieldError[] };

// In a `u` regex a valid surrogate pair is one code point, so only unpaired halves match.
const LONE_SURROGATE = /\p{Cs}/u;

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate would be stored as U+FFFD: both are refused
// here, for every field at once, instead of failing deep in a query or silently changing what was sent.
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/**
 * Walks a parsed body or query once, iteratively: refuses structures larger or deeper than INPUT_LIMITS
 * before any schema work, and names every string (or key) PostgreSQL could not store as sent.
 */
export function inspectInput(
  value: unknown,
  limits: { maxNodes: number; maxDepth: number } = INPUT_LIMITS,
): InputVerdict {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return { ok: false, tooComplex: `has more than ${limits.maxNodes} values` };
    if (depth > limits.maxDepth) return { ok: false, tooComplex: `is nested more than ${limits.maxDepth} levels deep` };
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) errors.push({ path, message: problem });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) errors.push({ path: childPath, message: `name ${keyProblem}` });
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return errors.length ? { ok: false, errors: errors.reverse() } : { ok: true };
}
