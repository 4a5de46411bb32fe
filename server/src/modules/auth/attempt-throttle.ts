import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';

/**
 * One counter and what happens when it runs out within its window (which opens at the first attempt):
 * `lock` refuses every further attempt until the window ends; `slow` lets attempts through one at a time,
 * each only after a delay that doubles from `baseDelaySeconds` up to `maxDelaySeconds`.
 */
export type ThrottleRule = { key: string; allowance: number; windowSeconds: number } & (
  { mode: 'lock' } | { mode: 'slow'; baseDelaySeconds: number; maxDelaySeconds: number }
);

export type Reservation = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Attempt counters shared by every server process (PostgreSQL, or Redis when REDIS_URL is set). An attempt is
 * reserved under all its rules atomically *before* the expensive or sensitive work, so a burst of concurrent
 * attempts can never get more than the allowance through; a refused attempt counts nothing.
 */
export interface AttemptThrottle {
  reserve(rules: ThrottleRule[]): Promise<Reservation>;
  /**
   * Takes the reserved attempt back (it succeeded, or never got to the guarded work); the keys in `clear` are
   * forgotten entirely. A count back below its allowance carries no block.
   */
  release(rules: ThrottleRule[], options?: { clear?: string[] }): Promise<void>;
  /** Marks `key` for `seconds` (an address this account has logged in from), in the same store. */
  remember(key: string, seconds: number): Promise<void>;
  isRemembered(key: string): Promise<boolean>;
}

// Rows are locked in key order, so two attempts sharing several keys never deadlock.
const byKey = (rules: ThrottleRule[]) => [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * Counters in PostgreSQL: one call of `reserve_attempts` (see the attempt-counters migration) per attempt, so a
 * key every request shares (one proxy address) holds its row lock for microseconds, not a pooled connection per
 * waiting caller.
 */
export function createPostgresThrottle(db: Kysely<DB>): AttemptThrottle {
  return {
    async reserve(rules) {
      const ordered = byKey(rules);
      const slow = ordered.map((rule) => rule.mode === 'slow');
      const slowMs = (pick: (rule: Extract<ThrottleRule, { mode: 'slow' }>) => number) =>
        ordered.map((rule) => (rule.mode === 'slow' ? pick(rule) * 1000 : 0));
      const { rows } = await sql<{ wait_ms: number }>`
        select reserve_attempts(
          ${ordered.map((rule) => rule.key)}::text[], ${ordered.map((rule) => rule.allowance)}::integer[],
          ${ordered.map((rule) => rule.windowSeconds * 1000)}::bigint[], ${slow}::boolean[],
          ${slowMs((rule) => rule.baseDelaySeconds)}::bigint[], ${slowMs((rule) => rule.maxDelaySeconds)}::bigint[]
        ) as wait_ms`.execute(db);
      // Keep the table small without a scheduler: now and then, sweep counters whose window and block have ended.
      // Off the request's path, and never waiting for (or deadlocking with) a row an attempt holds.
      if (Math.random() < 0.01) {
        void sql`
          delete from attempt_counters where key in (
            select key from attempt_counters
             where window_ends_at < now() and (blocked_until is null or blocked_until < now())
             limit 1000 for update skip locked)`
          .execute(db)
          .catch(() => undefined);
      }
      const waitMs = Number(rows[0]!.wait_ms);
      return waitMs > 0 ? { allowed: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true };
    },

    async release(rules, { clear = [] } = {}) {
      if (clear.length) await db.deleteFrom('attempt_counters').where('key', 'in', clear).execute();
      const kept = byKey(rules.filter((rule) => !clear.includes(rule.key)));
      if (!kept.length) return;
      await sql`
        update attempt_counters c
           set attempts = greatest(c.attempts - 1, 0),
               blocked_until = case when c.attempts - 1 < r.allowance then null else c.blocked_until end
          from unnest(${kept.map((rule) => rule.key)}::text[], ${kept.map((rule) => rule.allowance)}::integer[]) as r(key, allowance)
         where c.key = r.key`.execute(db);
    },

    // A remembered key is a counter row whose window is the memory's lifetime; the sweep drops it after.
    async remember(key, seconds) {
      await db
        .insertInto('attempt_counters')
        .values({ key, window_ends_at: sql<string>`now() + make_interval(secs => ${seconds})` })
        .onConflict((oc) => oc.column('key').doUpdateSet({ window_ends_at: (eb) => eb.ref('excluded.window_ends_at') }))
        .execute();
    },

    async isRemembered(key) {
      const row = await db
        .selectFrom('attempt_counters')
        .select('key')
        .where('key', '=', key)
        .where('window_ends_at', '>', sql<string>`now()`)
        .executeTakeFirst();
      return Boolean(row);
    },
  };
}
