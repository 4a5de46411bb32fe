// The SDK as a frontend team meets it: packed like `npm publish` would, installed with npm into an empty project
// that has no access to this workspace, type-checked with `moduleResolution: bundler` and no Node types, bundled,
// and run against a real server.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, signUpAdmin } from '../support/fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The workspace's compiler, so the empty project need not download one. */
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/** What a storefront developer writes: a typed call, and an error narrowed by its code to its typed details. */
const consumerSource = (baseUrl: string, productName: string) => `
import { createNexusClient, isNexusError, type Product } from '@nexus/client-sdk';

const nexus = createNexusClient({ baseUrl: ${JSON.stringify(baseUrl)} });
const page = await nexus.products.list({ query: { search: ${JSON.stringify(productName)}, in_stock: true } });
const product: Product | undefined = page.results[0];
if (!product) throw new Error('the product is not listed');
try {
  await nexus.cart.addItem({ body: { product_id: product.id, quantity: product.stock + 1 } });
  console.log(JSON.stringify({ outcome: 'added' }));
} catch (error) {
  if (!isNexusError(error, 'insufficient_stock')) throw error;
  const code: 'insufficient_stock' = error.code;
  const available: number | undefined = error.problem.errors?.[0]?.available;
  console.log(JSON.stringify({ outcome: code, name: product.name, available }));
}

// @ts-expect-error a code the API does not have is a compile error, so the types above are real
isNexusError(new Error('x'), 'no_such_code');
`;

const consumerTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  include: ['main.ts'],
};

let app: TestApp;
let project: string;
let productName: string;

beforeAll(async () => {
  app = await startTestApp();
  const admin = await signUpAdmin(app);
  const product = await createStockedProduct(admin, { stock: 2 });
  productName = product.name;

  project = await mkdtemp(path.join(os.tmpdir(), 'nexus-sdk-consumer-'));
  const tarballs = path.join(project, 'tarballs');
  await mkdir(tarballs);
  // `pnpm pack` applies publishConfig and turns `workspace:*` into the version, as publishing does.
  for (const workspace of ['contract', 'client-sdk'])
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(root, workspace) });
  const packed = (await readdir(tarballs)).map((file) => path.join(tarballs, file));
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  // Bounded, so a stalled registry fails the run instead of leaving npm behind it.
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packed], {
    cwd: project,
    timeout: 150_000,
  });
  await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(consumerTsconfig));
  await writeFile(path.join(project, 'main.ts'), consumerSource(app.baseUrl, productName));
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

/** Every package directory under node_modules, scoped ones as `@scope/name`. */
async function installedPackages(nodeModules: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (!entry.name.startsWith('@')) found.push(entry.name);
    else for (const scoped of await readdir(path.join(nodeModules, entry.name))) found.push(`${entry.name}/${scoped}`);
  }
  return found.sort();
}

describe('the SDK installed from its tarballs into an empty project', () => {
  it('brings only the contract, ts-rest’s client and one zod: no server-side OpenAPI tooling', async () => {
    expect(await installedPackages(path.join(project, 'node_modules'))).toEqual([
      '@nexus/client-sdk',
      '@nexus/contract',
      '@ts-rest/core',
      'zod',
    ]);
  });

  it('ships no compiled file without its source (a stale dist/ would publish modules nothing imports)', async () => {
    for (const name of ['@nexus/contract', '@nexus/client-sdk']) {
      const installed = path.join(project, 'node_modules', name);
      const compiled = (await readdir(path.join(installed, 'dist'), { recursive: true })).filter((file) =>
        file.endsWith('.js'),
      );
      expect(compiled.length, name).toBeGreaterThan(0);
      const orphans: string[] = [];
      for (const file of compiled) {
        const source = path.join(installed, 'src', file.replace(/\.js$/, '.ts'));
        if (!(await stat(source).catch(() => null))) orphans.push(`${name}/dist/${file}`);
      }
      expect(orphans, 'run `rm -rf contract/dist client-sdk/dist && pnpm build`').toEqual([]);
    }
  });

  it('type-checks a typed call and a narrowed error code with moduleResolution bundler and no Node types', async () => {
    await expect(run(process.execPath, [tsc, '-p', project], { cwd: project })).resolves.toBeDefined();
  }, 120_000);

  it('bundles with one copy of zod and runs against the server, the error narrowed to its typed details', async () => {
    const outfile = path.join(project, 'bundle.mjs');
    const { metafile } = await build({
      entryPoints: [path.join(project, 'main.ts')],
      absWorkingDir: project,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    expect(zodBuilds(metafile)).toEqual(['node_modules/zod (ESM)']);
    const { stdout } = await run(process.execPath, [outfile], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ outcome: 'insufficient_stock', name: productName, available: 2 });
  }, 60_000);
});

/** The zod builds a bundle contains: one install, and its ESM build only (its CommonJS build beside would be twice). */
function zodBuilds(metafile: Metafile): string[] {
  const builds = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/zod)\/.*\.(c?js)$/.exec(input);
    if (match) builds.add(`${match[1]} (${match[2] === 'cjs' ? 'CommonJS' : 'ESM'})`);
  }
  return [...builds];
}
