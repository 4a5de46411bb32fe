import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@nexus/server';

describe('configuration', () => {
  it('reports every bad variable at once, one line each', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production', PORT: 'abc', JWT_ACCESS_TTL: 'forever', ADMIN_EMAIL: 'root@example.com' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((line) => line.split(':')[0]).sort()).toEqual(
      [
        'ADMIN_EMAIL, ADMIN_PASSWORD',
        'DATABASE_URL',
        'JWT_ACCESS_TTL',
        'JWT_SECRET',
        'PORT',
        'STRIPE_SECRET_KEY',
      ].sort(),
    );
  });

  it('refuses production without DATABASE_URL, unless the embedded database is asked for explicitly', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48), PAYMENTS_MANUAL_ONLY: 'true' };
    expect(() => loadConfig(production)).toThrow(/DATABASE_URL: is required when NODE_ENV=production/);
    expect(loadConfig({ ...production, EMBEDDED_PG: 'true' }).config.EMBEDDED_PG).toBe('true');
    expect(loadConfig({ ...production, DATABASE_URL: 'postgres://db.internal/shop' }).config.NODE_ENV).toBe(
      'production',
    );
    expect(() => loadConfig({})).not.toThrow();
  });

  it('refuses production without a payment provider unless payments are declared manual only', () => {
    const base = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48), DATABASE_URL: 'postgres://db.internal/shop' };
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({})).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY: production needs a payment provider/)]);
    expect(problems({ PAYMENTS_MANUAL_ONLY: 'true' })).toEqual([]);
    expect(problems({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toEqual([]);
    expect(problems({ STRIPE_SECRET_KEY: 'sk_live_abc' })).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET/)]);
    expect(problems({ STRIPE_SECRET_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toEqual([
      expect.stringMatching(/^STRIPE_SECRET_KEY: must be a Stripe secret key/),
    ]);
    expect(
      problems({ PAYMENTS_MANUAL_ONLY: 'true', STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }),
    ).toEqual([expect.stringMatching(/^PAYMENTS_MANUAL_ONLY/)]);
  });

  it('applies the documented defaults and parses durations and sizes', () => {
    const { config, warnings } = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      JWT_ACCESS_TTL: 900,
      JWT_REFRESH_TTL: 604_800,
      BODY_LIMIT: 1_048_576,
      LOGIN_THROTTLE_WINDOW: 900,
    });
    expect(warnings).toEqual([expect.stringContaining('JWT_SECRET is not set')]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('documents every variable in .env.example, with the defaults it really has', async () => {
    const { readFile } = await import('node:fs/promises');
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = new Map(
      [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!.trim()]),
    );
    const { config } = loadConfig({});
    const optional = [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'DATABASE_HEAVY_MAX',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'STRIPE_API_BASE',
      'SMTP_URL',
      'AMQP_URL',
      'MEDIA_BASE_URL',
      'ADMIN_DIR',
      'METRICS_PORT',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_SERVICE_NAME',
      'PUBLIC_URL',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ];
    expect([...Object.keys(config), ...optional].filter((name) => !documented.has(name))).toEqual([]);
    for (const [name, value] of documented) {
      if (optional.includes(name) || !example.includes(`\n${name}=`)) continue;
      expect(loadConfig({ [name]: value }).config[name as keyof typeof config], name).toEqual(
        config[name as keyof typeof config],
      );
    }
  });

  it('treats an empty variable as unset', () => {
    const { config } = loadConfig({ REDIS_URL: '', PORT: '' });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('refuses an OTLP endpoint that is not a URL, before tracing could start', () => {
    for (const endpoint of ['localhost:4318', 'grpc://collector:4317', 'not a url'])
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }), endpoint).toThrow(
        /OTEL_EXPORTER_OTLP_ENDPOINT: must be/,
      );
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }).config.OTEL_EXPORTER_OTLP_ENDPOINT,
    ).toBe('http://localhost:4318');
  });

  it('refuses a JWT secret shorter than 32 characters', () => {
    expect(() => loadConfig({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('takes PUBLIC_URL as an http(s) URL without its trailing slash, and refuses one with a query', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://shop.example.com/api/' }).config.PUBLIC_URL).toBe(
      'https://shop.example.com/api',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'https://shop.example.com/?x=1' })).toThrow(/PUBLIC_URL: must have no query/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://shop.example.com' })).toThrow(/PUBLIC_URL: must be an http/);
    expect(loadConfig({ PUBLIC_URL: 'HTTPS://Shop.Example.com' }).config.PUBLIC_URL).toBe('HTTPS://Shop.Example.com');
  });
});
