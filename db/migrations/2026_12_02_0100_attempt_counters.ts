import { sql, type Kysely } from 'kysely';

// Attempt counters replace the failure-only login_throttle: an attempt is counted (reserved) before the
// password is verified, so a burst cannot slip past the limit, and a key may be slowed (blocked_until a
// short, growing delay) rather than locked for the whole window.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('attempts', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .execute();
  // The sweep of ended windows.
  await db.schema
    .createIndex('attempt_counters_window_ends_at_idx')
    .on('attempt_counters')
    .column('window_ends_at')
    .execute();
  await db.schema.dropTable('login_throttle').execute();

  // One round trip per attempt, with the rows locked only for the microseconds the function runs: a hot key
  // (one proxy address for every login) must not hold a pooled connection per waiting caller. Keys come sorted,
  // so two calls sharing keys lock them in the same order and never deadlock. Mirrored by the Redis script in
  // server/src/modules/auth/attempt-throttle.redis.ts. Returns 0 when the attempt is counted, else the
  // milliseconds until it may be tried.
  await sql`
    create function reserve_attempts(
      p_keys text[], p_allowances integer[], p_windows_ms bigint[], p_slow boolean[], p_base_ms bigint[], p_max_ms bigint[]
    ) returns bigint language plpgsql as $$
    declare
      now_ts timestamptz := clock_timestamp();
      wait_ms bigint := 0;
      counter attempt_counters;
      v_attempts integer;
      v_window_end timestamptz;
      v_blocked timestamptz;
    begin
      insert into attempt_counters (key, window_ends_at) select unnest(p_keys), now_ts on conflict do nothing;
      for i in 1 .. array_length(p_keys, 1) loop
        select * into counter from attempt_counters where key = p_keys[i] for update;
        if not found then
          -- swept between the insert and this lock (its window had ended): make it again, locked
          insert into attempt_counters (key, window_ends_at) values (p_keys[i], now_ts) on conflict do nothing;
          select * into counter from attempt_counters where key = p_keys[i] for update;
        end if;
        if counter.window_ends_at > now_ts and counter.blocked_until > now_ts then
          wait_ms := greatest(wait_ms, ceil(extract(epoch from counter.blocked_until - now_ts) * 1000)::bigint);
        end if;
      end loop;
      if wait_ms > 0 then
        return wait_ms;
      end if;
      for i in 1 .. array_length(p_keys, 1) loop
        select * into counter from attempt_counters where key = p_keys[i];
        if counter.window_ends_at > now_ts then
          v_attempts := counter.attempts + 1;
          v_window_end := counter.window_ends_at;
        else
          v_attempts := 1;
          v_window_end := now_ts + p_windows_ms[i] * interval '1 millisecond';
        end if;
        v_blocked := null;
        if v_attempts >= p_allowances[i] then
          v_blocked := case when p_slow[i]
            then now_ts + least(p_base_ms[i] * power(2, least(v_attempts - p_allowances[i], 40)), p_max_ms[i]) * interval '1 millisecond'
            else v_window_end end;
        end if;
        update attempt_counters set attempts = v_attempts, window_ends_at = v_window_end, blocked_until = v_blocked
         where key = p_keys[i];
      end loop;
      return 0;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function reserve_attempts(text[], integer[], bigint[], boolean[], bigint[], bigint[])`.execute(db);
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull().check(sql`failures > 0`))
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.dropTable('attempt_counters').execute();
}
