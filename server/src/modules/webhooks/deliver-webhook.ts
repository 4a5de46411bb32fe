import http from 'node:http';
import https from 'node:https';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '@nexus/db';
import type { Config } from '../../config.js';
import type { Attempt } from '../mail/send-mail.js';
import { guardedLookup, literalTargetProblem } from './target-guard.js';
import { signatureHeader } from './webhook-signature.js';

/** A delivery that takes longer than this has failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is read (and kept, for the log): the status is what counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` and answers the status. No redirect is followed (a 3xx is a failure like any non-2xx), the whole
 * exchange is bounded by DELIVERY_TIMEOUT_MS, at most MAX_RESPONSE_BYTES of the answer are read, and unless
 * `allowPrivate` the socket may only connect to public addresses (checked on the addresses it connects to).
 */
function post(url: URL, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
        timeout: DELIVERY_TIMEOUT_MS,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('close', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(response.statusCode ?? 0));
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)),
      DELIVERY_TIMEOUT_MS,
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    request.on('error', reject);
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}

export interface WebhookDeps {
  db: Kysely<DB>;
  config: Pick<Config, 'WEBHOOKS_ALLOW_PRIVATE' | 'DELIVERY_RETRY_DELAY'>;
  logger: Logger;
}

/**
 * One attempt of a delivery: the event, signed with the webhook's secret, POSTed to its URL. A 2xx is success;
 * anything else (an error status, a refused target, a timeout) is recorded as `failed` (or `dead` on the last
 * attempt) and thrown, so the job queue retries it with back-off. Already succeeded (a redelivered job): nothing.
 */
export async function deliverWebhook(deps: WebhookDeps, deliveryId: string, attempt: Attempt): Promise<void> {
  const delivery = await deps.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.status',
      'w.url',
      'w.secret',
      'w.is_active',
      'e.id as event_id',
      'e.type',
      'e.occurred_at',
      'e.data',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!delivery || delivery.status === 'succeeded') return;
  const last = attempt.retryCount >= attempt.retryLimit;
  const record = (fields: { status: 'succeeded' | 'failed' | 'dead'; response_status?: number; last_error?: string }) =>
    deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: fields.status,
        response_status: fields.response_status ?? null,
        last_error: fields.last_error?.slice(0, 2000) ?? null,
        // pg-boss waits between delay·2ⁿ and twice that (jitter): the earliest is what can be promised.
        next_attempt_at:
          fields.status === 'failed'
            ? sql<string>`now() + make_interval(secs => ${deps.config.DELIVERY_RETRY_DELAY * 2 ** attempt.retryCount})`
            : null,
      }))
      .where('id', '=', delivery.id)
      // An attempt that finishes late (its job was presumed lost and delivered meanwhile) changes nothing.
      .where('status', '<>', 'succeeded')
      .execute();
  if (!delivery.is_active) {
    await record({ status: 'dead', last_error: 'the webhook was deactivated' });
    return;
  }

  // A literal address never reaches the lookup hook: checked here (WEBHOOKS_ALLOW_PRIVATE may have changed).
  const literal = deps.config.WEBHOOKS_ALLOW_PRIVATE === 'true' ? undefined : literalTargetProblem(delivery.url);
  if (literal) {
    await record({ status: last ? 'dead' : 'failed', last_error: `Refused target: ${literal}` });
    throw new Error(`Refused target: ${literal}`);
  }
  const body = JSON.stringify({
    id: delivery.event_id,
    type: delivery.type,
    occurred_at: delivery.occurred_at,
    data: delivery.data,
  });
  let status: number;
  try {
    status = await post(
      new URL(delivery.url),
      body,
      {
        'user-agent': 'Nexus-Webhooks/1',
        'x-nexus-event': delivery.type,
        'x-nexus-delivery': delivery.id,
        'x-nexus-signature': signatureHeader(delivery.secret, body),
      },
      deps.config.WEBHOOKS_ALLOW_PRIVATE === 'true',
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await record({ status: last ? 'dead' : 'failed', last_error: message });
    throw error;
  }
  if (status >= 200 && status < 300) {
    await record({ status: 'succeeded', response_status: status });
    return;
  }
  await record({ status: last ? 'dead' : 'failed', response_status: status, last_error: `answered ${status}` });
  deps.logger.info({ delivery_id: delivery.id, status }, 'webhook delivery refused; retried');
  throw new Error(`the receiver answered ${status}`);
}
