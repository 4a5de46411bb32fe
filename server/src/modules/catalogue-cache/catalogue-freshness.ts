import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../database/transaction.js';

/** The catalogue_state versions a read can depend on (see the catalogue-freshness migration). */
export type FreshnessScope = 'structure' | 'availability' | 'ratings';

/**
 * What one catalogue answer was computed from: the versions of the scopes it depends on and the products it
 * shows (their ids and the sum of their row versions). While all are unchanged, the answer is still exactly what
 * a fresh read would give, in any process on any machine.
 */
export interface Freshness {
  versions: Partial<Record<FreshnessScope, number>>;
  ids: string[];
  rowSum: string;
}

/** A scope's current version as a scalar subquery, for reading it in the same statement (snapshot) as the data. */
export const scopeVersion = (scope: FreshnessScope): RawBuilder<number> =>
  sql<number>`(select version from catalogue_state where scope = ${scope})`;

/** The freshness of rows read with their `row_version`, in the versions read with them. */
export function freshnessOf(
  versions: Freshness['versions'],
  rows: ReadonlyArray<{ id: string; row_version?: number | string }>,
): Freshness {
  const rowSum = rows.reduce((sum, row) => sum + BigInt(row.row_version ?? 0), 0n);
  return { versions, ids: rows.map((row) => row.id), rowSum: String(rowSum) };
}

/** Whether nothing a cached answer depends on has changed since: one statement, one round trip. */
export async function isStillFresh(db: Db, freshness: Freshness): Promise<boolean> {
  const scopes = Object.keys(freshness.versions) as FreshnessScope[];
  const { rows } = await sql<Record<string, number | string>>`
    select ${sql.join([...scopes.map((scope) => sql`${scopeVersion(scope)} as ${sql.ref(scope)}`), sql`${rowSumOf(freshness.ids)} as row_sum`])}`.execute(
    db,
  );
  const current = rows[0]!;
  return (
    scopes.every((scope) => Number(current[scope]) === freshness.versions[scope]) &&
    String(current.row_sum) === freshness.rowSum
  );
}

function rowSumOf(ids: string[]): RawBuilder<string> {
  if (ids.length === 0) return sql<string>`'0'`;
  return sql<string>`(select coalesce(sum(row_version), 0)::text from products where id = any(${ids}::uuid[]))`;
}

/** A strong validator for the answer: the same freshness gives the same ETag, any change another. */
export function etagOf(freshness: Freshness, url: string): string {
  return `"${createHash('sha256')
    .update(JSON.stringify([freshness, url]))
    .digest('base64url')
    .slice(0, 22)}"`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by a catalogue read handler: what its answer depends on, so the response can be cached. */
      freshness?: Freshness;
    }
  }
}

/** Records what the answer about to be sent depends on; without it a catalogue answer is not cached. */
export function answerDependsOn(res: Response, freshness: Freshness): void {
  res.locals.freshness = freshness;
}
