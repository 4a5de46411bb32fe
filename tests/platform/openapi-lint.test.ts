// The committed OpenAPI document through the two linters third parties run on it, with the configuration at the
// repository root (redocly.yaml, .redocly.lint-ignore.yaml, .spectral.yaml): not one error, not one warning.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => path.join(root, 'tests/node_modules/.bin', name);
const document = 'docs/openapi.json';
// No telemetry, no update check: the linters run offline and say only what they found.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** Runs a linter; a non-zero exit is still an answer (the report says why), so its output is returned either way. */
async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (stdout?.trim()) return stdout;
    throw error;
  }
}

describe('docs/openapi.json under third-party linters', { timeout: 60_000 }, () => {
  it('passes Redocly CLI’s recommended rules with no error and no warning', async () => {
    const report = JSON.parse(
      await run(bin('redocly'), ['lint', document, '--config', 'redocly.yaml', '--format', 'json']),
    ) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string }> };
    expect(report.problems.map(({ ruleId, message }) => `${ruleId}: ${message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('passes Spectral’s spectral:oas ruleset with no problem of any severity', async () => {
    const output = await run(bin('spectral'), [
      'lint',
      document,
      '--ruleset',
      '.spectral.yaml',
      '--format',
      'json',
      '--fail-severity',
      'hint',
      '--quiet',
    ]);
    const results = JSON.parse(output) as Array<{ code: string; path: string[]; message: string }>;
    expect(results.map(({ code, path: at, message }) => `${code} at ${at.join('.')}: ${message}`)).toEqual([]);
  });
});
