import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../migrations/index.js';

function migratorFor(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
  return (results ?? []).map((result) => `${result.direction} ${result.migrationName}`);
}

/** Applies every pending migration; returns what ran. Safe to call from several processes at once (Kysely locks). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateToLatest());
}

/** Reverts every migration, newest first (used to prove each `down` works). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  const migrator = migratorFor(db);
  const ran: string[] = [];
  for (;;) {
    const step = unwrap(await migrator.migrateDown());
    if (step.length === 0) return ran;
    ran.push(...step);
  }
}
