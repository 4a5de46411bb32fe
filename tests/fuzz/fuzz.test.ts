import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';
import { contractOperations } from './operations.js';
import { FUZZ_ENV, prepareFuzzTarget } from './fixtures.js';
import { formatSummary, generateRequests, runFuzz } from './run-fuzz.js';

// The bounded run of every `pnpm test`; `pnpm fuzz --requests N --seed S` runs longer. FUZZ_SEED varies it here.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const redisUp = await redisAnswers();

async function fuzz(env: Record<string, string>, requests: number) {
  // Generated before the server starts: generation is synchronous work that would stall a server in this process.
  const specs = generateRequests(requests, SEED);
  const app = await startTestApp({ ...FUZZ_ENV, ...env });
  try {
    const target = await prepareFuzzTarget(
      () => app.client(),
      async (id) => void (await app.db.updateTable('users').set({ role: 'admin' }).where('id', '=', id).execute()),
    );
    const summary = await runFuzz({ baseUrl: app.baseUrl, ...target }, specs, {
      seed: SEED,
      concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 8),
    });
    console.log(formatSummary(summary));
    return summary;
  } finally {
    await app.close();
  }
}

describe('the contract-driven fuzzer', () => {
  it(`sends ${REQUESTS} generated requests, valid and hostile, and every answer keeps the contract`, async () => {
    const summary = await fuzz({}, REQUESTS);
    expect(Object.keys(summary.byOperation).sort()).toEqual(
      contractOperations()
        .map((op) => op.name)
        .sort(),
    );
    expect(summary.serverErrors).toBe(0);
    expect(
      summary.findings.map(
        (f) => `${f.request.operation} [${f.request.variant}] → ${f.status}: ${f.reasons.join('; ')}`,
      ),
    ).toEqual([]);
  }, 180_000);

  // Counters, rate limit and cache in Redis take other code paths; reported as skipped when no Redis answers.
  it.runIf(redisUp)(
    'keeps the contract with REDIS_URL set too',
    async () => {
      const summary = await fuzz(
        { REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: `nexus-fuzz-${randomUUID()}:`, RATE_LIMIT: '1000000' },
        1_000,
      );
      expect(summary.serverErrors).toBe(0);
      expect(
        summary.findings.map(
          (f) => `${f.request.operation} [${f.request.variant}] → ${f.status}: ${f.reasons.join('; ')}`,
        ),
      ).toEqual([]);
    },
    120_000,
  );
});
