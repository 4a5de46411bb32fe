import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';

/** The current catalogue version: one cheap read of a sequence, the same for every process and machine. */
export async function readCatalogueVersion(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ version: number }>`select last_value as version from catalogue_version`.execute(db);
  return Number(rows[0]!.version);
}

/**
 * Call after every catalogue write has committed and before answering: reads that start after this see a
 * new version and so never a cached answer from before the write.
 */
export async function bumpCatalogueVersion(db: Kysely<DB>): Promise<void> {
  await sql`select nextval('catalogue_version')`.execute(db);
}
