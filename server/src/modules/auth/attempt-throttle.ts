import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';
import { withTransaction } from '../../database/transaction.js';

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
  /** The reserved attempt succeeded, so it is not counted against `rules`; the keys in `clear` are forgotten. */
  release(rules: ThrottleRule[], options?: { clear?: string[] }): Promise<void>;
}

export interface CounterState {
  attempts: number;
  windowEndsAt: number;
  blockedUntil: number | null;
}

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** When the key may next be tried, having just counted its `attempts`-th attempt of the window. */
function blockedUntilAfter(rule: ThrottleRule, attempts: number, windowEndsAt: number, now: number): number | null {
  if (attempts < rule.allowance) return null;
  if (rule.mode === 'lock') return windowEndsAt;
  const delay = Math.min(rule.baseDelaySeconds * 2 ** (attempts - rule.allowance), rule.maxDelaySeconds);
  return now + delay * 1000;
}

/** The rule arithmetic both stores implement (the Redis script mirrors it): refuse, or count one attempt. */
export function reserveAttempt(
  rules: ThrottleRule[],
  stored: Map<string, CounterState>,
  now: number,
): { allowed: false; retryAfter: number } | { allowed: true; next: Map<string, CounterState> } {
  const current = new Map<string, CounterState>();
  let waitMs = 0;
  for (const rule of rules) {
    const state = stored.get(rule.key);
    const live =
      state && state.windowEndsAt > now
        ? state
        : { attempts: 0, windowEndsAt: now + rule.windowSeconds * 1000, blockedUntil: null };
    if (live.blockedUntil && live.blockedUntil > now) waitMs = Math.max(waitMs, live.blockedUntil - now);
    current.set(rule.key, live);
  }
  if (waitMs > 0) return { allowed: false, retryAfter: secondsUntil(waitMs) };
  const next = new Map<string, CounterState>();
  for (const rule of rules) {
    const { attempts, windowEndsAt } = current.get(rule.key)!;
    next.set(rule.key, {
      attempts: attempts + 1,
      windowEndsAt,
      blockedUntil: blockedUntilAfter(rule, attempts + 1, windowEndsAt, now),
    });
  }
  return { allowed: true, next };
}

// Rows are locked in key order, so two attempts sharing several keys never deadlock.
const byKey = (rules: ThrottleRule[]) => [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export function createPostgresThrottle(db: Kysely<DB>): AttemptThrottle {
  return {
    async reserve(rules) {
      const ordered = byKey(rules);
      const keys = ordered.map((rule) => rule.key);
      const verdict = await withTransaction(db, async (trx) => {
        await trx
          .insertInto('attempt_counters')
          .values(keys.map((key) => ({ key, window_ends_at: sql<string>`now()` })))
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        const rows = await trx
          .selectFrom('attempt_counters')
          .select(['key', 'attempts', 'window_ends_at', 'blocked_until', sql<string>`now()`.as('now')])
          .where('key', 'in', keys)
          .orderBy('key')
          .forUpdate()
          .execute();
        const now = Date.parse(rows[0]!.now);
        const stored = new Map(
          rows.map((row) => [
            row.key,
            {
              attempts: row.attempts,
              windowEndsAt: Date.parse(row.window_ends_at),
              blockedUntil: row.blocked_until ? Date.parse(row.blocked_until) : null,
            },
          ]),
        );
        const decision = reserveAttempt(ordered, stored, now);
        if (!decision.allowed) return decision;
        for (const [key, state] of decision.next) {
          await trx
            .updateTable('attempt_counters')
            .set({
              attempts: state.attempts,
              window_ends_at: new Date(state.windowEndsAt).toISOString(),
              blocked_until: state.blockedUntil ? new Date(state.blockedUntil).toISOString() : null,
            })
            .where('key', '=', key)
            .execute();
        }
        return { allowed: true } as const;
      });
      // Keep the table small without a scheduler: now and then, sweep counters whose window and block have ended.
      if (Math.random() < 0.01) {
        await db
          .deleteFrom('attempt_counters')
          .where('window_ends_at', '<', sql<string>`now()`)
          .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', sql<string>`now()`)]))
          .execute();
      }
      return verdict;
    },

    async release(rules, { clear = [] } = {}) {
      if (clear.length) await db.deleteFrom('attempt_counters').where('key', 'in', clear).execute();
      for (const rule of byKey(rules.filter((r) => !clear.includes(r.key)))) {
        await db
          .updateTable('attempt_counters')
          .set((eb) => ({
            attempts: sql<number>`greatest(attempts - 1, 0)`,
            // Undoing the attempt that set a block lifts that block.
            blocked_until: eb
              .case()
              .when(sql<boolean>`attempts - 1 < ${rule.allowance}`)
              .then(null)
              .else(eb.ref('blocked_until'))
              .end(),
          }))
          .where('key', '=', rule.key)
          .execute();
      }
    },
  };
}
