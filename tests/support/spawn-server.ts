import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@nexus/db';
import { TEST_ENV } from './test-env.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

/** How to run the server: from its TypeScript sources (what `pnpm start` runs) or its build (`pnpm start:prod`). */
const commands = {
  source: [tsx, ['--conditions=@nexus/source', 'server/src/main.ts']],
  dist: [process.execPath, ['server/dist/main.js']],
} as const;

export interface SpawnedServer {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far (JSON log lines). */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Kills a process spawned with `detached: true` (its own process group) at once, with what it started: tsx runs the server as a child node
 * process, and SIGKILL (unlike SIGTERM, which tsx relays) would reach only tsx and leave the server orphaned.
 */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, 'SIGKILL');
  }
}

/**
 * The real server as its own operating-system process (`server/src/main.ts`, what `pnpm start` runs, or with
 * `from: 'dist'` its build), for tests that need a second process, a crash, a signal, production mode or an
 * embedded database of its own. Resolves once /readyz is 200.
 */
export async function spawnServer(
  env: Record<string, string>,
  { readyTimeoutMs = 60_000, from = 'source' as keyof typeof commands } = {},
): Promise<SpawnedServer> {
  const port = await findFreePort();
  const [command, args] = commands[from];
  const child = spawn(command, args, {
    cwd: repoRoot,
    // Its own process group, so killProcessGroup reaches the server behind tsx.
    detached: true,
    env: {
      ...process.env,
      ...TEST_ENV,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      killProcessGroup(child);
      throw new Error(`the server was not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}
