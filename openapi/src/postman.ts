/**
 * A Postman v2.1 collection derived from the OpenAPI document, in the order of the story in postman-story/:
 * every request asserts its status and keeps the ids it makes in collection variables for the next ones, so
 * the whole collection runs top to bottom (Postman's runner, newman), again and again against the same server.
 * Deterministic, so the committed file diffs cleanly.
 */
import { LOCAL_SERVER, type buildOpenApiDocument } from './openapi.js';
import { story, type Actor, type StoryStep } from './postman-story/index.js';

type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
interface Parameter {
  name: string;
  in: string;
  description?: string;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}
interface Located {
  path: string;
  method: string;
  operation: Operation;
}

const tokenOf: Record<Actor, string | undefined> = {
  admin: 'adminToken',
  customer: 'customerToken',
  anyone: undefined,
};

/** Follows a local `$ref` (`#/components/…`), so the generator reads the document however it shares its parts. */
function resolve<T>(document: OpenApiDocument, value: unknown): T {
  let current = value as { $ref?: string } | undefined;
  while (current?.$ref?.startsWith('#/')) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document) as typeof current;
  }
  return current as T;
}

function operationsOf(document: OpenApiDocument): Map<string, Located> {
  const byId = new Map<string, Located>();
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation>)) {
      byId.set(operation.operationId ?? `${method} ${path}`, { path, method, operation });
    }
  }
  return byId;
}

/** The one success status the document gives, or the step's own, which the document must declare. */
function expectedStatus(step: StoryStep, { operation }: Located): number {
  const declared = Object.keys(operation.responses ?? {}).map(Number);
  const status = step.status ?? Math.min(...declared.filter((code) => code >= 200 && code < 300));
  if (!declared.includes(status)) throw new Error(`${step.op} does not declare the status ${status} the story expects`);
  return status;
}

function testScript(step: StoryStep, status: number): string[] {
  const title = step.problem ? `answers ${status} ${step.problem.code}` : `answers ${status}`;
  const lines = [`pm.test(${JSON.stringify(title)}, () => {`, `  pm.response.to.have.status(${status});`];
  if (step.problem) lines.push(`  pm.expect(pm.response.json().code).to.eql(${JSON.stringify(step.problem.code)});`);
  lines.push('});');
  const stores = Object.entries(step.store ?? {});
  const checks = Object.entries(step.checks ?? {});
  if (!stores.length && !checks.length) return lines;
  lines.push(`if (pm.response.code === ${status}) {`, '  const body = pm.response.json();');
  // Checks first: they may compare the answer with a variable's value before this request replaces it.
  for (const [check, statement] of checks) {
    lines.push(`  pm.test(${JSON.stringify(check)}, () => {`, `    ${statement};`, '  });');
  }
  for (const [name, expression] of stores) lines.push(`  pm.collectionVariables.set('${name}', ${expression});`);
  lines.push('}');
  return lines;
}

function urlOf(document: OpenApiDocument, step: StoryStep, { path, operation }: Located) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const missing = names.filter((name) => step.path?.[name] === undefined);
  if (missing.length) throw new Error(`${step.op}: the story gives no value for the path parameter(s) ${missing}`);
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(.+)\}$/, ':$1'));
  const documented = (operation.parameters ?? [])
    .map((parameter) => resolve<Parameter>(document, parameter))
    .filter((parameter) => parameter.in === 'query');
  const unknown = Object.keys(step.query ?? {}).filter((key) => !documented.some(({ name }) => name === key));
  if (unknown.length) throw new Error(`${step.op}: the document declares no query parameter ${unknown}`);
  const query = documented.map(({ name, description }) =>
    step.query?.[name] === undefined
      ? { key: name, value: '', description: description ?? '', disabled: true }
      : { key: name, value: step.query[name], description: description ?? '' },
  );
  const search = query
    .filter((parameter) => !parameter.disabled)
    .map(({ key, value }) => `${key}=${value}`)
    .join('&');
  return {
    raw: `{{baseUrl}}/${segments.join('/')}${search ? `?${search}` : ''}`,
    host: ['{{baseUrl}}'],
    path: segments,
    ...(query.length ? { query } : {}),
    ...(names.length ? { variable: names.map((name) => ({ key: name, value: step.path![name]! })) } : {}),
  };
}

function bodyOf(document: OpenApiDocument, step: StoryStep, { operation }: Located) {
  if (step.form) {
    return {
      mode: 'formdata',
      formdata: [
        ...Object.entries(step.form.files).map(([key, src]) => ({ key, type: 'file', src })),
        ...Object.entries(step.form.fields).map(([key, value]) => ({ key, type: 'text', value })),
      ],
    };
  }
  const requestBody = resolve<{ content?: Record<string, { schema?: unknown }> } | undefined>(
    document,
    operation.requestBody,
  );
  const media = requestBody?.content?.['application/json'];
  if (!media) {
    if (step.body !== undefined) throw new Error(`${step.op} takes no JSON body, yet the story gives one`);
    return undefined;
  }
  const example = step.body ?? resolve<{ example?: unknown } | undefined>(document, media.schema)?.example;
  return { mode: 'raw', raw: JSON.stringify(example ?? {}, null, 2), options: { raw: { language: 'json' } } };
}

function toItem(document: OpenApiDocument, step: StoryStep, located: Located) {
  const { method, operation } = located;
  const status = expectedStatus(step, located);
  const token = tokenOf[step.as];
  const needsToken = (operation.security ?? []).length > 0 && !operation.security!.some((s) => !Object.keys(s).length);
  if (needsToken && !token && status !== 401) throw new Error(`${step.op} needs a token: give the step \`as\``);
  const body = bodyOf(document, step, located);
  const headers = Object.entries(step.headers ?? {}).map(([key, value]) => ({ key, value }));
  const note = step.problem && `**In this run** it answers ${status} \`${step.problem.code}\`: ${step.problem.why}.`;
  return {
    name: step.name ?? operation.summary ?? step.op,
    event: [
      ...(step.before ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: step.before } }] : []),
      { listen: 'test', script: { type: 'text/javascript', exec: testScript(step, status) } },
    ],
    request: {
      method: method.toUpperCase(),
      description: [operation.description, note].filter(Boolean).join('\n\n'),
      auth: token
        ? { type: 'bearer', bearer: [{ key: 'token', value: `{{${token}}}`, type: 'string' }] }
        : { type: 'noauth' },
      header: body?.mode === 'raw' ? [{ key: 'Content-Type', value: 'application/json' }, ...headers] : headers,
      url: urlOf(document, step, located),
      ...(body ? { body } : {}),
    },
  };
}

type Told = Array<{ step: StoryStep; name: string }>;

/** The collection's description: the document's, then how to run it and which answers are errors on purpose. */
function describe(document: OpenApiDocument, told: Told): string {
  const errors = told.flatMap(({ step, name }) => (step.problem ? [`- ${name}: ${step.problem.why}.`] : []));
  return [
    document.info.description ?? '',
    'Generated from the OpenAPI document (`pnpm openapi`). Run it top to bottom, in Postman’s collection runner or with newman, against a server that is not in production and has no Stripe key (payments use the `test` provider): `pnpm start`, for one. Set `baseUrl`, and `adminEmail` and `adminPassword` to an admin account (the demo shop of `pnpm start` has `admin@example.com` / `nexus-demo-admin`; elsewhere the one `ADMIN_EMAIL` and `ADMIN_PASSWORD` made); they are empty here on purpose. The image upload sends `docs/postman/product.png` of the repository: run newman from its root, or pick a file in that request’s body.',
    'Each request asserts its status and keeps what later requests need (tokens, ids) in collection variables; each run makes its own categories, products and customer (named after `runId`) and deletes them at the end, so it can run again and again. A few requests answer an error on purpose, proving a rule where the success cannot happen in a run:',
    errors.join('\n'),
    story.map(({ name, description }) => `**${name}**: ${description}`).join('\n\n'),
  ].join('\n\n');
}

function variablesOf(document: OpenApiDocument, told: Told) {
  const setBy = new Map<string, string>();
  for (const { step, name } of told)
    for (const key of Object.keys(step.store ?? {})) if (!setBy.has(key)) setBy.set(key, name);
  return [
    { key: 'baseUrl', value: document.servers?.[0]?.url ?? LOCAL_SERVER.url, description: 'The API’s origin' },
    { key: 'adminEmail', value: '', description: 'An admin account’s e-mail: pass it to the run, never commit it' },
    { key: 'adminPassword', value: '', description: 'That admin’s password: pass it to the run, never commit it' },
    { key: 'runId', value: '', description: 'Set by the first request: makes this run’s names and e-mails unique' },
    ...[...setBy].map(([key, name]) => ({ key, value: '', description: `Set by “${name}”` })),
  ];
}

export function toPostmanCollection(document: OpenApiDocument) {
  const operations = operationsOf(document);
  const asked = new Set(story.flatMap(({ steps }) => steps.map((step) => step.op)));
  const untold = [...operations.keys()].filter((id) => !asked.has(id));
  if (untold.length) throw new Error(`Operations missing from the Postman story (postman-story/): ${untold}`);
  const told: Told = [];
  const item = story.map(({ name, description, steps }) => ({
    name,
    description,
    item: steps.map((step) => {
      const located = operations.get(step.op);
      if (!located) throw new Error(`The Postman story names ${step.op}, which the document does not have`);
      const request = toItem(document, step, located);
      if (told.some((earlier) => earlier.name === request.name)) {
        throw new Error(`Two requests are named "${request.name}": name one in the story`);
      }
      told.push({ step, name: request.name });
      return request;
    }),
  }));
  return {
    info: {
      name: document.info.title,
      description: describe(document, told),
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    // Every response carries X-Request-Id (API.md): checked on each request of the run.
    event: [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: ["pm.test('carries X-Request-Id', () => pm.response.to.have.header('X-Request-Id'));"],
        },
      },
    ],
    variable: variablesOf(document, told),
    item,
  };
}
