import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// How the server serves the dashboard's build, over a stand-in build so it does not depend on Vite having run.
let dir: string;
let app: TestApp;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nexus-admin-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  app = await startTestApp({ ADMIN_DIR: dir, MEDIA_BASE_URL: 'https://cdn.example.com/media/' });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the dashboard at /admin', () => {
  it('answers every screen’s address with the app, revalidated each time, under a CSP that allows only what it needs', async () => {
    for (const screen of [
      '/admin',
      '/admin/',
      '/admin/products/3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
      '/admin/orders?status=paid',
    ]) {
      const response = await app.fetch(screen);
      expect(response.status, screen).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    const csp = (await app.fetch('/admin/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("img-src 'self' data: blob: https://cdn.example.com");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('caches hashed assets for a year, and a missing asset is a 404, not the app', async () => {
    const asset = await app.fetch('/admin/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.fetch('/admin/assets/missing.js')).status).toBe(404);
    expect((await app.fetch('/admin/favicon.ico')).status).toBe(404);
  });

  it('keeps the API’s own CSP and problem answers outside /admin', async () => {
    const api = await app.fetch('/api/v1/products/not-a-route/nowhere');
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('content-security-policy')).not.toContain("connect-src 'self'");
  });

  it('serves no dashboard with ADMIN_DIR=off, and says how to build one when the build is missing', async () => {
    const off = await startTestApp({ ADMIN_DIR: 'off' });
    const unbuilt = await startTestApp({ ADMIN_DIR: path.join(dir, 'nowhere') });
    try {
      expect((await off.fetch('/admin/')).status).toBe(404);
      const missing = await unbuilt.fetch('/admin/');
      expect(missing.status).toBe(503);
      expect(await missing.text()).toContain('pnpm build:admin');
    } finally {
      await off.close();
      await unbuilt.close();
    }
  });
});
