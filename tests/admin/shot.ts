// Screenshots of a dashboard screen against a running server, for looking at a screen while building it:
//   pnpm exec tsx tests/admin/shot.ts --base http://localhost:3000 --email admin@example.com --password … --path /products --out /tmp/p.png
import { parseArgs } from 'node:util';
import { createNexusClient } from '@nexus/client-sdk';
import { launchBrowser, signInWithTokens } from '../support/browser.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:3000' },
    email: { type: 'string' },
    password: { type: 'string' },
    path: { type: 'string', default: '/' },
    out: { type: 'string', default: '/tmp/admin.png' },
    width: { type: 'string', default: '1280' },
    wait: { type: 'string', default: '1500' },
  },
});

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.log(`[browser ${message.type()}]`, message.text());
  });
  page.on('pageerror', (error) => console.log('[page error]', error.message));
  if (values.email && values.password) {
    const nexus = createNexusClient({ baseUrl: values.base });
    await nexus.auth.login({ body: { email: values.email, password: values.password } });
    const tokens = await nexus.tokens();
    if (tokens) await signInWithTokens(page, tokens);
  }
  await page.goto(`${values.base}/admin${values.path === '/' ? '' : values.path}`);
  await page.waitForTimeout(Number(values.wait));
  await page.screenshot({ path: values.out, fullPage: true });
  console.log(`saved ${values.out} (${page.url()})`);
} finally {
  await browser.close();
}
