import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { memoryCacheStore, redisCacheStore } from '../../server/src/modules/catalogue-cache/cache-store.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const redisUp = await redisAnswers();

describe('the cache stores’ TTL counts from the last read', () => {
  it('in process: a hot entry stays, an idle one goes', async () => {
    const store = memoryCacheStore({ maxEntries: 10, ttlSeconds: 0.3 });
    await store.set('hot', 'a');
    for (let i = 0; i < 4; i += 1) {
      await sleep(120);
      expect(await store.get('hot')).toBe('a');
    }
    await sleep(450);
    expect(await store.get('hot')).toBeUndefined();
  });

  it.skipIf(!redisUp)(`in Redis (${testRedisUrl}; skipped when it does not answer)`, async () => {
    const redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
    try {
      const store = redisCacheStore(redis, { prefix: `test:${randomUUID()}:`, ttlSeconds: 1 });
      await store.set('hot', 'a');
      for (let i = 0; i < 3; i += 1) {
        await sleep(600);
        expect(await store.get('hot')).toBe('a');
      }
      await sleep(2100);
      expect(await store.get('hot')).toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });
});
