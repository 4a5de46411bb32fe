import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signUp } from '../support/fixtures.js';

const redisUrl = testRedisUrl;
// Runs when a Redis answers (TEST_REDIS_URL, or the default port); reported as skipped otherwise.
const redisUp = await redisAnswers();

describe.runIf(redisUp)('login throttling through Redis (REDIS_URL)', () => {
  const env = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `nexus-test-${randomUUID()}:`,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
  };
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp(env);
    second = await startTestApp(env);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('shares failure counters between two server instances and keeps PostgreSQL out of it', async () => {
    // The two apps have separate databases, so only Redis can carry the count from one to the other.
    const { email } = await signUp(first);
    await signUp(second, { email });
    for (const app of [first, second])
      await app.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: 'wrong-pass' } });
    const blocked = await first.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(blocked, 'rate_limited');
    expect(await first.db.selectFrom('login_throttle').select('key').execute()).toEqual([]);
  });
});
