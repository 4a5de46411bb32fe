import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { holdCountsLock } from '../support/locks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT: '5', RATE_LIMIT_WINDOW: '1m', TRUST_PROXY: '1' });
});
afterAll(() => app.close());

const from = (ip: string, path = '/api/v1/categories') => app.fetch(path, { headers: { 'x-forwarded-for': ip } });

describe('the general rate limit', () => {
  it('tells every caller its budget, then answers 429 with Retry-After once it is spent', async () => {
    const seen: Array<string | null> = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await from('198.51.100.1');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('5');
      expect(response.headers.get('x-ratelimit-limit')).toBe('5');
      expect(response.headers.get('ratelimit-policy')).toBe('5;w=60');
      seen.push(response.headers.get('ratelimit-remaining'));
    }
    expect(seen).toEqual(['4', '3', '2', '1', '0']);
    const refused = await from('198.51.100.1', '/api/v1/products');
    const retryAfter = Number(refused.headers.get('retry-after'));
    await expectProblem(refused, 'rate_limited');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('keeps one budget per address, and leaves health checks and docs alone', async () => {
    for (let i = 0; i < 6; i += 1) await from('198.51.100.2');
    await expectProblem(await from('198.51.100.2'), 'rate_limited');
    expect((await from('198.51.100.3')).status).toBe(200);
    expect((await from('198.51.100.2', '/healthz')).status).toBe(200);
    expect((await from('198.51.100.2', '/api/openapi.json')).status).toBe(200);
  });

  it('answers a burst beyond RATE_LIMIT_CONCURRENCY in flight with 429 at once, leaving other addresses alone', async () => {
    const burst = await startTestApp({ RATE_LIMIT_CONCURRENCY: '3', TRUST_PROXY: '1', RESPONSE_CACHE: 'off' });
    const lock = await holdCountsLock(burst.databaseUrl);
    try {
      const stuck = Array.from({ length: 10 }, (_, i) =>
        burst.fetch(`/api/v1/products?page=${i + 1}`, { headers: { 'x-forwarded-for': '198.51.100.9' } }),
      );
      const refused = (await Promise.all(stuck.slice(3))).map((r) => r.status);
      expect(refused).toEqual(Array(7).fill(429));
      // A cheap read from another address is answered as usual (404: no such category), not refused.
      const cheap = '/api/v1/categories/00000000-0000-4000-8000-000000000000';
      expect((await burst.fetch(cheap, { headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(404);
      await lock.release();
      expect((await Promise.all(stuck.slice(0, 3))).map((r) => r.status)).toEqual([200, 200, 200]);
      // The slots came back: the same address is served again.
      expect((await burst.fetch(cheap, { headers: { 'x-forwarded-for': '198.51.100.9' } })).status).toBe(404);
    } finally {
      await burst.close();
    }
  });

  it('limits the seed API aliases as the paths they stand for', async () => {
    for (let i = 0; i < 5; i += 1) await from('198.51.100.4', '/api/products/');
    await expectProblem(await from('198.51.100.4', '/api/categories/'), 'rate_limited');
  });
});
