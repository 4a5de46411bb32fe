import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { loginFrom, signUp } from '../support/fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const sessionsOf = (access: string) =>
  app.fetch('/api/v1/users/me/sessions', { token: access }).then(async (response) => {
    expect(response.status).toBe(200);
    return (await response.json()) as Array<{
      id: string;
      user_agent: string | null;
      ip: string;
      current: boolean;
      last_used_at: string;
    }>;
  });

describe('sessions', () => {
  it('lists every live login newest first, with device, address and which one is yours', async () => {
    const user = await signUp(app);
    const phone = await loginFrom(app, user, 'NexusPhone/1.0');
    const laptop = await loginFrom(app, user, 'Mozilla/5.0 (Laptop)');
    const sessions = await sessionsOf(laptop.access);
    expect(sessions).toHaveLength(3);
    expect(sessions.map((s) => s.user_agent)).toEqual(['Mozilla/5.0 (Laptop)', 'NexusPhone/1.0', 'node']);
    expect(sessions.map((s) => s.current)).toEqual([true, false, false]);
    expect(sessions.every((s) => s.ip === '127.0.0.1')).toBe(true);
    // The SDK: the same list, `current` marking the SDK's own login.
    const listed = await user.client.sessions.list();
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect((await sessionsOf(phone.access)).find((s) => s.current)?.user_agent).toBe('NexusPhone/1.0');
  });

  it('ends another device at once: its access token and its refresh token stop working', async () => {
    const user = await signUp(app);
    const phone = await loginFrom(app, user, 'NexusPhone/1.0');
    const phoneSession = (await sessionsOf(phone.access)).find((s) => s.current)!;
    await user.client.sessions.end({ params: { id: phoneSession.id } });

    await expectProblem(await app.fetch('/api/v1/users/me', { token: phone.access }), 'token_revoked');
    const refresh = await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: phone.refresh } });
    await expectProblem(refresh, 'token_revoked');
    expect((await user.client.sessions.list()).map((s) => s.id)).not.toContain(phoneSession.id);
    // Ending it again, or a made-up id: 404.
    const again = await app.fetch(`/api/v1/users/me/sessions/${phoneSession.id}`, {
      method: 'DELETE',
      token: user.access,
    });
    await expectProblem(again, 'not_found');
  });

  it('hides other users’ sessions: ending one is 404 and changes nothing', async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const [ownerSession] = await owner.client.sessions.list();
    const attempt = await app.fetch(`/api/v1/users/me/sessions/${ownerSession!.id}`, {
      method: 'DELETE',
      token: stranger.access,
    });
    await expectProblem(attempt, 'not_found');
    expect((await app.fetch('/api/v1/users/me', { token: owner.access })).status).toBe(200);
    await expectProblem(
      await app.fetch('/api/v1/users/me/sessions/not-a-uuid', { method: 'DELETE', token: stranger.access }),
      'not_found',
    );
    await expectProblem(await app.fetch('/api/v1/users/me/sessions'), 'unauthorized');
  });

  it('drops logged-out logins from the list', async () => {
    const user = await signUp(app);
    const other = await loginFrom(app, user, 'Elsewhere/2');
    await app.fetch('/api/v1/auth/logout', { method: 'POST', json: { refresh: other.refresh } });
    expect((await user.client.sessions.list()).map((s) => s.user_agent)).toEqual(['node']);
  });

  it('keeps last_used_at and the device current: at refresh, and on access at most every five minutes', async () => {
    const user = await signUp(app);
    const tablet = await loginFrom(app, user, 'Tablet/1');
    const id = (await sessionsOf(tablet.access)).find((s) => s.current)!.id;
    const lastUsed = async () => (await sessionsOf(user.access)).find((s) => s.id === id)!.last_used_at;
    const setBack = (minutes: number) =>
      sql`update refresh_token_families set last_used_at = now() - make_interval(mins => ${minutes}) where id = ${id}`.execute(
        app.db,
      );

    await setBack(2);
    const recent = await lastUsed();
    await app.fetch('/api/v1/users/me', { token: tablet.access });
    expect(await lastUsed()).toBe(recent); // within the resolution: no write

    await setBack(10);
    const stale = await lastUsed();
    await app.fetch('/api/v1/users/me', { token: tablet.access });
    expect(Date.parse(await lastUsed())).toBeGreaterThan(Date.parse(stale));

    await setBack(10);
    const refreshed = await app.fetch('/api/v1/auth/token/refresh', {
      method: 'POST',
      json: { refresh: tablet.refresh },
      headers: { 'user-agent': 'Tablet/2' },
    });
    expect(refreshed.status).toBe(200);
    const session = (await sessionsOf(user.access)).find((s) => s.id === id)!;
    expect(session.user_agent).toBe('Tablet/2');
    expect(Date.now() - Date.parse(session.last_used_at)).toBeLessThan(60_000);
  });
});
