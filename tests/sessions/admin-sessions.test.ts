import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { loginFrom, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const sessionsOf = (userId: string) => admin.client.sessions.listForUser({ params: { id: userId } });
const endFor = (userId: string, sessionId: string, token = admin.access) =>
  app.fetch(`/api/v1/users/${userId}/sessions/${sessionId}`, { method: 'DELETE', token });

describe('a customer’s sessions (admin)', () => {
  it('lists the customer’s live logins as they see them, newest first, none of them the admin’s current one', async () => {
    const customer = await signUp(app);
    await loginFrom(app, customer, 'NexusPhone/1.0');
    const own = await customer.client.sessions.list();
    const listed = await sessionsOf(customer.user.id);
    expect(listed.map((s) => s.user_agent)).toEqual(['NexusPhone/1.0', 'node']);
    expect(listed).toEqual(own.map((s) => ({ ...s, current: false })));
    // Only theirs: the admin's own login is not in it.
    expect(listed.map((s) => s.id)).not.toContain((await admin.client.sessions.list())[0]!.id);
  });

  it('ends one: its access token fails with 401 at once, its refresh token too; the other login goes on', async () => {
    const customer = await signUp(app);
    const phone = await loginFrom(app, customer, 'NexusPhone/1.0');
    const phoneSession = (await sessionsOf(customer.user.id)).find((s) => s.user_agent === 'NexusPhone/1.0')!;
    expect((await app.fetch('/api/v1/users/me', { token: phone.access })).status).toBe(200);

    await admin.client.sessions.endForUser({ params: { id: customer.user.id, session_id: phoneSession.id } });

    await expectProblem(await app.fetch('/api/v1/users/me', { token: phone.access }), 'token_revoked');
    const refresh = await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: phone.refresh } });
    await expectProblem(refresh, 'token_revoked');
    expect((await app.fetch('/api/v1/users/me', { token: customer.access })).status).toBe(200);
    expect((await sessionsOf(customer.user.id)).map((s) => s.id)).not.toContain(phoneSession.id);
    // Already ended: 404.
    await expectProblem(await endFor(customer.user.id, phoneSession.id), 'not_found');
  });

  it('answers 404 for an unknown user, and for another user’s session, which keeps working', async () => {
    await expectProblem(
      await app.fetch(`/api/v1/users/${randomUUID()}/sessions`, { token: admin.access }),
      'not_found',
    );
    const owner = await signUp(app);
    const other = await signUp(app);
    const [ownerSession] = await sessionsOf(owner.user.id);
    await expectProblem(await endFor(randomUUID(), ownerSession!.id), 'not_found');
    await expectProblem(await endFor(other.user.id, ownerSession!.id), 'not_found');
    await expectProblem(await endFor(owner.user.id, randomUUID()), 'not_found');
    expect((await app.fetch('/api/v1/users/me', { token: owner.access })).status).toBe(200);
    expect(await sessionsOf(owner.user.id)).toHaveLength(1);
  });

  it('is for admins only: 401 without a token, 403 for a customer, even about their own sessions', async () => {
    const customer = await signUp(app);
    const [session] = await customer.client.sessions.list();
    const path = `/api/v1/users/${customer.user.id}/sessions`;
    await expectProblem(await app.fetch(path), 'unauthorized');
    await expectProblem(await app.fetch(`${path}/${session!.id}`, { method: 'DELETE' }), 'unauthorized');
    await expectProblem(await app.fetch(path, { token: customer.access }), 'forbidden');
    await expectProblem(await endFor(customer.user.id, session!.id, customer.access), 'forbidden');
    expect((await app.fetch('/api/v1/users/me', { token: customer.access })).status).toBe(200);
  });

  it('answers a path id that is not a uuid as no such resource (404), as every path does', async () => {
    await expectProblem(await app.fetch('/api/v1/users/nope/sessions', { token: admin.access }), 'not_found');
    const customer = await signUp(app);
    await expectProblem(await endFor(customer.user.id, 'nope'), 'not_found');
  });
});
