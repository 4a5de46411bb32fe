import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { databaseProblem } from '../../server/src/database/database-errors.js';
import { withTransaction } from '../../server/src/database/transaction.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await sql`create table t_unique (v int unique)`.execute(app.db);
  await sql`create table t_rows (id int primary key, n int not null)`.execute(app.db);
  await sql`insert into t_rows values (1, 0), (2, 0)`.execute(app.db);
});
afterAll(() => app.close());

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );
const answerTo = (error: unknown) => {
  const problem = databaseProblem(error);
  return problem && { status: problem.status, code: problem.code };
};

async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  return client;
}

describe('withTransaction', () => {
  /** Two transactions that both read the row before either writes: a lost update without serializable. */
  async function racingIncrements(maxAttempts: number) {
    let bodies = 0;
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const increment = () =>
      withTransaction(
        app.db,
        async (trx) => {
          bodies += 1;
          const { rows } = await sql<{ n: number }>`select n from t_rows where id = 1`.execute(trx);
          const n = rows[0]!.n;
          if (++arrived === 2) release();
          await bothRead;
          await sql`update t_rows set n = ${n + 1} where id = 1`.execute(trx);
        },
        { isolation: 'serializable', maxAttempts },
      );
    await sql`update t_rows set n = 0 where id = 1`.execute(app.db);
    const outcomes = await Promise.allSettled([increment(), increment()]);
    const { rows } = await sql<{ n: number }>`select n from t_rows where id = 1`.execute(app.db);
    return { outcomes, bodies, n: rows[0]!.n };
  }

  it('runs the body again after a serialization failure, so neither increment is lost', async () => {
    const { outcomes, bodies, n } = await racingIncrements(3);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(bodies).toBe(3);
    expect(n).toBe(2);
  });

  it('gives up after maxAttempts and lets the 40001 through, to be answered 409 write_conflict', async () => {
    const { outcomes, n } = await racingIncrements(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(answerTo(rejected?.reason)).toMatchObject({ status: 409, code: 'write_conflict' });
    expect(n).toBe(1);
  });

  it('runs after-commit hooks in order once committed, and never after a rollback', async () => {
    const ran: string[] = [];
    await withTransaction(app.db, async (_trx, scope) => {
      scope.afterCommit(() => ran.push('first'));
      scope.afterCommit(async () => ran.push('second'));
      ran.push('body');
    });
    expect(ran).toEqual(['body', 'first', 'second']);
    const failed = await failureOf(
      withTransaction(app.db, async (trx, scope) => {
        scope.afterCommit(() => ran.push('never'));
        await sql`insert into t_unique values (7), (7)`.execute(trx);
      }),
    );
    expect(answerTo(failed)).toMatchObject({ code: 'conflict' });
    expect(ran).not.toContain('never');
  });

  it('bounds the wait for a lock with lockTimeoutMs', async () => {
    const holder = await connection();
    try {
      await holder.query('begin');
      await holder.query('select * from t_rows where id = 2 for update');
      const error = await failureOf(
        withTransaction(app.db, (trx) => sql`select * from t_rows where id = 2 for update`.execute(trx), {
          lockTimeoutMs: 50,
        }),
      );
      expect((error as { code: string }).code).toBe('55P03');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });
});
