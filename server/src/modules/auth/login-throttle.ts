import { sql, type Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import type { DB } from '@nexus/db';

/** A counter key and how many failures it may collect in one window. */
export interface ThrottleKey {
  key: string;
  limit: number;
}

/**
 * Fixed-window failure counters shared by every server process: a window opens at the first failure
 * and lasts LOGIN_THROTTLE_WINDOW; a key at its limit is blocked until the window ends.
 */
export interface LoginThrottle {
  /** Seconds until every given key may try again; 0 when none is blocked. */
  retryAfter(keys: ThrottleKey[]): Promise<number>;
  recordFailure(keys: ThrottleKey[]): Promise<void>;
  reset(key: string): Promise<void>;
}

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createPostgresThrottle(db: Kysely<DB>, windowSeconds: number): LoginThrottle {
  return {
    async retryAfter(keys) {
      const rows = await db
        .selectFrom('login_throttle')
        .select(['key', 'failures', sql<number>`extract(epoch from window_ends_at - now()) * 1000`.as('remaining_ms')])
        .where(
          'key',
          'in',
          keys.map((k) => k.key),
        )
        .where('window_ends_at', '>', sql<string>`now()`)
        .execute();
      const blocked = rows.filter((row) => row.failures >= (keys.find((k) => k.key === row.key)?.limit ?? Infinity));
      return blocked.length ? secondsUntil(Math.max(...blocked.map((row) => Number(row.remaining_ms)))) : 0;
    },
    async recordFailure(keys) {
      const window = sql<string>`now() + make_interval(secs => ${windowSeconds})`;
      await db
        .insertInto('login_throttle')
        .values(keys.map(({ key }) => ({ key, failures: 1, window_ends_at: window })))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // An expired window restarts at this failure.
            failures: sql`case when login_throttle.window_ends_at <= now() then 1 else login_throttle.failures + 1 end`,
            window_ends_at: sql`case when login_throttle.window_ends_at <= now() then excluded.window_ends_at else login_throttle.window_ends_at end`,
          }),
        )
        .execute();
      // Keep the table small without a scheduler: now and then, sweep windows that have ended.
      if (Math.random() < 0.01)
        await db
          .deleteFrom('login_throttle')
          .where('window_ends_at', '<', sql<string>`now()`)
          .execute();
    },
    async reset(key) {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}

// INCR and start the window on the first failure, atomically.
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export function createRedisThrottle(redis: Redis, windowSeconds: number, keyPrefix: string): LoginThrottle {
  const prefix = `${keyPrefix}login-throttle:`;
  return {
    async retryAfter(keys) {
      const pipeline = redis.pipeline();
      for (const { key } of keys) pipeline.get(prefix + key).pttl(prefix + key);
      const replies = (await pipeline.exec()) ?? [];
      let waitMs = 0;
      keys.forEach(({ limit }, i) => {
        const failures = Number(replies[2 * i]?.[1] ?? 0);
        const ttl = Number(replies[2 * i + 1]?.[1] ?? -2);
        if (failures >= limit && ttl > 0) waitMs = Math.max(waitMs, ttl);
      });
      return waitMs ? secondsUntil(waitMs) : 0;
    },
    async recordFailure(keys) {
      await Promise.all(
        keys.map(({ key }) => redis.eval(RECORD_FAILURE, 1, prefix + key, String(windowSeconds * 1000))),
      );
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
