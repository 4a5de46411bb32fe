import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { contractOperations } from './operations.js';
import { prepareFuzzTarget } from './fixtures.js';
import { formatSummary, generateRequests, runFuzz } from './run-fuzz.js';

// The bounded run of every `pnpm test`; `pnpm fuzz --requests N --seed S` runs longer. FUZZ_SEED varies it here.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);

let app: TestApp;
const specs = generateRequests(REQUESTS, SEED);
beforeAll(async () => {
  // Throttles high enough that generated logins and sign-ups reach the handlers, rather than all answering 429.
  app = await startTestApp({
    REGISTER_MAX_PER_IP: '1000000',
    LOGIN_MAX_FAILURES_PER_IP: '1000000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000',
  });
});
afterAll(() => app.close());

describe('the contract-driven fuzzer', () => {
  it(`sends ${REQUESTS} generated requests, valid and hostile, and every answer keeps the contract`, async () => {
    const target = await prepareFuzzTarget(
      () => app.client(),
      async (id) => void (await app.db.updateTable('users').set({ role: 'admin' }).where('id', '=', id).execute()),
    );
    const summary = await runFuzz({ baseUrl: app.baseUrl, ...target }, specs, {
      seed: SEED,
      concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 8),
    });
    console.log(formatSummary(summary));
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
});
