import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The page's serious and critical accessibility violations (WCAG 2.1 A and AA), one line each. */
export async function scanForViolations(page: Page): Promise<string[]> {
  // A sandboxed frame (the mailbox's HTML preview) never answers axe's script: its content is the mail's, not ours.
  const results = await new AxeBuilder({ page })
    .exclude('iframe[sandbox]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}
