import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';

/**
 * The real server as an operator runs it (`npm start` = build, then the built main.js), for tests
 * that need a process of its own: killing it, restarting it, or watching it refuse to start.
 */

export const ROOT = resolve(__dirname, '..', '..');
export const MAIN_JS = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
/** The worker alone, as `npm run start:worker` runs it. */
export const WORKER_JS = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
export const JWT_SECRET = 'e2e-process-secret-0123456789-abcdefghijkl';

const BUILD_TIMEOUT_MS = 120_000;
const rootKey = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
const STAMP = join(tmpdir(), `tracker-e2e-build-${rootKey}.stamp`);
const LOCK = join(tmpdir(), `tracker-e2e-build-${rootKey}.lock`);

/** Everything the build reads: if none of it changed since the last build by these tests, dist is fresh. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  visit(join(ROOT, 'apps', 'api', 'src'));
  visit(join(ROOT, 'apps', 'worker', 'src'));
  visit(join(ROOT, 'libs'));
  for (const file of ['tsconfig.base.json', 'apps/api/tsconfig.app.json', 'package.json']) {
    const path = join(ROOT, file);
    if (existsSync(path)) hash.update(file).update('\0').update(readFileSync(path));
  }
  return hash.digest('hex');
}

function isFresh(fingerprint: string): boolean {
  return existsSync(MAIN_JS) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `npm run build:server` (the server half of `npm start`'s build), once for all test files (several
 * jest workers may ask at once: a lock directory serialises them) and not at all when the sources
 * are unchanged since the last build. Not the web build: `npm test` builds the UI before jest, and
 * vite empties dist/web first, which a browser test starting its server beside it found missing.
 */
export async function ensureBuilt(): Promise<void> {
  if (isFresh(sourceFingerprint())) return;
  const deadline = Date.now() + BUILD_TIMEOUT_MS + 30_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is taken over once it is older than any build could take.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > BUILD_TIMEOUT_MS + 10_000) rmdirSync(LOCK);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${LOCK}`);
      await sleep(200);
    }
  }
  try {
    const fingerprint = sourceFingerprint();
    if (isFresh(fingerprint)) return;
    try {
      execFileSync('npm', ['run', 'build:server'], {
        cwd: ROOT,
        stdio: 'pipe',
        timeout: BUILD_TIMEOUT_MS,
        encoding: 'utf8',
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`npm run build:server failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
    writeFileSync(STAMP, fingerprint);
  } finally {
    rmdirSync(LOCK);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  http: ReturnType<typeof request>;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<Exit>;
  /** Sends the signal (SIGKILL unless told) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

const running = new Set<ServerProcess>();

/** A court signing key for a production start (which never generates one), written into `dir`. */
export function writeAuditKey(dir: string): string {
  const file = join(dir, 'audit-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

/**
 * Only what the server reads, plus PATH and HOME: the test runner's own environment (NODE_ENV=test,
 * JEST_*) must not leak into the configuration under test. A value of undefined removes a setting.
 */
export function serverEnv(settings: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Each server's queues under their own prefix in the shared test Redis, removed by killAllServers.
  const queuePrefix = `e2e-${process.pid}-${Date.now()}-${prefixes.size + 1}`;
  prefixes.add(queuePrefix);
  const env: NodeJS.ProcessEnv = { TS_NODE_BASEURL: './dist', QUEUE_PREFIX: queuePrefix };
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * `node --max-semi-space-size=64 -r tsconfig-paths/register dist/apps/api/src/main.js`, from the
 * repository root, as `npm run start:prod` does (or another built entry point, such as the worker's):
 * tests and benches run the servers with the same V8 flags as operators do.
 */
export function spawnServer(env: NodeJS.ProcessEnv, script = MAIN_JS): ServerProcess {
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '-r', 'tsconfig-paths/register', script],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<Exit>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  const port = Number(env.PORT ?? 3000);
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child,
    port,
    url,
    http: request(url),
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const exit = await exited;
      running.delete(server);
      return exit;
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** Spawns the server and waits until `GET /api/v1/health` answers 200 (fails early if it exits). */
export async function startServer(
  settings: Record<string, string | undefined>,
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const port = settings.PORT ? Number(settings.PORT) : await freePort();
  const server = spawnServer(serverEnv({ LOG_LEVEL: 'warn', ...settings, PORT: String(port) }));
  let exit: Exit | null = null;
  void server.exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) {
      throw new Error(
        `Server exited before answering health (code ${(exit as Exit).code}, signal ${(exit as Exit).signal})\n` +
          `stdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`,
      );
    }
    try {
      const health = await server.http.get('/api/v1/health').timeout(1_000);
      if (health.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(
        `Server did not answer health within ${timeoutMs} ms\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`,
      );
    }
    await sleep(100);
  }
}

/** Waits until the process's stdout contains `text` (e.g. the banner printed after listening). */
export async function waitForStdout(
  server: ServerProcess,
  text: string | RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const matches = () =>
    typeof text === 'string' ? server.stdout().includes(text) : text.test(server.stdout());
  while (!matches()) {
    if (Date.now() > deadline)
      throw new Error(
        `stdout never showed ${String(text)}:\n${server.stdout()}\nstderr:\n${server.stderr()}`,
      );
    await sleep(50);
  }
  return server.stdout();
}

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** False when the process was still running at the timeout (it is then killed). */
  exitedInTime: boolean;
}

/** Runs the server with this environment until it exits by itself, or kills it after `timeoutMs`. */
export async function runUntilExit(
  settings: Record<string, string | undefined>,
  timeoutMs = 10_000,
): Promise<RunResult> {
  const started = Date.now();
  const server = spawnServer(serverEnv({ LOG_LEVEL: 'warn', ...settings }));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const outcome = await Promise.race([server.exited, timedOut]);
  clearTimeout(timer);
  const exitedInTime = outcome !== 'timeout';
  const exit = exitedInTime ? (outcome as Exit) : await server.kill();
  return {
    ...exit,
    stdout: server.stdout(),
    stderr: server.stderr(),
    elapsedMs: Date.now() - started,
    exitedInTime,
  };
}

const prefixes = new Set<string>();

/** Deletes the queues of servers that have stopped, from the test Redis at REDIS_URL (default local). */
async function removeQueues(): Promise<void> {
  if (prefixes.size === 0) return;
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    for (const prefix of prefixes) {
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length > 0) await client.del(...keys);
    }
    prefixes.clear();
  } catch {
    // No Redis here: nothing was left in it.
  } finally {
    client.disconnect();
  }
}

/** Kills every server these helpers started that is still running, and removes their queues; for afterAll/afterEach. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.kill('SIGKILL')));
  await removeQueues();
}

// Last resort if a test file dies without its afterAll: never leave a server behind.
process.once('exit', () => {
  for (const server of running) server.child.kill('SIGKILL');
});
