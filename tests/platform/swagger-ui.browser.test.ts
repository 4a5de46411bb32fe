// Swagger UI at /api/docs in a real browser (Debian's Chromium through playwright-core) against the real server: an
// authorisation that survives a reload, request durations, "Try it out" on the product list finding products, and
// an example body with a unique field that can be executed twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, noBrowserReason } from '../support/browser.js';
import { createCategory, createProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const skip = noBrowserReason();
// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
if (skip && process.env.CI) throw new Error(`Swagger UI's browser tests cannot run in CI: ${skip}`);
if (skip) console.warn(`Skipping Swagger UI's browser tests: ${skip}`);

describe.skipIf(skip)('Swagger UI in a real browser', { timeout: 60_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let customer: SignedIn;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await signUpAdmin(app);
    const category = await createCategory(admin, { name: 'Swagger Shelf' });
    for (const name of ['Swagger Lamp', 'Swagger Mug'])
      await createProduct(admin, { name, price: '12.00', category_id: category.id, stock: 3 });
    customer = await signUp(app);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // An answer of 4xx is logged by the browser as a failed resource: not the page's fault.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
    await page.goto(`${app.baseUrl}/api/docs/`);
    await page.locator('.opblock').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** Opens an operation (`tag`, `operationId`) and presses "Try it out". */
  async function tryOut(tag: string, operationId: string): Promise<Locator> {
    // Swagger UI escapes the dots of an operationId in the element’s id (`operations-auth-auth\.register`).
    const id = `operations-${tag}-${operationId.replace(/\./g, '\\.')}`;
    const operation = page.locator(`[id="${id.replace(/\\/g, '\\\\')}"]`);
    await operation.locator('.opblock-summary').first().click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    return operation;
  }

  /** Presses Execute and returns the answer's status and body as the network saw them. */
  async function execute(operation: Locator, path: string): Promise<{ status: number; body: string }> {
    const [response] = await Promise.all([
      page.waitForResponse((answer) => new URL(answer.url()).pathname === path),
      operation.locator('button.execute').click(),
    ]);
    return { status: response.status(), body: await response.text() };
  }

  it('sends GET /products as "Try it out" fills it, and finds products (no filter pre-filled from an example)', async () => {
    const operation = await tryOut('products', 'products.list');
    const { status, body } = await execute(operation, '/api/v1/products');
    expect(status).toBe(200);
    const names = (JSON.parse(body) as { results: Array<{ name: string }> }).results.map((product) => product.name);
    expect(names).toEqual(expect.arrayContaining(['Swagger Lamp', 'Swagger Mug']));
    await operation.locator('.live-responses-table .response-col_status').getByText('200').first().waitFor();
    // displayRequestDuration: the answer shows how long it took.
    await operation.getByText('Request duration').waitFor();
  });

  it('executes the register example twice, and both times creates an account', async () => {
    const operation = await tryOut('auth', 'auth.register');
    const example = await operation.locator('textarea.body-param__text').inputValue();
    expect(example).toContain('{{$timestamp}}');
    const first = await execute(operation, '/api/v1/auth/register');
    const second = await execute(operation, '/api/v1/auth/register');
    expect([first.status, second.status]).toEqual([201, 201]);
    const emails = [first, second].map(({ body }) => (JSON.parse(body) as { user: { email: string } }).user.email);
    expect(emails[0]).toMatch(/^ada\+\d+@example\.com$/);
    expect(emails[1]).not.toBe(emails[0]);
  });

  it('keeps the bearer token it was given across a reload (persistAuthorization)', async () => {
    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input').fill(customer.access);
    await page.locator('.modal-ux button.authorize').click();
    // Authorised: the dialog now offers to log out.
    await page.locator('.modal-ux button', { hasText: 'Logout' }).waitFor();
    await page.locator('.modal-ux button.btn-done').click();

    await page.reload();
    await page.locator('.opblock').first().waitFor();
    await page.locator('.auth-wrapper button.authorize.locked').waitFor();
    const operation = await tryOut('users', 'users.me');
    const { status, body } = await execute(operation, '/api/v1/users/me');
    expect(status).toBe(200);
    expect((JSON.parse(body) as { email: string }).email).toBe(customer.email);
  });
});
