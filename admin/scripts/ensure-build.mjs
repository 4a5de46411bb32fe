/* global process, URL */
// Builds the dashboard when admin/dist is missing or older than anything it is built from, so `pnpm start` on a
// fresh clone serves /admin with nothing else to run, and a second start costs a directory walk, not a build.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const admin = fileURLToPath(new URL('..', import.meta.url));
const root = path.dirname(admin);
const built = path.join(admin, 'dist', 'index.html');
const sources = [
  path.join(admin, 'src'),
  path.join(admin, 'index.html'),
  path.join(admin, 'vite.config.ts'),
  path.join(admin, 'package.json'),
  path.join(root, 'contract', 'src'),
  path.join(root, 'client-sdk', 'src'),
];

function newest(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const force = process.argv.includes('--force');
if (force || builtAt < Math.max(...sources.map(newest))) {
  const started = Date.now();
  process.stdout.write(builtAt ? 'The admin dashboard changed: rebuilding it…\n' : 'Building the admin dashboard…\n');
  const { build } = await import('vite');
  await build({ root: admin, configFile: path.join(admin, 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write(`Admin dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
