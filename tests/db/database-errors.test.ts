import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '@nexus/db';
import { databaseProblem } from '../../server/src/database/database-errors.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await sql`create table t_unique (v int unique)`.execute(app.db);
  await sql`create table t_parent (id int primary key)`.execute(app.db);
  await sql`create table t_child (parent_id int references t_parent (id))`.execute(app.db);
  await sql`create table t_rules (v int not null check (v > 0))`.execute(app.db);
  await sql`create table t_rows (id int primary key, n int not null)`.execute(app.db);
  await sql`insert into t_rows values (1, 0), (2, 0)`.execute(app.db);
  await sql`insert into t_parent values (1)`.execute(app.db);
  await sql`insert into t_child values (1)`.execute(app.db);
  await sql`insert into users (email, password_hash, first_name, last_name) values ('taken@example.com', 'x', 'a', 'b')`.execute(
    app.db,
  );
});
afterAll(() => app.close());

/** A client of its own, for interleavings a pool would hide. */
async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  client.on('error', () => {}); // a terminated backend also emits 'error'; the failed query is what we inspect
  await client.connect();
  return client;
}

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

/** What a client would see: status and code of the mapped problem (undefined → a 500). */
function answerTo(error: unknown) {
  const problem = databaseProblem(error);
  return problem && { status: problem.status, code: problem.code, retryAfter: problem.headers['Retry-After'] };
}

describe('the database-error mapping, against errors PostgreSQL really raises', () => {
  it.each([
    [
      'unique violation of a named constraint (23505)',
      sql`insert into users (email, password_hash, first_name, last_name) select email, 'x', 'a', 'b' from users limit 1`,
      409,
      'email_taken',
    ],
    ['unique violation of another constraint (23505)', sql`insert into t_unique values (1), (1)`, 409, 'conflict'],
    ['foreign key to a missing row (23503)', sql`insert into t_child values (42)`, 400, 'validation_failed'],
    ['delete of a still-referenced row (23503)', sql`delete from t_parent where id = 1`, 409, 'conflict'],
    ['not-null violation (23502)', sql`insert into t_rules values (null)`, 400, 'validation_failed'],
    ['check violation (23514)', sql`insert into t_rules values (-1)`, 400, 'validation_failed'],
    ['numeric overflow (22003)', sql`select 2147483647::int + 1`, 400, 'validation_failed'],
    ['invalid text representation (22P02)', sql`select 'not-a-uuid'::uuid`, 400, 'validation_failed'],
    ['character not in repertoire (22021)', sql`select convert_from('\\xff'::bytea, 'UTF8')`, 400, 'validation_failed'],
  ])('maps %s', async (_label, statement, status, code) => {
    const error = await failureOf(statement.execute(app.db));
    expect(answerTo(error)).toMatchObject({ status, code });
  });

  it('maps a serialization failure (40001) to 409 write_conflict with Retry-After', async () => {
    const [a, b] = [await connection(), await connection()];
    try {
      for (const c of [a, b]) await c.query('begin isolation level serializable');
      for (const c of [a, b]) await c.query('select sum(n) from t_rows');
      await a.query('update t_rows set n = n + 1 where id = 1');
      await b.query('update t_rows set n = n + 1 where id = 2');
      await a.query('commit');
      const error = await failureOf(b.query('commit'));
      expect((error as { code: string }).code).toBe('40001');
      expect(answerTo(error)).toEqual({ status: 409, code: 'write_conflict', retryAfter: '1' });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('maps a deadlock (40P01) to 409 write_conflict', async () => {
    const [a, b] = [await connection(), await connection()];
    try {
      for (const c of [a, b]) await c.query("begin; set local deadlock_timeout = '50ms'");
      await a.query('select * from t_rows where id = 1 for update');
      await b.query('select * from t_rows where id = 2 for update');
      const results = await Promise.all([
        failureOf(a.query('select * from t_rows where id = 2 for update')),
        failureOf(b.query('select * from t_rows where id = 1 for update')),
      ]);
      const error = results.find(Boolean);
      expect((error as { code: string }).code).toBe('40P01');
      expect(answerTo(error)).toMatchObject({ status: 409, code: 'write_conflict' });
    } finally {
      await Promise.all([a.query('rollback').then(() => a.end()), b.query('rollback').then(() => b.end())]);
    }
  });

  it('maps a lock timeout (55P03) and a cancelled statement (57014) to 503 with Retry-After', async () => {
    const [holder, waiter] = [await connection(), await connection()];
    try {
      await holder.query('begin');
      await holder.query('select * from t_rows where id = 1 for update');
      await waiter.query("set lock_timeout = '50ms'");
      const lockError = await failureOf(waiter.query('select * from t_rows where id = 1 for update'));
      expect(answerTo(lockError)).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: '1' });
      await waiter.query("set statement_timeout = '50ms'");
      const timeoutError = await failureOf(waiter.query('select pg_sleep(2)'));
      expect((timeoutError as { code: string }).code).toBe('57014');
      expect(answerTo(timeoutError)).toMatchObject({ status: 503, code: 'service_unavailable' });
    } finally {
      await holder.query('rollback');
      await Promise.all([holder.end(), waiter.end()]);
    }
  });

  it('maps a terminated backend (57P01) and a refused connection to 503', async () => {
    const victim = await connection();
    const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
    const running = failureOf(victim.query('select pg_sleep(5)'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(app.db);
    expect(answerTo(await running)).toMatchObject({ status: 503, code: 'service_unavailable' });
    const refused = await failureOf(new pg.Client({ connectionString: 'postgres://x@127.0.0.1:1/none' }).connect());
    expect(answerTo(refused)).toMatchObject({ status: 503, code: 'service_unavailable' });
  });

  it('sheds a caller at once when the pool is busy and its queue full, and times out a long wait', async () => {
    for (const options of [{ maxWaiting: 0 }, { maxWaiting: 5, connectionTimeoutMs: 100 }]) {
      const small = createDb({ connectionString: app.databaseUrl, max: 1, ...options });
      try {
        const holding = sql`select pg_sleep(0.5)`.execute(small);
        const error = await failureOf(sql`select 1`.execute(small));
        expect(answerTo(error)).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: '1' });
        await holding;
      } finally {
        await small.destroy();
      }
    }
  });

  it('leaves real faults (a missing table) to the 500 path', async () => {
    expect(answerTo(await failureOf(sql`select * from no_such_table`.execute(app.db)))).toBeUndefined();
  });
});
