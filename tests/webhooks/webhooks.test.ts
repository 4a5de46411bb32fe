import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWorker, type RunningWorker } from '@nexus/server';
import { verifyWebhookSignature, type Order, type Webhook } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { pendingOrder, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A third party's endpoint on 127.0.0.1: records what arrives, answers `answers` in turn (then the last). */
async function startReceiver() {
  const received: Received[] = [];
  const state = { answers: [200], redirectTo: 'http://169.254.169.254/latest/meta-data' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = state.answers.length > 1 ? state.answers.shift()! : state.answers[0]!;
      res.writeHead(status, status === 302 ? { location: state.redirectTo } : {});
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    namedUrl: `http://localhost:${port}/hooks`,
    received,
    answer: (...statuses: number[]) => void (state.answers = statuses),
    redirectTo: (url: string) => void (state.redirectTo = url),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('managing webhooks', () => {
  let app: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAdmin(app);
  });
  afterAll(() => app.close());

  it('shows the secret once, masks it after, and edits and deletes', async () => {
    const created = await admin.client.webhooks.create({
      body: { url: 'https://erp.example.com/hooks', events: ['order.placed', 'order.placed', 'order.paid'] },
    });
    expect(created).toMatchObject({ events: ['order.placed', 'order.paid'], is_active: true, description: '' });
    expect(created.secret).toMatch(/^whsec_[\w-]{32}$/);
    const listed = (await admin.client.webhooks.list({ query: {} })).results.find((w) => w.id === created.id)!;
    expect(listed.secret).toBe(`whsec_…${created.secret.slice(-4)}`);
    expect(await admin.client.webhooks.get({ params: { id: created.id } })).toEqual(listed);
    const updated = await admin.client.webhooks.update({ params: { id: created.id }, body: { is_active: false } });
    expect(updated).toMatchObject({ is_active: false, secret: listed.secret });
    await admin.client.webhooks.delete({ params: { id: created.id } });
    const again = await app.fetch(`/api/v1/webhooks/${created.id}`, { method: 'DELETE', token: admin.access });
    await expectProblem(again, 'not_found');
    await expectProblem(await app.fetch(`/api/v1/webhooks/${created.id}`, { token: admin.access }), 'not_found');
  });

  it('refuses other schemes, unknown events, and literal private targets', async () => {
    const create = (json: unknown) => app.fetch('/api/v1/webhooks', { method: 'POST', json, token: admin.access });
    for (const [json, path] of [
      [{ url: 'ftp://example.com/x', events: ['order.placed'] }, 'url'],
      [{ url: 'https://example.com/x', events: ['order.exploded'] }, 'events.0'],
      [{ url: 'http://10.0.0.7/x', events: ['order.placed'] }, 'url'],
      [{ url: 'http://[::1]:8080/x', events: ['order.placed'] }, 'url'],
      [{ url: 'http://169.254.169.254/latest', events: ['order.placed'] }, 'url'],
    ] as const) {
      const problem = await expectProblem(await create(json), 'validation_failed');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('is for admins only', async () => {
    const customer = await signUp(app);
    await expectProblem(await app.fetch('/api/v1/webhooks', { token: customer.access }), 'forbidden');
    const webhook = await admin.client.webhooks.create({
      body: { url: 'https://erp.example.com/h', events: ['order.paid'] },
    });
    await expectProblem(await app.fetch(`/api/v1/webhooks/${webhook.id}`, { token: customer.access }), 'forbidden');
  });
});

describe('deliveries', () => {
  let app: TestApp;
  let admin: SignedIn;
  let worker: RunningWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_DELAY: '1s',
    });
    admin = await signUpAdmin(app);
    worker = await startWorker(app.nexus.deps, app.databaseUrl);
  });
  afterAll(async () => {
    await worker.stop();
    await app.close();
    await receiver.close();
  });

  const subscribe = (events: Webhook['events']) =>
    admin.client.webhooks.create({ body: { url: receiver.url, events } });
  const deliveriesOf = async (webhook: Webhook) =>
    (await admin.client.webhooks.deliveries({ params: { id: webhook.id }, query: {} })).results;

  it('POSTs the event signed as specified; the SDK helper verifies it', async () => {
    receiver.answer(200);
    const webhook = await subscribe(['order.placed']);
    const { order } = await pendingOrder(app, admin);
    await vi.waitFor(
      () => expect(receiver.received.some((r) => r.headers['x-nexus-event'] === 'order.placed')).toBe(true),
      {
        timeout: 10_000,
      },
    );
    const delivery = receiver.received.find((r) => JSON.parse(r.body).data.id === order.id)!;
    const event = JSON.parse(delivery.body) as { id: string; type: string; occurred_at: string; data: Order };
    expect(event).toMatchObject({ type: 'order.placed', data: order });
    expect(
      await verifyWebhookSignature(webhook.secret, delivery.headers['x-nexus-signature'] as string, delivery.body),
    ).toBe(true);
    expect(
      await verifyWebhookSignature('whsec_wrong', delivery.headers['x-nexus-signature'] as string, delivery.body),
    ).toBe(false);
    expect(
      await verifyWebhookSignature(
        webhook.secret,
        delivery.headers['x-nexus-signature'] as string,
        `${delivery.body} `,
      ),
    ).toBe(false);
    const stale = { now: Date.now() + 301_000 };
    expect(
      await verifyWebhookSignature(
        webhook.secret,
        delivery.headers['x-nexus-signature'] as string,
        delivery.body,
        stale,
      ),
    ).toBe(false);
    await vi.waitFor(async () => {
      const [logged] = await deliveriesOf(webhook);
      expect(logged).toMatchObject({
        id: delivery.headers['x-nexus-delivery'],
        event_id: event.id,
        event_type: 'order.placed',
        status: 'succeeded',
        attempts: 1,
        response_status: 200,
      });
    });
    await admin.client.webhooks.delete({ params: { id: webhook.id } });
  });

  it('retries a refusal with back-off, keeps it dead after the last attempt, and an admin can retry it', async () => {
    receiver.answer(503);
    const webhook = await subscribe(['user.registered']);
    const before = receiver.received.length;
    await signUp(app);
    await vi.waitFor(
      async () => {
        const [logged] = await deliveriesOf(webhook);
        expect(logged).toMatchObject({ status: 'dead', attempts: 3, response_status: 503, last_error: 'answered 503' });
      },
      { timeout: 20_000, interval: 250 },
    );
    expect(receiver.received.length - before).toBe(3);

    receiver.answer(200);
    const [dead] = await deliveriesOf(webhook);
    const retry = await app.fetch(`/api/v1/webhooks/${webhook.id}/deliveries/${dead!.id}/retry`, {
      method: 'POST',
      token: admin.access,
    });
    expect(retry.status).toBe(202);
    await vi.waitFor(
      async () => expect((await deliveriesOf(webhook))[0]).toMatchObject({ status: 'succeeded', attempts: 4 }),
      {
        timeout: 10_000,
      },
    );
    const again = await app.fetch(`/api/v1/webhooks/${webhook.id}/deliveries/${dead!.id}/retry`, {
      method: 'POST',
      token: admin.access,
    });
    await expectProblem(again, 'invalid_transition');
    await admin.client.webhooks.delete({ params: { id: webhook.id } });
  });

  it('does not follow a redirect (it could point anywhere): a 3xx is a failure', async () => {
    // The redirect points at another endpoint: a client that followed it would deliver there.
    const elsewhere = await startReceiver();
    receiver.redirectTo(elsewhere.url);
    receiver.answer(302, 200);
    const webhook = await subscribe(['user.registered']);
    await signUp(app);
    await vi.waitFor(
      async () => expect((await deliveriesOf(webhook))[0]).toMatchObject({ status: 'succeeded', attempts: 2 }),
      {
        timeout: 10_000,
      },
    );
    expect(elsewhere.received).toHaveLength(0);
    await elsewhere.close();
    await admin.client.webhooks.delete({ params: { id: webhook.id } });
  });
});

describe('SSRF protection', () => {
  it('refuses, at delivery, a name that resolves to a private address', async () => {
    const receiver = await startReceiver();
    const app = await startTestApp({ DELIVERY_MAX_ATTEMPTS: '1' });
    const worker = await startWorker(app.nexus.deps, app.databaseUrl);
    try {
      const admin = await signUpAdmin(app);
      const webhook = await admin.client.webhooks.create({
        body: { url: receiver.namedUrl, events: ['user.registered'] },
      });
      await signUp(app);
      await vi.waitFor(
        async () => {
          const [logged] = (await admin.client.webhooks.deliveries({ params: { id: webhook.id }, query: {} })).results;
          expect(logged).toMatchObject({
            status: 'dead',
            attempts: 1,
            last_error: expect.stringMatching(/Refused target: .*(127\.0\.0\.1|::1)/),
          });
        },
        { timeout: 10_000 },
      );
      expect(receiver.received).toHaveLength(0);
    } finally {
      await worker.stop();
      await app.close();
      await receiver.close();
    }
  });
});
