// Start-up on a province-sized history (~1,000,000 events at the default 1,000 campaigns): the
// built API and the built worker, each started twice on one data directory — the first start
// builds every projection, the second resumes from the checkpoints. Baseline in the same run: a
// raw read-and-parse of the same history. Prints figures; asserts nothing.
// Run: npm run bench:startup   (BENCH_CAMPAIGNS scales the history, default 1,000)
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATCH_UP_BATCH } from '@tracker/read-models';
import { writeHistory } from '../test/support/province-history';
import {
  freePort,
  JWT_SECRET,
  killAllServers,
  serverEnv,
  ServerProcess,
  spawnServer,
  WORKER_JS,
  writeAuditKey,
} from '../test/support/server-process';
import { removeRedisKeys } from '../test/support/test-app';
import { rawReadAndParse } from './raw-read';

const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Resident and peak memory of a process, from /proc (Linux), in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

interface Started {
  ms: number;
  rss: number;
  peak: number;
  appliedAtStart: string;
  /** The read models' own part of the start, as they log it. */
  foldMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns, then polls every 10 ms until `ready` says so; reads memory at that moment, then stops it (SIGTERM). */
async function timeStart(
  server: ServerProcess,
  spawnedAt: number,
  ready: () => Promise<boolean>,
): Promise<Started> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (!(await ready())) {
    if (exited) throw new Error(`exited before it was ready:\n${server.stdout()}\n${server.stderr()}`);
    await sleep(10);
  }
  const ms = performance.now() - spawnedAt;
  const { rss, peak } = memoryOf(server.child.pid as number);
  const resumed = /Read models resumed: (\d+) event\(s\) applied at start in (\d+) ms/.exec(server.stdout());
  await server.kill('SIGTERM');
  return { ms, rss, peak, appliedAtStart: resumed?.[1] ?? '?', foldMs: Number(resumed?.[2] ?? NaN) };
}

async function startApi(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env = serverEnv({
    DATA_DIR: dataDir,
    JWT_SECRET,
    AUDIT_KEY_FILE: join(dataDir, 'audit-key.pem'),
    NODE_ENV: 'production',
    RUN_MODE: 'api',
    LOG_LEVEL: 'log',
    PORT: String(port),
  });
  const t0 = performance.now();
  const server = spawnServer(env);
  return timeStart(server, t0, async () => {
    try {
      const health = await server.http.get('/api/v1/health').timeout(1_000);
      return health.status === 200;
    } catch {
      return false;
    }
  });
}

// Every worker start against one Redis namespace, as a deployment restarts against the same Redis.
const WORKER_QUEUE_PREFIX = `bench-startup-${process.pid}`;

async function startWorker(dataDir: string): Promise<Started & { recorded: string }> {
  const env = serverEnv({
    QUEUE_PREFIX: WORKER_QUEUE_PREFIX,
    DATA_DIR: dataDir,
    AUDIT_KEY_FILE: join(dataDir, 'audit-key.pem'),
    NODE_ENV: 'production',
    RUN_MODE: 'worker',
    LOG_LEVEL: 'log',
  });
  const t0 = performance.now();
  const server = spawnServer(env, WORKER_JS);
  const started = await timeStart(server, t0, async () => server.stdout().includes('Worker started'));
  const recorded = /Reconcile recorded (\d+) alert/.exec(server.stdout())?.[1] ?? '0';
  const conflicts = (server.stdout() + server.stderr()).match(/could not record/g)?.length ?? 0;
  const armed = /(\d+) armed again/.exec(server.stdout())?.[1] ?? '?';
  return {
    ...started,
    recorded: `${recorded} missed alert(s) recorded, ${conflicts} not recorded; ${armed} measures' jobs sent to Redis`,
  };
}

function line(label: string, s: Started, target: string): void {
  console.log(
    `${label.padEnd(30)} ${seconds(s.ms).padStart(8)}   RSS ${fmt(s.rss).padStart(5)} MB (peak ${fmt(s.peak)} MB)   ` +
      `applied at start ${s.appliedAtStart.padStart(9)} in ${seconds(s.foldMs)}   ${target}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const eventsFile = join(dir, 'events.sqlite');
  try {
    console.log(`History: ${fmt(CAMPAIGNS)} campaigns × 10 problems × 10 measures, in ${dir}`);
    const t0 = performance.now();
    const total = await writeHistory(eventsFile, {
      campaigns: CAMPAIGNS,
      problemsPerCampaign: 10,
      measuresPerProblem: 10,
    });
    console.log(
      `generated ${fmt(total)} events in ${seconds(performance.now() - t0)} (${fmt(statSync(eventsFile).size / 1024 / 1024)} MB on disk)`,
    );
    writeAuditKey(dir);
    const raw = rawReadAndParse(eventsFile, CATCH_UP_BATCH);
    const rawMs = raw.seconds * 1000;
    console.log(
      `raw read-and-parse (baseline)  ${seconds(rawMs).padStart(8)}   ${fmt(raw.events / raw.seconds)} events/s`,
    );

    const apiFirst = await startApi(dir);
    line(
      'API first start',
      apiFirst,
      `read models' ratio to raw ${(apiFirst.foldMs / rawMs).toFixed(2)}× (target ≤ 2×)`,
    );
    const apiSecond = await startApi(dir);
    line('API second start', apiSecond, '(targets ≤ 3 s, RSS ≤ 600 MB, applied ≈ 0)');

    const workerFirst = await startWorker(dir);
    line(
      'worker first start',
      workerFirst,
      `read models' ratio to raw ${(workerFirst.foldMs / rawMs).toFixed(2)}× (target ≤ 2×)`,
    );
    console.log(`${''.padEnd(30)} ${workerFirst.recorded}   (target: all recorded, none lost)`);
    // The first sweep waited for its read models to reach the alerts it recorded and issued their
    // 督办单 before marking: the second start has nothing to fold or sweep; so has the third.
    const workerSecond = await startWorker(dir);
    line('worker second start', workerSecond, '(targets ≤ 5 s, RSS ≤ 400 MB, applied ≈ 0)');
    console.log(`${''.padEnd(30)} ${workerSecond.recorded}   (target: 0, the first start recorded them)`);
    const workerThird = await startWorker(dir);
    line('worker third start', workerThird, '(the same, once more)');
    console.log(`${''.padEnd(30)} ${workerThird.recorded}   (a restart: jobs of unchanged measures stand)`);
  } finally {
    await killAllServers();
    await removeRedisKeys(WORKER_QUEUE_PREFIX);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
