import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// No container engine runs where this is developed: the image is linted and the compose file and CI workflow are
// checked against the server's own configuration instead of being run.
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
/** Every variable the server knows, as `.env.example` documents them (the config tests keep it complete). */
const knownVariables = new Set([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map(([, name]) => name));

describe('the Dockerfile', () => {
  it('passes dockerfilelint with no issue', () => {
    const bin = path.join(root, 'tests/node_modules/.bin/dockerfilelint');
    const report = JSON.parse(execFileSync(bin, ['-o', 'json', path.join(root, 'Dockerfile')], { encoding: 'utf8' }));
    expect(report.files[0].issues).toEqual([]);
  });

  it('builds in one stage and runs from another, as a non-root user, with a health check and signals reaching node', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN pnpm install --frozen-lockfile --prod /m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/readyz/m);
    expect(dockerfile).toMatch(/^CMD \["node", "server\/dist\/main\.js"\]$/m);
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', '.env', '.git']));
  });

  it('copies every workspace package’s manifest before installing, so the frozen lockfile matches', () => {
    const packages = parse(read('pnpm-workspace.yaml')) as { packages: string[] };
    const dockerfile = read('Dockerfile');
    for (const workspace of packages.packages) {
      expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
      expect(dockerfile).toContain(`COPY --from=build /app/${workspace}/package.json ${workspace}/`);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string>; image?: string; build?: string }>;
  };

  it('runs the API, a separate worker, PostgreSQL, Redis, RabbitMQ and an SMTP catcher', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mailpit', 'postgres', 'rabbitmq', 'redis', 'worker']);
    expect(compose.services.api?.environment?.WORKER).toBe('off');
    expect(compose.services.worker?.environment?.WORKER).toBe('only');
  });

  it('names only variables the server’s configuration knows', () => {
    for (const service of ['api', 'worker']) {
      const names = Object.keys(compose.services[service]?.environment ?? {});
      expect(
        names.filter((name) => !knownVariables.has(name)),
        service,
      ).toEqual([]);
      expect(names).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'AMQP_URL', 'SMTP_URL', 'JWT_SECRET']),
      );
    }
  });
});

describe('the GitHub Actions workflow', () => {
  it('runs the README’s test command with PostgreSQL and Redis services', () => {
    const workflow = parse(read('.github/workflows/ci.yml')) as {
      jobs: {
        test: {
          services: Record<string, unknown>;
          strategy: { matrix: { node: number[] } };
          steps: Array<{ run?: string; with?: Record<string, unknown> }>;
        };
      };
    };
    expect(Object.keys(workflow.jobs.test.services).sort()).toEqual(['postgres', 'redis']);
    expect(workflow.jobs.test.steps.map((step) => step.run)).toContain('pnpm test');
    // Node 20 and 22 each run the whole command, which runs the suite once more under Node 24.
    expect(workflow.jobs.test.strategy.matrix.node).toEqual([20, 22]);
    expect(workflow.jobs.test.steps.find((step) => step.with?.['node-version'])?.with).toEqual({
      'node-version': '${{ matrix.node }}',
    });
    const manifest = JSON.parse(read('package.json'));
    expect(manifest.scripts.test).toContain('test:node24');
    expect(JSON.parse(read('tests/package.json')).scripts['test:node24']).toContain('node@24');
  });
});
