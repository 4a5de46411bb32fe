import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { sql } from 'kysely';
import { startWorker, type RunningWorker } from '@nexus/server';
import { relayEvents } from '../../server/src/modules/events/relay.js';
import type { MailMessage } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, pendingOrder, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

/** A real SMTP server in this process: what arrives, and which recipients it refuses (and how many times). */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const left = refusals.get(address.address) ?? 0;
      if (left > 0) {
        refusals.set(address.address, left - 1);
        const error = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    /** Refuse this recipient `times` times (Infinity: always). */
    refuse: (address: string, times: number) => refusals.set(address, times),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mailTo = async (admin: SignedIn, to: string): Promise<MailMessage[]> =>
  (await admin.client.mail.list({ query: { to } })).results;

describe('without SMTP: the admin mailbox', () => {
  let app: TestApp;
  let admin: SignedIn;
  let worker: RunningWorker;
  beforeAll(async () => {
    app = await startTestApp({ STORE_NAME: 'Acme Shop' });
    admin = await signUpAdmin(app);
    worker = await startWorker(app.nexus.deps, app.databaseUrl);
  });
  afterAll(async () => {
    await worker.stop();
    await app.close();
  });

  it('files the welcome and the order e-mails there, text and HTML, values escaped', async () => {
    const product = await createStockedProduct(admin, { price: '12.50', stock: 3, name: '<b>Bold</b> mug' });
    const customer = await signUp(app);
    await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 2 } });
    const order = await customer.client.orders.create({
      body: {
        shipping_address: { name: 'Ada', line1: '1 Road', city: 'London', postal_code: 'N1', country: 'GB' },
      },
    });
    await admin.client.orders.update({ params: { id: order.id }, body: { status: 'paid' } });
    await admin.client.orders.update({ params: { id: order.id }, body: { status: 'shipped' } });
    await worker.drain();

    const mails = await mailTo(admin, customer.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Order ${order.number} is on its way`,
      `Payment received for ${order.number}`,
      `Your order ${order.number}`,
      'Welcome to Acme Shop',
    ]);
    expect(mails.every((m) => m.status === 'stored' && m.sent_at !== null && m.attempts === 0)).toBe(true);
    const placed = mails[2]!;
    expect(placed.text).toContain('2 × <b>Bold</b> mug: 25.00 USD');
    expect(placed.text).toContain('Total: 25.00 USD');
    expect(placed.html).toContain('&lt;b&gt;Bold&lt;/b&gt; mug');
    expect(placed.html).not.toContain('<b>Bold</b>');
  });

  it('relays each event once, however often the relay runs', async () => {
    const { customer } = await pendingOrder(app, admin);
    await Promise.all([worker.drain(), worker.drain(), worker.drain()]);
    await worker.drain();
    expect((await mailTo(admin, customer.email)).map((m) => m.subject.split(' ')[0])).toEqual(['Your', 'Welcome']);
  });

  it('is for admins only', async () => {
    const customer = await signUp(app);
    const response = await app.fetch('/api/v1/admin/mail', { token: customer.access });
    expect(response.status).toBe(403);
  });
});

describe('through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: TestApp;
  let admin: SignedIn;
  const workers: RunningWorker[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Acme <shop@acme.test>',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_DELAY: '1s',
    });
    admin = await signUpAdmin(app);
    // Two workers on one database: they share the work and never send one attempt twice.
    workers.push(
      await startWorker(app.nexus.deps, app.databaseUrl),
      await startWorker(app.nexus.deps, app.databaseUrl),
    );
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await app.close();
    await smtp.close();
  });

  const arrivedFor = (to: string) =>
    smtp.received.filter((mail) => mail.to && 'text' in mail.to && mail.to.text === to);

  it('sends each e-mail once, from MAIL_FROM, even with two workers', async () => {
    const customers = await Promise.all(Array.from({ length: 6 }, () => pendingOrder(app, admin)));
    await vi.waitFor(
      () => {
        for (const { customer } of customers) expect(arrivedFor(customer.email)).toHaveLength(2);
      },
      { timeout: 15_000, interval: 200 },
    );
    const ids = smtp.received.map((mail) => mail.headers.get('x-nexus-mail-id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(arrivedFor(customers[0]!.customer.email)[0]!.from?.value).toEqual([
      { name: 'Acme', address: 'shop@acme.test' },
    ]);
    const [latest] = await mailTo(admin, customers[0]!.customer.email);
    expect(latest).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('retries a refused e-mail with back-off until it goes through', async () => {
    const customer = await signUp(app);
    smtp.refuse(customer.email, 1);
    await vi.waitFor(() => expect(arrivedFor(customer.email)).toHaveLength(1), { timeout: 15_000, interval: 200 });
    await vi.waitFor(async () => {
      const [welcome] = await mailTo(admin, customer.email);
      expect(welcome).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    });
  });

  it('sends the password reset e-mail a request files itself, and its link resets the password', async () => {
    const customer = await signUp(app);
    const response = await app.fetch('/api/v1/auth/password/forgot', {
      method: 'POST',
      json: { email: customer.email },
    });
    expect(response.status).toBe(202);
    let token = '';
    await vi.waitFor(
      () => {
        const reset = arrivedFor(customer.email).find((mail) => mail.subject?.startsWith('Reset your'));
        token = /reset-password\?token=(pr_[\w-]+)/.exec(reset?.text ?? '')![1]!;
      },
      { timeout: 15_000, interval: 200 },
    );
    // Sent, the copy admins can read has lost its token.
    await vi.waitFor(async () => {
      const [kept] = (await mailTo(admin, customer.email)).filter((m) => m.subject.startsWith('Reset your'));
      expect(kept).toMatchObject({ status: 'sent' });
      expect(kept!.text).not.toContain(token);
      expect(kept!.text).toContain('token=(redacted)');
    });
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from mail where text like ${`%${token}%`} or html like ${`%${token}%`}`.execute(app.db);
    expect(Number(rows[0]!.n)).toBe(0);
    // The link's token, as it arrived through SMTP, resets the password.
    const reset = await app.fetch('/api/v1/auth/password/reset', {
      method: 'POST',
      json: { token, new_password: 'reset through smtp' },
    });
    expect(reset.status).toBe(204);
    const login = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      json: { email: customer.email, password: 'reset through smtp' },
    });
    expect(login.status).toBe(200);
  });

  it('keeps an e-mail as dead after DELIVERY_MAX_ATTEMPTS refusals', async () => {
    const customer = await signUp(app);
    smtp.refuse(customer.email, Number.POSITIVE_INFINITY);
    await vi.waitFor(
      async () => {
        const [welcome] = await mailTo(admin, customer.email);
        expect(welcome).toMatchObject({ status: 'dead', attempts: 3, last_error: expect.stringContaining('451') });
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(arrivedFor(customer.email)).toHaveLength(0);
  });

  it('shows admins the backlog and the failures', async () => {
    const stats = await admin.client.deliveries.stats();
    expect(stats.mail.dead).toBeGreaterThanOrEqual(1);
    expect(stats).toMatchObject({
      events: { undispatched: expect.any(Number) },
      webhooks: { pending: 0, failed: 0, dead: 0 },
    });
    const customer = await signUp(app);
    expect((await app.fetch('/api/v1/admin/deliveries', { token: customer.access })).status).toBe(403);
  });
});

describe('a relay that dies mid-batch', () => {
  let app: TestApp;
  let admin: SignedIn;
  // No SMTP: the relay files mail itself and queues no job.
  const noQueue = { insert: async () => undefined };
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAdmin(app);
  });
  afterAll(() => app.close());

  it('loses no event: the batch rolls back, and the next relay delivers each once', async () => {
    while ((await relayEvents(app.nexus.deps, noQueue)) > 0);
    await sql`create function refuse_mail() returns trigger language plpgsql as $$
              begin raise exception 'the worker died here'; end $$`.execute(app.db);
    await sql`create trigger refuse_mail before insert on mail for each row execute function refuse_mail()`.execute(
      app.db,
    );
    const customers = await Promise.all(Array.from({ length: 3 }, () => signUp(app)));
    await expect(relayEvents(app.nexus.deps, noQueue)).rejects.toThrow(/the worker died here/);
    const { rows } = await sql<{ n: string }>`select count(*) as n from events where dispatched_at is null`.execute(
      app.db,
    );
    expect(Number(rows[0]!.n)).toBe(3);

    await sql`drop trigger refuse_mail on mail`.execute(app.db);
    await sql`drop function refuse_mail()`.execute(app.db);
    while ((await relayEvents(app.nexus.deps, noQueue)) > 0);
    for (const customer of customers) {
      expect((await mailTo(admin, customer.email)).map((m) => m.subject)).toEqual(['Welcome to Nexus Store']);
    }
  });
});
