// The dashboard in a real browser (Debian's Chromium through playwright-core) against the real server and worker on
// a real PostgreSQL: what an admin does in a day, end to end, then an accessibility scan of every screen. With
// ADMIN_SCREENSHOTS=<dir> (`pnpm screenshots:admin`) each screen is also saved there, for the README.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWorker, type RunningWorker } from '@nexus/server';
import type { Order, Product, Webhook } from '@nexus/client-sdk';
import { seedDemoCatalogue } from '../../server/src/seed/demo-catalogue.js';
import { launchBrowser, noBrowserReason } from '../support/browser.js';
import { ADDRESS, PASSWORD, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';
import { freePort, startTestApp, type TestApp } from '../support/test-app.js';
import { scanForViolations } from './axe-scan.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = process.env.ADMIN_SCREENSHOTS ? path.resolve(root, process.env.ADMIN_SCREENSHOTS) : null;

/** A webhook receiver that fails until told to succeed. */
async function startReceiver() {
  const state = { status: 500 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(state.status).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    succeed: () => void (state.status = 200),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const skip = noBrowserReason();
// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
if (skip && process.env.CI) throw new Error(`The dashboard's browser tests cannot run in CI: ${skip}`);
if (skip) console.warn(`Skipping the dashboard's browser tests: ${skip}`);

describe.skipIf(skip)('the admin dashboard in a real browser', { timeout: 60_000 }, () => {
  let app: TestApp;
  let worker: RunningWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: SignedIn;
  let customer: SignedIn;
  let webhook: Webhook;
  const made: { product?: Product; order?: Order } = {};
  // Uncaught errors and console errors of the dashboard (a crash, a CSP refusal): each test ends with none.
  const pageErrors: string[] = [];
  const url = (screen: string) => `${app.baseUrl}/admin${screen}`;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'admin/scripts/ensure-build.mjs')], { stdio: 'inherit' });
    receiver = await startReceiver();
    // Image URLs are absolute (MEDIA_BASE_URL): the app gets a port known in advance so they point at it.
    const port = String(await freePort());
    app = await startTestApp({
      PORT: port,
      MEDIA_BASE_URL: `http://127.0.0.1:${port}/media/`,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      DELIVERY_MAX_ATTEMPTS: '1',
    });
    await seedDemoCatalogue(app.nexus.deps);
    // A shop that has been running: the demo catalogue's thousand product events were handed on long ago, so the
    // worker's first work is this test's own events.
    await app.db.updateTable('events').set({ dispatched_at: new Date().toISOString() }).execute();
    worker = await startWorker(app.nexus.deps, app.databaseUrl);
    admin = await signUpAdmin(app);
    customer = await signUp(app, { first_name: 'Grace', last_name: 'Hopper' });
    webhook = await admin.client.webhooks.create({ body: { url: receiver.url, events: ['order.shipped'] } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // A refused call the screen handles is logged by the browser as a failed resource: not the app's fault.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await app?.close();
    await receiver?.close();
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  async function signInThroughTheForm(email: string, password: string) {
    await page.goto(url('/'));
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('tells a customer, politely, that the dashboard is for administrators', async () => {
    await signInThroughTheForm(customer.email, PASSWORD);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('for shop administrators');
    expect(page.url()).toContain('/admin/sign-in');
    // Signed out again at once: no token of the customer's stays in the browser.
    expect(await page.evaluate(() => window.localStorage.getItem('nexus.admin.tokens'))).toBeNull();
  });

  it('signs an admin in through the form and lands on the overview', async () => {
    await signInThroughTheForm(admin.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText(`Signed in as ${admin.email}`).waitFor();
  });

  it('creates a category', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('button', { name: 'New category' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Browser Test Shelf');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('main').getByText('Browser Test Shelf').first().waitFor();
    const created = await app.client().categories.list({ query: { search: 'Browser Test Shelf' } });
    expect(created.results.map((category) => category.name)).toContain('Browser Test Shelf');
  });

  it('creates a product with two variants and an image, and finds it by search', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
    await page
      .getByRole('link', { name: 'New product' })
      .or(page.getByRole('button', { name: 'New product' }))
      .click();
    await page.getByLabel('Name', { exact: true }).fill('Browser Test Tee');
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Browser Test Shelf' });
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1', { exact: true }).fill('Size');
    await page.getByLabel('Values of option 1').fill('S, M,');
    await page.getByRole('button', { name: 'Generate missing variants' }).click();
    for (const [size, price, stock] of [
      ['S', '19.00', '4'],
      ['M', '21.00', '6'],
    ] as const) {
      await page.getByLabel(`SKU of ${size}`).fill(`BTT-${size}`);
      await page.getByLabel(`Price of ${size}`).fill(price);
      await page.getByLabel(`Stock of ${size}`).fill(stock);
    }
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browser Test Tee' }).waitFor();

    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2452c7' } })
      .jpeg()
      .toBuffer();
    await page.getByLabel('Add images').setInputFiles({ name: 'tee.jpg', mimeType: 'image/jpeg', buffer: photo });
    const image = page.getByRole('list', { name: 'Images, main image first' }).getByRole('img').first();
    // Shown, not just listed: the file loads from the media URL under the dashboard's CSP.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);

    const [found] = (await app.client().products.list({ query: { search: 'Browser Test Tee' } })).results;
    expect(found?.variants.map((variant) => [variant.sku, variant.price, variant.stock])).toEqual([
      ['BTT-S', '19.00', 4],
      ['BTT-M', '21.00', 6],
    ]);
    expect(found?.images).toHaveLength(1);
    made.product = found;

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Search').fill('Browser Test Tee');
    await page.waitForURL(/search=Browser\+Test\+Tee/);
    const rows = page.getByRole('table', { name: 'Products' }).locator('tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Browser Test Tee')]);
  });

  it('ships an order placed through the SDK, and the customer’s mail shows in the mailbox', async () => {
    const product = made.product!;
    await customer.client.cart.addItem({ body: { variant_id: product.variants[1]!.id, quantity: 2 } });
    const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
    const payment = await customer.client.payments.create({ params: { id: order.id }, body: { provider: 'test' } });
    await customer.client.payments.testConfirm({ params: { id: payment.id }, body: { outcome: 'succeeded' } });
    await customer.client.reviews.create({
      params: { id: product.id },
      body: { rating: 4, title: 'Soft', body: 'Fits well, washes well.' },
    });
    made.order = order;

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: order.number }).click();
    await page.getByRole('heading', { level: 1, name: `Order ${order.number}` }).waitFor();
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await page.getByRole('button', { name: 'Mark as delivered' }).waitFor();
    expect((await admin.client.orders.get({ params: { id: order.id } })).status).toBe('shipped');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Mailbox' }).click();
    await expect
      .poll(
        async () => {
          await page.reload({ waitUntil: 'networkidle' });
          return page.getByRole('main').getByText(`Order ${order.number} is on its way`).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);
  });

  it('retries a failed webhook delivery', async () => {
    await expect
      .poll(
        async () =>
          (await admin.client.webhooks.deliveries({ params: { id: webhook.id }, query: {} })).results[0]?.status,
        { timeout: 20_000, interval: 250 },
      )
      .toBe('dead');
    receiver.succeed();
    await page.goto(url(`/webhooks/${webhook.id}`));
    await page
      .getByRole('button', { name: /^Retry/ })
      .first()
      .click();
    // The log shows it: the screen refreshes itself while a delivery waits for the worker.
    await page.getByRole('main').getByText('succeeded', { exact: true }).first().waitFor({ timeout: 20_000 });
    await expect
      .poll(
        async () =>
          (await admin.client.webhooks.deliveries({ params: { id: webhook.id }, query: {} })).results[0]?.status,
        { timeout: 20_000, interval: 250 },
      )
      .toBe('succeeded');
  });

  it('has no serious accessibility violations on any screen', async () => {
    const screens: Array<[name: string, path: string]> = [
      ['overview', '/'],
      ['categories', '/categories'],
      ['products', '/products'],
      ['product-new', '/products/new'],
      ['product-edit', `/products/${made.product!.id}`],
      ['orders', '/orders'],
      ['order', `/orders/${made.order!.id}`],
      ['customers', '/customers'],
      ['customer', `/customers/${customer.user.id}`],
      ['reviews', '/reviews'],
      ['mail', '/mail'],
      ['webhooks', '/webhooks'],
      ['webhook', `/webhooks/${webhook.id}`],
    ];
    if (screenshots) mkdirSync(screenshots, { recursive: true });
    const violations: string[] = [];
    for (const [name, screen] of screens) {
      await page.goto(url(screen));
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      violations.push(...(await scanForViolations(page)).map((violation) => `${name}: ${violation}`));
      if (screenshots) await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    }
    const signedOut = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const signIn = await signedOut.newPage();
    await signIn.goto(url('/sign-in'));
    await signIn.getByRole('heading', { level: 1 }).waitFor();
    violations.push(...(await scanForViolations(signIn)).map((violation) => `sign-in: ${violation}`));
    if (screenshots) await signIn.screenshot({ path: path.join(screenshots, 'sign-in.png') });
    await signedOut.close();
    expect(violations).toEqual([]);
  });
});
