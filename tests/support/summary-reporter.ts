import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints a plain `N passed, N failed, N skipped` line at the end, so CI can tell a run that executed
 * nothing (or crashed while collecting) from a green one.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    if (passed + failed === 0) failed += 1; // nothing ran: never report a green zero
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
