import { sql, type Transaction } from 'kysely';
import type { DB } from '@nexus/db';

/**
 * Gives rows of `table` the positions 0, 1, 2, … in the order of `orderedIds`, with `moved` (if given, and one
 * of them) placed at `position` (clamped to the end): one statement, so positions never collide or leave gaps.
 * The caller holds the lock that serialises writers of these rows.
 */
export async function renumberPositions(
  trx: Transaction<DB>,
  table: 'product_images' | 'product_variants',
  orderedIds: string[],
  moved?: { id: string; position: number },
): Promise<void> {
  const order = orderedIds.filter((id) => id !== moved?.id);
  if (moved && orderedIds.includes(moved.id)) order.splice(Math.min(moved.position, order.length), 0, moved.id);
  await sql`
    update ${sql.table(table)} t set position = o.position - 1
      from unnest(${order}::uuid[]) with ordinality as o(id, position)
     where t.id = o.id and t.position <> o.position - 1`.execute(trx);
}
