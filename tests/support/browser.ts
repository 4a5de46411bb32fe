import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TokenPair } from '@nexus/client-sdk';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing), or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. */
export const noBrowserReason = (): string | null =>
  existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;

/** A headless Chromium that runs as root in a container and never calls home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Puts a token pair where the dashboard keeps it, before any of its scripts run: the page opens signed in. */
export async function signInWithTokens(page: Page, tokens: TokenPair): Promise<void> {
  await page.addInitScript((pair) => {
    window.localStorage.setItem('nexus.admin.tokens', JSON.stringify(pair));
  }, tokens);
}
