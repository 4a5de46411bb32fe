import amqp, { type ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import type { NexusEvent } from '@nexus/contract';

/** The topic exchange every event is published to, with its type (`order.placed`) as the routing key. */
export const EVENTS_EXCHANGE = 'nexus.events';

export interface EventPublisher {
  /** Resolves once RabbitMQ has confirmed the message (publisher confirms); rejects otherwise. */
  publish(event: NexusEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes to RabbitMQ over one confirm channel, opened on first use and again after any close: a broker that
 * restarts costs the jobs in flight one failed attempt each, which the job queue retries. Messages are
 * persistent, JSON, and carry the event id as `message_id`, for consumers to deduplicate (delivery is at least
 * once).
 */
export function createAmqpPublisher(url: string, logger: Logger): EventPublisher {
  let connection: amqp.ChannelModel | undefined;
  let channel: Promise<ConfirmChannel> | undefined;
  const open = () =>
    (channel ??= (async () => {
      connection = await amqp.connect(url, { timeout: 10_000 });
      connection.on('error', (error: Error) => logger.warn({ err: error }, 'RabbitMQ connection error'));
      connection.on('close', () => {
        channel = undefined;
        connection = undefined;
      });
      const confirm = await connection.createConfirmChannel();
      confirm.on('error', (error: Error) => logger.warn({ err: error }, 'RabbitMQ channel error'));
      confirm.on('close', () => void (channel = undefined));
      await confirm.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
      return confirm;
    })().catch((error: unknown) => {
      channel = undefined;
      throw error;
    }));

  return {
    async publish(event) {
      const confirm = await open();
      await new Promise<void>((resolve, reject) => {
        confirm.publish(
          EVENTS_EXCHANGE,
          event.type,
          Buffer.from(JSON.stringify(event)),
          {
            persistent: true,
            contentType: 'application/json',
            messageId: event.id,
            type: event.type,
            timestamp: Math.floor(Date.parse(event.occurred_at) / 1000),
          },
          (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        );
      });
    },
    async close() {
      await connection?.close().catch(() => undefined);
    },
  };
}
