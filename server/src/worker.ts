import PgBoss from 'pg-boss';
import type { Deps } from './deps.js';
import { QUEUES, relayEvents } from './modules/events/relay.js';
import { createAmqpPublisher } from './modules/events/amqp-publisher.js';
import { findEvents } from './modules/events/events.queries.js';
import { createMailTransport, sendMail } from './modules/mail/send-mail.js';
import { deliverWebhook } from './modules/webhooks/deliver-webhook.js';
import { makeImageThumbnails } from './modules/images/make-thumbnails.js';

/** How often an idle worker looks for new events (a busy one relays batch after batch at once). */
const RELAY_EVERY_MS = 500;
/** Webhook deliveries one worker process runs at once. */
const WEBHOOK_POLLERS = 4;

export interface RunningWorker {
  /** Relays until no event is left undispatched; for tests and shutdown. */
  drain(): Promise<void>;
  /** Stops relaying, lets in-flight jobs finish (or, past the timeout, go back to the queue), and disconnects. */
  stop(): Promise<void>;
}

/**
 * The background worker: relays outbox events into deliveries and runs the delivery jobs on pg-boss (PostgreSQL
 * only: nothing new to install, and the same on the embedded database as on a shared server). Any number may run
 * against one database: the relay claims events with `skip locked`, and pg-boss gives each job attempt to one
 * worker; a job whose worker dies is retried once its expiry passes. Retries back off exponentially with
 * jitter from DELIVERY_RETRY_DELAY, and a job is failed for good after DELIVERY_MAX_ATTEMPTS.
 */
export async function startWorker(
  deps: Pick<Deps, 'db' | 'config' | 'logger' | 'media'>,
  connectionString: string,
): Promise<RunningWorker> {
  const { config, logger } = deps;
  const boss = new PgBoss({
    connectionString,
    max: 3,
    application_name: 'nexus-worker',
    schedule: false,
    // Expired jobs (their worker died) are found by pg-boss' maintenance: it runs often enough to honour the expiry.
    maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.round(config.DELIVERY_JOB_EXPIRY))),
  });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  const retry = {
    // A job holding a delivery longer than this is taken back and retried (its worker is presumed dead).
    expireInSeconds: Math.max(1, Math.round(config.DELIVERY_JOB_EXPIRY)),
    retryLimit: config.DELIVERY_MAX_ATTEMPTS - 1,
    retryDelay: Math.max(1, Math.round(config.DELIVERY_RETRY_DELAY)),
    retryBackoff: true,
  };
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, { name, ...retry });
    await boss.updateQueue(name, { name, ...retry });
  }
  // A slow receiver holds its job up to 10 s: several pollers, so one does not hold up the others' deliveries.
  for (let poller = 0; poller < WEBHOOK_POLLERS; poller += 1) {
    await boss.work<{ delivery_id: string }>(
      QUEUES.webhook,
      { includeMetadata: true, pollingIntervalSeconds: 0.5, batchSize: 1 },
      async ([job]) => {
        if (job) await deliverWebhook(deps, job.data.delivery_id, job);
      },
    );
  }

  // Image work is CPU-bound (sharp uses its own threads): one image at a time per worker process.
  await boss.work<{ image_id: string }>(
    QUEUES.thumbnails,
    { pollingIntervalSeconds: 0.5, batchSize: 1 },
    async ([job]) => {
      if (job) await makeImageThumbnails(deps, job.data.image_id);
    },
  );

  const publisher = config.AMQP_URL ? createAmqpPublisher(config.AMQP_URL, logger) : undefined;
  if (publisher) {
    await boss.work<{ event_id: string }>(QUEUES.amqp, { pollingIntervalSeconds: 0.5, batchSize: 20 }, async (jobs) => {
      for (const event of await findEvents(
        deps.db,
        jobs.map((job) => job.data.event_id),
      ))
        await publisher.publish(event);
    });
  }
  const transport = createMailTransport(config);
  if (transport) {
    await boss.work<{ mail_id: string }>(
      QUEUES.mail,
      { includeMetadata: true, pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (job) await sendMail({ ...deps, transport }, job.data.mail_id, job);
      },
    );
  }

  let stopped = false;
  let relaying: Promise<void> = Promise.resolve();
  const relayAll = async () => {
    while (!stopped && (await relayEvents(deps, boss)) > 0) {
      // a full batch: there may be more
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    // One relay at a time: a tick during a long backlog (or a database outage) is skipped, not queued.
    if (busy) return;
    busy = true;
    relaying = relayAll()
      .catch((error: unknown) => logger.warn({ err: error }, 'relaying events failed; retried shortly'))
      .finally(() => void (busy = false));
  }, RELAY_EVERY_MS);
  timer.unref();
  logger.info({ smtp: Boolean(transport), max_attempts: config.DELIVERY_MAX_ATTEMPTS }, 'worker started');

  return {
    drain: async () => {
      await relaying;
      await relayAll();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await relaying.catch(() => undefined);
      await boss.stop({ graceful: true, wait: true, timeout: config.SHUTDOWN_TIMEOUT * 1000 });
      transport?.close();
      await publisher?.close();
    },
  };
}
