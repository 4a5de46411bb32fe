import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import amqp from 'amqplib';
import { startWorker, type RunningWorker } from '@nexus/server';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pendingOrder, signUpAdmin, type SignedIn } from '../support/fixtures.js';

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Whether a broker answers on AMQP_URL's port within a second. */
async function brokerAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(AMQP_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5672), timeout: 1000 });
    const settle = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
}

const reachable = await brokerAnswers();
if (!reachable) console.warn(`[rabbitmq] skipped: no RabbitMQ answers at ${AMQP_URL}`);

describe.skipIf(!reachable)('RabbitMQ (the topic exchange nexus.events)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let worker: RunningWorker;
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;
  let queue: string;
  const received: amqp.ConsumeMessage[] = [];
  beforeAll(async () => {
    connection = await amqp.connect(AMQP_URL);
    channel = await connection.createChannel();
    await channel.assertExchange('nexus.events', 'topic', { durable: true });
    // A consumer of order events only: routing keys are event types.
    queue = (await channel.assertQueue('', { exclusive: true, autoDelete: true })).queue;
    await channel.bindQueue(queue, 'nexus.events', 'order.*');
    await channel.consume(queue, (message) => message && received.push(message), { noAck: true });
    app = await startTestApp({ AMQP_URL });
    admin = await signUpAdmin(app);
    worker = await startWorker(app.nexus.deps, app.databaseUrl);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await connection?.close();
  });

  it('publishes every event with its type as routing key, persistent, confirmed, the event id as message id', async () => {
    const { order } = await pendingOrder(app, admin);
    await admin.client.orders.update({ params: { id: order.id }, body: { status: 'paid' } });
    const ours = () =>
      received.filter((m) => (JSON.parse(m.content.toString()) as { data: { id: string } }).data.id === order.id);
    await vi.waitFor(() => expect(ours()).toHaveLength(2), { timeout: 10_000 });
    const messages = ours().map((m) => ({
      key: m.fields.routingKey,
      persistent: m.properties.deliveryMode === 2,
      type: m.properties.contentType,
      event: JSON.parse(m.content.toString()) as { id: string; type: string; data: { status: string } },
      messageId: m.properties.messageId as string,
    }));
    expect(messages.map((m) => m.key).sort()).toEqual(['order.paid', 'order.placed']);
    for (const message of messages) {
      expect(message).toMatchObject({ persistent: true, type: 'application/json', messageId: message.event.id });
      expect(message.event.type).toBe(message.key);
    }
    // user.registered and stock.changed went out too, but this queue is bound to order.* only.
    expect(received.every((m) => m.fields.routingKey.startsWith('order.'))).toBe(true);
  });
});
