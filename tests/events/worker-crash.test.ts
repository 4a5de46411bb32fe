import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startWorker, type RunningWorker } from '@nexus/server';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_ENV } from '../support/test-env.js';
import { killProcessGroup } from '../support/spawn-server.js';
import { signUp, signUpAdmin, uniqueEmail, type SignedIn } from '../support/fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `WORKER=only` as its own process (what operators run), resolved once it says it has started. */
async function spawnWorker(env: Record<string, string>) {
  const child = spawn(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--conditions=@nexus/source', 'server/src/main.ts'],
    {
      cwd: repoRoot,
      env: { ...process.env, ...TEST_ENV, LOG_LEVEL: 'info', WORKER: 'only', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: the kill below must reach the worker behind tsx, not only tsx.
      detached: true,
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await vi.waitFor(() => expect(output).toContain('"msg":"worker started"'), { timeout: 60_000, interval: 200 });
  return child;
}

describe('a worker killed mid-delivery', () => {
  let app: TestApp;
  let admin: SignedIn;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const arrived: string[] = [];
  const stalled: string[] = [];
  let stallFor = '';
  let survivor: RunningWorker | undefined;
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
        stream.resume();
        // The first message to `stallFor` never gets its answer: its worker is killed while it waits.
        if (to === stallFor) {
          stallFor = '';
          stalled.push(to);
          return;
        }
        stream.on('end', () => {
          arrived.push(to);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    app = await startTestApp({ SMTP_URL: smtpUrl, DELIVERY_JOB_EXPIRY: '2s', DELIVERY_RETRY_DELAY: '1s' });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await survivor?.stop();
    await app.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('loses no e-mail: another worker takes the job once it expires, and sends it once', async () => {
    const doomed = await spawnWorker({
      DATABASE_URL: app.databaseUrl,
      SMTP_URL: smtpUrl,
      DELIVERY_JOB_EXPIRY: '2s',
      DELIVERY_RETRY_DELAY: '1s',
    });
    stallFor = uniqueEmail('stalled');
    const customer = await signUp(app, { email: stallFor });
    await vi.waitFor(() => expect(stalled).toEqual([customer.email]), { timeout: 15_000, interval: 100 });
    const exited = new Promise((resolve) => doomed.once('exit', resolve));
    killProcessGroup(doomed);
    await exited;

    survivor = await startWorker(app.nexus.deps, app.databaseUrl);
    await vi.waitFor(() => expect(arrived.filter((to) => to === customer.email)).toEqual([customer.email]), {
      timeout: 30_000,
      interval: 200,
    });
    const [welcome] = (await admin.client.mail.list({ query: { to: customer.email } })).results;
    expect(welcome).toMatchObject({ status: 'sent', last_error: null });
  });
});
