import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signUp, uniqueEmail } from '../support/fixtures.js';
import { spawnServer } from '../support/spawn-server.js';
import { AppError } from '../../server/src/errors.js';

// Addresses come from X-Forwarded-For (one trusted proxy hop), so one test plays many clients.
const env = {
  TRUST_PROXY: '1',
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '5',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '20',
  LOGIN_MAX_FAILURES_PER_IP: '40',
  // Delays long enough to outlast a 200-request burst on a slow machine, short enough to wait out in a test.
  LOGIN_SLOWDOWN_BASE: '3s',
  LOGIN_SLOWDOWN_MAX: '3s',
  // A burst from 200 addresses must reach the throttle, not be shed by the pool's queue first (which it would
  // be in production, with 503: that is load shedding's job, tested in tests/faults).
  DATABASE_POOL_QUEUE: '1000',
};

/** How many argon2 verifications the server ran (real and dummy): what a guess costs us. */
const verifications = { count: 0, failNext: false };
function countVerifications(target: TestApp) {
  const { passwords } = target.nexus.deps;
  const verify = passwords.verify.bind(passwords);
  const verifyDummy = passwords.verifyDummy.bind(passwords);
  const counted =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (verifications.failNext) {
        verifications.failNext = false;
        return Promise.reject(new AppError('service_unavailable', 'Too many password checks at once'));
      }
      verifications.count += 1;
      return run(...args);
    };
  passwords.verify = counted(verify);
  passwords.verifyDummy = counted(verifyDummy);
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(env);
  countVerifications(app);
});
afterAll(() => app.close());

let addresses = 0;
/** A client address no other test uses. */
const newAddress = () => `203.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;
const login = (target: { fetch: TestApp['fetch'] }, email: string, password: string, ip: string) =>
  target.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password }, headers: { 'x-forwarded-for': ip } });
const statuses = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));

describe('login throttling', () => {
  it('locks one account out for the guessing address only: the owner elsewhere and other accounts still log in', async () => {
    const victim = await signUp(app);
    const attacker = newAddress();
    for (let i = 0; i < 5; i += 1)
      await expectProblem(await login(app, victim.email, 'wrong-pass', attacker), 'invalid_credentials');
    const blocked = await login(app, victim.email, PASSWORD, attacker);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    await expectProblem(blocked, 'rate_limited');
    expect((await login(app, victim.email, PASSWORD, newAddress())).status).toBe(200);
    const other = await signUp(app);
    expect((await login(app, other.email, PASSWORD, attacker)).status).toBe(200);
  });

  it('counts before it verifies: 200 concurrent guesses from one address cost exactly 5 verifications, all else 429', async () => {
    // Production limits and pool: the burst is answered 429 (the throttle, or too many in flight), never 503.
    const production = await startTestApp({ TRUST_PROXY: '1', RATE_LIMIT_CONCURRENCY: '20' });
    countVerifications(production);
    try {
      const { email } = await signUp(production);
      const ip = newAddress();
      verifications.count = 0;
      const responses = await Promise.all(
        Array.from({ length: 200 }, () => login(production, email, 'wrong-pass', ip)),
      );
      expect(statuses(responses)).toEqual({ 401: 5, 429: 195 });
      expect(verifications.count).toBe(5);
    } finally {
      await production.close();
    }
  });

  it('slows 200 concurrent guesses from 200 addresses to the account allowance, and only delays the owner', async () => {
    const { email } = await signUp(app);
    verifications.count = 0;
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => login(app, email, 'wrong-pass', newAddress())),
    );
    expect(statuses(responses)).toEqual({ 401: 20, 429: 180 });
    expect(verifications.count).toBe(20);
    const owner = newAddress();
    const delayed = await login(app, email, PASSWORD, owner);
    const wait = Number(delayed.headers.get('retry-after'));
    await expectProblem(delayed, 'rate_limited');
    expect(wait).toBeLessThanOrEqual(3);
    await sleep(wait);
    expect((await login(app, email, PASSWORD, owner)).status).toBe(200);
  });

  it('never slows the owner on an address they have logged in from before, however hard the account is attacked', async () => {
    const { email } = await signUp(app);
    const home = newAddress();
    expect((await login(app, email, PASSWORD, home)).status).toBe(200);
    await Promise.all(Array.from({ length: 60 }, () => login(app, email, 'wrong-pass', newAddress())));
    await expectProblem(await login(app, email, PASSWORD, newAddress()), 'rate_limited');
    expect((await login(app, email, PASSWORD, home)).status).toBe(200);
  });

  it('takes an attempt back when its password could not be checked (the server was overloaded)', async () => {
    const { email } = await signUp(app);
    const ip = newAddress();
    const attempts = async () =>
      (
        await app.db
          .selectFrom('attempt_counters')
          .select(['key', 'attempts'])
          .where('key', 'like', `login:%${email}%`)
          .execute()
      )
        .map((row) => `${row.key.split(':')[1]}=${row.attempts}`)
        .sort();
    await login(app, email, 'wrong-pass', ip);
    expect(await attempts()).toEqual(['account=1', 'pair=1']);
    verifications.failNext = true;
    await expectProblem(await login(app, email, 'wrong-pass', ip), 'service_unavailable');
    expect(await attempts()).toEqual(['account=1', 'pair=1']);
  });

  it('slows an address that guesses across many accounts, without locking the people behind it out', async () => {
    const ip = newAddress();
    for (let i = 0; i < 40; i += 1) await login(app, uniqueEmail('spray'), 'wrong-pass', ip);
    const neighbour = await signUp(app);
    const delayed = await login(app, neighbour.email, PASSWORD, ip);
    const wait = Number(delayed.headers.get('retry-after'));
    await expectProblem(delayed, 'rate_limited');
    expect(wait).toBeLessThanOrEqual(3);
    expect((await login(app, neighbour.email, PASSWORD, newAddress())).status).toBe(200);
    await sleep(wait);
    expect((await login(app, neighbour.email, PASSWORD, ip)).status).toBe(200);
  });

  it('does not count a successful login, and forgets the address’s failures for that account', async () => {
    const { email } = await signUp(app);
    const ip = newAddress();
    const elsewhere = newAddress();
    for (let i = 0; i < 4; i += 1) await login(app, email, 'wrong-pass', ip);
    expect((await login(app, email, PASSWORD, ip)).status).toBe(200);
    // The pair counter was cleared: four more mistakes from here are still answered, not locked.
    for (let i = 0; i < 4; i += 1)
      await expectProblem(await login(app, email, 'wrong-pass', ip), 'invalid_credentials');
    await login(app, email, 'wrong-pass', elsewhere);
    const counters = await app.db
      .selectFrom('attempt_counters')
      .select(['key', 'attempts'])
      .where('key', 'in', [`login:account:${email}`, `login:pair:${email}|${ip}`])
      .orderBy('key')
      .execute();
    // The account saw 4 failures, the success (not counted), 4 from its now-known address (not counted against
    // the account) and 1 from elsewhere.
    expect(counters).toEqual([
      { key: `login:account:${email}`, attempts: 5 },
      { key: `login:pair:${email}|${ip}`, attempts: 4 },
    ]);
  });

  it('spends an argon2 verification on an unknown email too, so timing does not reveal accounts', async () => {
    verifications.count = 0;
    await expectProblem(await login(app, uniqueEmail('ghost'), 'wrong-pass', newAddress()), 'invalid_credentials');
    expect(verifications.count).toBe(1);
  });

  it('shares counters through PostgreSQL with a second server process', async () => {
    const { email } = await signUp(app);
    const ip = newAddress();
    const second = await spawnServer({ ...env, DATABASE_URL: app.databaseUrl, SEED_DEMO_DATA: 'false' });
    try {
      const remote = { fetch: (path: string, init?: RequestInit) => fetch(second.baseUrl + path, init) };
      const remoteLogin = (password: string) =>
        remote.fetch('/api/v1/auth/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ email, password }),
        });
      for (let i = 0; i < 5; i += 1) expect((await remoteLogin('wrong-pass')).status).toBe(401);
      await expectProblem(await login(app, email, PASSWORD, ip), 'rate_limited');
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('registration limits', () => {
  it('allows REGISTER_MAX_PER_IP registrations per address and window, failed ones included', async () => {
    const limited = await startTestApp({ TRUST_PROXY: '1', REGISTER_MAX_PER_IP: '3' });
    try {
      const ip = newAddress();
      const register = (email: string, address = ip) =>
        limited.fetch('/api/v1/auth/register', {
          method: 'POST',
          json: { email, password: PASSWORD, first_name: 'R', last_name: 'L' },
          headers: { 'x-forwarded-for': address },
        });
      const email = uniqueEmail();
      expect((await register(email)).status).toBe(201);
      expect((await register(email)).status).toBe(409);
      expect((await register(uniqueEmail())).status).toBe(201);
      const refused = await register(uniqueEmail());
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
      await expectProblem(refused, 'rate_limited');
      expect((await register(uniqueEmail(), newAddress())).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
