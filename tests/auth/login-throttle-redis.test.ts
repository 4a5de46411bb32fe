import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signUp } from '../support/fixtures.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';

// Runs when a Redis answers (TEST_REDIS_URL, or the default port); reported as skipped otherwise.
const redisUp = await redisAnswers();

describe.runIf(redisUp)('login throttling through Redis (REDIS_URL)', () => {
  const env = {
    REDIS_URL: testRedisUrl,
    REDIS_KEY_PREFIX: `nexus-test-${randomUUID()}:`,
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '2',
  };
  let first: TestApp;
  let second: SpawnedServer;
  let secondDatabase: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  beforeAll(async () => {
    first = await startTestApp(env);
    // Another operating-system process over another database: only Redis can carry a count between them.
    secondDatabase = await cloneTemplateDatabase();
    second = await spawnServer({ ...env, DATABASE_URL: secondDatabase.url, SEED_DEMO_DATA: 'false' });
  }, 60_000);
  afterAll(async () => {
    await second.stop();
    await secondDatabase.drop();
    await first.close();
  });

  it('shares attempt counters between two server processes and keeps PostgreSQL out of it', async () => {
    const { email } = await signUp(first);
    for (let i = 0; i < 2; i += 1) {
      const answer = await fetch(`${second.baseUrl}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong-pass' }),
      });
      expect(answer.status).toBe(401);
    }
    const blocked = await first.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(blocked, 'rate_limited');
    expect(await first.db.selectFrom('attempt_counters').select('key').execute()).toEqual([]);
  });

  it('counts before it verifies in Redis too: a burst of 50 guesses gets 2 through', async () => {
    const { email } = await signUp(first);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        first.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: 'nope-nope' } }),
      ),
    );
    expect(responses.filter((r) => r.status === 401)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(48);
  });
});
