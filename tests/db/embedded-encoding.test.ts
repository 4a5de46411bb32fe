import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, migrateToLatest, startScratchPostgres } from '@nexus/db';

describe('the embedded PostgreSQL', () => {
  it('is a UTF-8 cluster that folds accents and case even when LANG and LC_* are unset', async () => {
    // Minimal containers and CI images often have no locale at all; initdb would then choose SQL_ASCII.
    const saved = Object.entries(process.env).filter(([name]) => name === 'LANG' || name.startsWith('LC_'));
    for (const [name] of saved) delete process.env[name];
    const server = await startScratchPostgres();
    const db = createDb({ connectionString: server.url, max: 1 });
    try {
      await migrateToLatest(db);
      const { rows } = await sql<{ encoding: string; lowered: string; found: boolean }>`
        select pg_encoding_to_char(encoding) as encoding,
               lower('ÉCLAIR ЖУК') as lowered,
               to_tsvector('nexus_search', 'Café Crème') @@ to_tsquery('nexus_search', 'cafe:* & creme:*') as found
          from pg_database where datname = current_database()`.execute(db);
      expect(rows[0]).toEqual({ encoding: 'UTF8', lowered: 'éclair жук', found: true });
    } finally {
      await db.destroy();
      await server.stop();
      Object.assign(process.env, Object.fromEntries(saved));
    }
  });
});
