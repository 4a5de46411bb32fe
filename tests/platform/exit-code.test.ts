import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const testsDir = path.resolve(import.meta.dirname, '..');

describe('the test command', () => {
  it('exits non-zero when a test fails, even with an embedded PostgreSQL in the run', () => {
    const run = spawnSync('npx', ['vitest', 'run', '--config', 'platform/fixtures/failing.vitest.config.ts'], {
      cwd: testsDir,
      encoding: 'utf8',
      // The embedded database is the case that used to exit 0: force it whatever this run uses.
      env: { ...process.env, TEST_DATABASE_SOURCE: 'embedded', TEST_DATABASE_URL: '' },
      timeout: 90_000,
    });
    expect(run.stdout).toContain('0 passed, 1 failed');
    expect(run.status).toBe(1);
  }, 120_000);
});
