import fc from 'fast-check';
import { contractOperations, type Operation } from './operations.js';
import { contractViolations } from './oracle.js';
import { resolveKnownIds, type KnownIds } from './known-ids.js';
import { requestArbitrary, type RequestSpec } from './requests.js';

export interface FuzzTarget {
  baseUrl: string;
  tokens: { customer: string; admin: string };
  known: KnownIds;
}

export interface Finding {
  request: RequestSpec;
  status: number | 'no answer';
  reasons: string[];
  excerpt: string;
}

export interface FuzzSummary {
  requests: number;
  seed: number;
  seconds: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  byVariant: Record<string, number>;
  serverErrors: number;
  /** Requests fetch itself refused to send (a header it cannot encode); not sent, not counted. */
  unsendable: number;
  findings: Finding[];
}

export function emptySummary(seed: number): FuzzSummary {
  return {
    requests: 0,
    seed,
    seconds: 0,
    byStatus: {},
    byOperation: {},
    byVariant: {},
    serverErrors: 0,
    unsendable: 0,
    findings: [],
  };
}

/** Adds `part` into `total` (a long run goes in chunks). */
export function addSummary(total: FuzzSummary, part: FuzzSummary): void {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  };
  total.requests += part.requests;
  total.seconds += part.seconds;
  total.serverErrors += part.serverErrors;
  total.unsendable += part.unsendable;
  total.findings.push(...part.findings);
  add(total.byStatus, part.byStatus);
  add(total.byOperation, part.byOperation);
  add(total.byVariant, part.byVariant);
}

/**
 * `requests` generated requests spread over every operation of the contract, the same for the same `seed`.
 * Generate them before starting the target: generation is synchronous work that would stall a server sharing
 * this process (and its keep-alive timers).
 */
export function generateRequests(
  requests: number,
  seed: number,
  operations: Operation[] = contractOperations(),
): RequestSpec[] {
  const arbitrary = fc.constantFrom(...operations).chain((operation) => requestArbitrary(operation));
  return fc.sample(arbitrary, { seed, numRuns: requests });
}

/** The first event of a Server-Sent Events answer (or what arrives until the stream ends), then hang up. */
async function openingOf(response: Response): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/\n\nevent: [^\n]+\ndata: [^\n]*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text;
}

async function send(
  target: FuzzTarget,
  spec: RequestSpec,
): Promise<{ status: number; type: string | null; text: string } | 'unsendable'> {
  const authorization =
    spec.caller === 'forged'
      ? spec.authorization
      : spec.caller === 'anonymous'
        ? undefined
        : `Bearer ${target.tokens[spec.caller]}`;
  try {
    const response = await fetch(target.baseUrl + resolveKnownIds(spec.path, target.known), {
      method: spec.method,
      headers: { ...spec.headers, ...(authorization ? { authorization } : {}) },
      ...(spec.body !== undefined && spec.method !== 'GET'
        ? { body: (typeof spec.body === 'string' ? resolveKnownIds(spec.body, target.known) : spec.body) as BodyInit }
        : {}),
    });
    const type = response.headers.get('content-type');
    // A live stream never ends: its opening is what there is to check.
    const text = type?.startsWith('text/event-stream') ? await openingOf(response) : await response.text();
    return { status: response.status, type, text };
  } catch (error) {
    if (error instanceof TypeError && /header|ByteString|Invalid URL/i.test(`${error.message} ${String(error.cause)}`))
      return 'unsendable';
    throw error;
  }
}

/**
 * Sends the requests `concurrency` at a time and checks every answer against the contract: no 5xx, errors are
 * problem+json with a code the operation declares for that status, successes match the response schema.
 */
export async function runFuzz(
  target: FuzzTarget,
  specs: RequestSpec[],
  options: { seed: number; concurrency?: number },
): Promise<FuzzSummary> {
  const routes = new Map(contractOperations().map((operation) => [operation.name, operation.route]));
  const summary = emptySummary(options.seed);
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    let previous: RequestSpec | undefined;
    while (next < specs.length) {
      const spec = specs[next++]!;
      const before = previous;
      previous = spec;
      let answer;
      try {
        answer = await send(target, spec);
      } catch (error) {
        summary.requests += 1;
        summary.findings.push({
          request: spec,
          status: 'no answer',
          // A keep-alive connection the server closed shows on the next request sent over it: name that one too.
          reasons: [
            `no answer: ${String(error)} (${String((error as { cause?: unknown }).cause)})` +
              (before
                ? `; the request before on this connection: ${before.operation} [${before.variant}] ${before.method} ${before.path.slice(0, 80)} ${JSON.stringify(before.headers)}`
                : ''),
          ],
          excerpt: '',
        });
        continue;
      }
      if (answer === 'unsendable') {
        summary.unsendable += 1;
        continue;
      }
      summary.requests += 1;
      const count = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
      count(summary.byStatus, String(answer.status));
      count(summary.byOperation, spec.operation);
      count(summary.byVariant, spec.variant);
      if (answer.status >= 500) summary.serverErrors += 1;
      const reasons = contractViolations(routes.get(spec.operation)!, answer.status, answer.type, answer.text);
      if (reasons.length)
        summary.findings.push({ request: spec, status: answer.status, reasons, excerpt: answer.text.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** A human summary: totals, statuses, and the first findings with what reproduces them. */
export function formatSummary(summary: FuzzSummary, maxFindings = 10): string {
  const table = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ×${n}`)
      .join(', ');
  const lines = [
    `fuzz: ${summary.requests} requests over ${Object.keys(summary.byOperation).length} operations (seed ${summary.seed}) in ${summary.seconds.toFixed(1)} s`,
    `  statuses: ${table(summary.byStatus)}`,
    `  input classes: ${table(summary.byVariant)}`,
    `  5xx: ${summary.serverErrors}; contract violations: ${summary.findings.length}; unsendable: ${summary.unsendable}`,
  ];
  for (const finding of summary.findings.slice(0, maxFindings)) {
    const { request } = finding;
    const body = request.body === undefined ? '' : ` body=${JSON.stringify(String(request.body).slice(0, 200))}`;
    lines.push(
      `  ✗ ${request.operation} [${request.variant}] as ${request.caller}: ${request.method} ${request.path.slice(0, 200)}${body}`,
      `      → ${finding.status}: ${finding.reasons.join('; ')} ${finding.excerpt.slice(0, 200)}`,
    );
  }
  return lines.join('\n');
}
