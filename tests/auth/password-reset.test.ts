import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signUp, signUpAdmin, uniqueEmail, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp({ PASSWORD_RESET_URL: 'https://shop.example/reset' });
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const forgot = (email: string, ip = '203.0.113.1') =>
  app.fetch('/api/v1/auth/password/forgot', { method: 'POST', json: { email }, headers: { 'x-forwarded-for': ip } });
const reset = (token: string, new_password: string) =>
  app.fetch('/api/v1/auth/password/reset', { method: 'POST', json: { token, new_password } });

/** The token of the reset e-mail that has reached `email`'s mailbox. */
async function mailedToken(email: string): Promise<string> {
  let token = '';
  await vi.waitFor(async () => {
    const [mail] = (await admin.client.mail.list({ query: { to: email } })).results.filter((m) =>
      m.subject.startsWith('Reset your'),
    );
    expect(mail).toBeDefined();
    expect(mail!.text).toContain('https://shop.example/reset?token=pr_');
    expect(mail!.html).toContain('href="https://shop.example/reset?token');
    token = /token=(pr_[\w-]+)/.exec(mail!.text)![1]!;
  });
  return token;
}

describe('password reset', () => {
  it('mails a one-time link; the new password works, the old one and every session stop', async () => {
    const user = await signUp(app);
    expect((await forgot(user.email)).status).toBe(202);
    const token = await mailedToken(user.email);

    expect((await reset(token, 'a brand new password')).status).toBe(204);
    await expectProblem(await app.fetch('/api/v1/users/me', { token: user.access }), 'token_revoked');
    const old = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      json: { email: user.email, password: PASSWORD },
    });
    await expectProblem(old, 'invalid_credentials');
    const fresh = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      json: { email: user.email, password: 'a brand new password' },
    });
    expect(fresh.status).toBe(200);
    // Once only.
    await expectProblem(await reset(token, 'yet another password'), 'invalid_reset_token');
  });

  it('answers an unknown or deactivated email exactly like a known one, and mails nothing', async () => {
    const known = await signUp(app);
    const deactivated = await signUp(app);
    await admin.client.users.update({ params: { id: deactivated.user.id }, body: { is_active: false } });
    const answers = await Promise.all([forgot(known.email), forgot(uniqueEmail('nobody')), forgot(deactivated.email)]);
    const shapes = await Promise.all(
      answers.map(async (r) => ({ status: r.status, body: await r.text(), type: r.headers.get('content-type') })),
    );
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    await mailedToken(known.email);
    expect((await admin.client.mail.list({ query: { to: deactivated.email } })).results).toHaveLength(0);
  });

  it('keeps only the hash of the token, and never puts the token in an event', async () => {
    const user = await signUp(app);
    await forgot(user.email);
    const token = await mailedToken(user.email);
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from password_reset_tokens where encode(token_hash, 'escape') like ${`%${token}%`})
           + (select count(*) from events where data::text like ${`%${token}%`}) as n`.execute(app.db);
    expect(Number(rows[0]!.n)).toBe(0);
    const { rows: events } = await sql<{ data: unknown }>`
      select data from events where type = 'user.password_reset_requested' and resource_id = ${user.user.id}`.execute(
      app.db,
    );
    expect(events.map((e) => e.data)).toEqual([{ id: user.user.id, email: user.email }]);
  });

  it('refuses unknown, expired and malformed tokens with 400 invalid_reset_token', async () => {
    const user = await signUp(app);
    await forgot(user.email);
    const token = await mailedToken(user.email);
    await sql`update password_reset_tokens set expires_at = now() - interval '1 second'`.execute(app.db);
    await expectProblem(await reset(token, 'a brand new password'), 'invalid_reset_token');
    await expectProblem(await reset('pr_made_up', 'a brand new password'), 'invalid_reset_token');
    const short = await reset('pr_whatever', 'short');
    expect((await expectProblem(short, 'validation_failed')).errors?.[0]?.path).toBe('new_password');
  });

  it('changes the password once when one token is used twice at once', async () => {
    const user = await signUp(app);
    await forgot(user.email, '203.0.113.9');
    const token = await mailedToken(user.email);
    const answers = await Promise.all([reset(token, 'first new password'), reset(token, 'second new password')]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
  });

  it('throttles requests per account, known or not, with 429 and Retry-After', async () => {
    for (const email of [(await signUp(app)).email, uniqueEmail('ghost')]) {
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await forgot(email, `198.51.100.${i}`)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const limited = await forgot(email, '198.51.100.77');
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      await expectProblem(limited, 'rate_limited');
    }
  });
});
