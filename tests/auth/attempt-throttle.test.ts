import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresThrottle,
  type AttemptThrottle,
  type ThrottleRule,
} from '../../server/src/modules/auth/attempt-throttle.js';
import { createRedisThrottle } from '../../server/src/modules/auth/attempt-throttle.redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';

// The same rules, run against both stores: the PostgreSQL function and the Redis script must agree.
const redisUp = await redisAnswers();
let app: TestApp;
let redis: Redis | undefined;
const stores: Array<[string, () => AttemptThrottle]> = [['PostgreSQL', () => createPostgresThrottle(app.db)]];
if (redisUp) stores.push(['Redis', () => createRedisThrottle(redis!, `nexus-test-${randomUUID()}:`)]);

beforeAll(async () => {
  app = await startTestApp();
  if (redisUp) redis = new Redis(testRedisUrl);
});
afterAll(async () => {
  await redis?.quit();
  await app.close();
});

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 150));
const key = () => `test:${randomUUID()}`;
const lock = (allowance: number): ThrottleRule => ({ key: key(), allowance, windowSeconds: 900, mode: 'lock' });
const slow = (allowance: number): ThrottleRule => ({
  key: key(),
  allowance,
  windowSeconds: 900,
  mode: 'slow',
  baseDelaySeconds: 1,
  maxDelaySeconds: 2,
});

describe.each(stores)('attempt counters in %s', (_store, make) => {
  it('lets a lock rule through `allowance` times, then refuses until the window ends', async () => {
    const throttle = make();
    const rule = lock(3);
    for (let i = 0; i < 3; i += 1) expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    const refused = await throttle.reserve([rule]);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfter).toBeGreaterThan(890);
  });

  it('slows a slow rule past its allowance with doubling delays, capped at the maximum', async () => {
    const throttle = make();
    const rule = slow(2);
    expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    expect(await throttle.reserve([rule])).toEqual({ allowed: false, retryAfter: 1 });
    await sleep(1);
    expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    expect(await throttle.reserve([rule])).toEqual({ allowed: false, retryAfter: 2 });
    await sleep(2);
    expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    // 4 past the allowance would be 4 s; the maximum is 2.
    expect(await throttle.reserve([rule])).toEqual({ allowed: false, retryAfter: 2 });
  }, 15_000);

  it('counts an attempt under every rule or under none', async () => {
    const throttle = make();
    const open = lock(10);
    const full = lock(1);
    expect(await throttle.reserve([open, full])).toEqual({ allowed: true });
    expect((await throttle.reserve([open, full])).allowed).toBe(false);
    // The refused attempt counted nothing under `open`: 9 more fit.
    for (let i = 0; i < 9; i += 1) expect((await throttle.reserve([open])).allowed).toBe(true);
    expect((await throttle.reserve([open])).allowed).toBe(false);
  });

  it('takes an attempt back on release, lifting the block it set, and forgets cleared keys', async () => {
    const throttle = make();
    const rule = lock(2);
    const other = lock(1);
    await throttle.reserve([rule, other]);
    await throttle.reserve([rule]);
    expect((await throttle.reserve([rule])).allowed).toBe(false);
    await throttle.release([rule, other], { clear: [other.key] });
    expect(await throttle.reserve([rule])).toEqual({ allowed: true });
    expect(await throttle.reserve([other])).toEqual({ allowed: true });
  });

  it('remembers a key for its lifetime', async () => {
    const throttle = make();
    const remembered = key();
    expect(await throttle.isRemembered(remembered)).toBe(false);
    await throttle.remember(remembered, 60);
    expect(await throttle.isRemembered(remembered)).toBe(true);
    await throttle.remember(`${remembered}:short`, 1);
    await sleep(1);
    expect(await throttle.isRemembered(`${remembered}:short`)).toBe(false);
  });

  it('lets exactly `allowance` of 100 concurrent attempts through', async () => {
    const throttle = make();
    const rule = lock(7);
    const results = await Promise.all(Array.from({ length: 100 }, () => throttle.reserve([rule])));
    expect(results.filter((result) => result.allowed)).toHaveLength(7);
  });
});
