import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** One request the stand-in received, as Stripe would see it. */
export interface StripeRequest {
  method: string;
  path: string;
  /** The form-encoded body, decoded (`metadata[payment_id]` keeps its bracketed name). */
  form: Record<string, string>;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

/** What the next request to a path answers instead of the normal reply: a status and whether Stripe says retry. */
export interface Fault {
  status: number;
  retry: boolean;
}

export interface StripeStandIn {
  /** For STRIPE_API_BASE. */
  url: string;
  requests: StripeRequest[];
  /** Makes the next `count` requests to `path` fail this way. */
  failNext(path: string, fault: Fault, count?: number): void;
  /** What `POST /v1/refunds` answers as the refund's status (Stripe: `succeeded` for most cards, else `pending`). */
  refundStatus: 'succeeded' | 'pending' | 'failed';
  /** Milliseconds each answer takes, as the real API's round trip would. */
  latencyMs: number;
  close(): Promise<void>;
}

export const STRIPE_TEST_KEY = 'sk_test_nexus_stand_in';
export const STRIPE_WEBHOOK_SECRET = 'whsec_nexus_stand_in_secret';

/**
 * A local HTTP server speaking Stripe's wire format for the endpoints Nexus uses (`POST /v1/payment_intents`,
 * `POST /v1/refunds`, and `POST /v1/payment_intents/{id}/cancel` for abandoned payments): form-encoded bodies in, JSON objects out, and Stripe's idempotency (a repeated
 * Idempotency-Key answers the first response again). Nothing here can reach the real Stripe.
 */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: StripeRequest[] = [];
  const faults = new Map<string, Fault[]>();
  const answered = new Map<string, { form: string; body: string }>();
  const running = new Set<string>();
  const state = { refundStatus: 'succeeded' as 'succeeded' | 'pending' | 'failed', latencyMs: 0 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      requests.push({
        method: req.method ?? '',
        path,
        form,
        contentType: req.headers['content-type'],
        idempotencyKey,
        authorization: req.headers.authorization,
      });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        setTimeout(() => {
          res.writeHead(status, {
            'content-type': 'application/json',
            'request-id': `req_${randomBytes(6).toString('hex')}`,
            ...headers,
          });
          res.end(JSON.stringify(body));
        }, state.latencyMs);
      };
      const fault = faults.get(path)?.shift();
      if (fault) {
        return send(
          fault.status,
          { error: { type: 'api_error', message: 'The stand-in was told to fail this request' } },
          { 'stripe-should-retry': String(fault.retry) },
        );
      }
      // Stripe's idempotency: a key answers its first response again, refuses other parameters, and is 409
      // while its first request is still running (the library retries that).
      const slot = idempotencyKey && `${path}\n${idempotencyKey}`;
      const replay = slot && answered.get(slot);
      const sent = JSON.stringify(form);
      if (replay) {
        if (replay.form !== sent) {
          return send(400, {
            error: {
              type: 'idempotency_error',
              message: 'Keys for idempotent requests can only be used with the same parameters',
            },
          });
        }
        return send(200, JSON.parse(replay.body), { 'idempotent-replayed': 'true' });
      }
      if (slot && running.has(slot)) {
        return send(409, { error: { type: 'idempotency_error', message: 'A request with this key is in progress' } });
      }
      let body: unknown;
      if (req.method === 'POST' && path === '/v1/payment_intents') {
        const id = `pi_${randomBytes(8).toString('hex')}`;
        body = {
          id,
          object: 'payment_intent',
          amount: Number(form.amount),
          currency: form.currency,
          status: 'requires_payment_method',
          client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
          metadata: { payment_id: form['metadata[payment_id]'] },
        };
      } else if (req.method === 'POST' && path === '/v1/refunds') {
        body = {
          id: `re_${randomBytes(8).toString('hex')}`,
          object: 'refund',
          amount: Number(form.amount),
          payment_intent: form.payment_intent,
          status: state.refundStatus,
        };
      } else if (req.method === 'POST' && /^\/v1\/payment_intents\/[^/]+\/cancel$/.test(path)) {
        body = {
          id: path.split('/')[3],
          object: 'payment_intent',
          status: 'canceled',
          cancellation_reason: form.cancellation_reason,
        };
      } else {
        return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${path})` } });
      }
      if (slot) {
        running.add(slot);
        setTimeout(() => {
          running.delete(slot);
          answered.set(slot, { form: sent, body: JSON.stringify(body) });
        }, state.latencyMs);
      }
      send(200, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext: (path, fault, count = 1) =>
      faults.set(
        path,
        Array.from({ length: count }, () => fault),
      ),
    get refundStatus() {
      return state.refundStatus;
    },
    set refundStatus(status) {
      state.refundStatus = status;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms) {
      state.latencyMs = ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Stripe event as Stripe delivers it, and the `Stripe-Signature` Stripe would send with it. */
export function signedEvent(
  type: string,
  object: Record<string, unknown>,
  {
    id = `evt_${randomBytes(8).toString('hex')}`,
    timestamp = Math.floor(Date.now() / 1000),
    secret = STRIPE_WEBHOOK_SECRET,
  } = {},
): { id: string; payload: string; signature: string } {
  const payload = JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-11-17.clover',
    created: timestamp,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  return { id, payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) };
}
