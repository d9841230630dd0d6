import { SqliteEventStore } from '@tracker/event-store';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../test/support/server-process';
import {
  alertEvents,
  FOUR_STEP_LADDER,
  FOUR_STEP_LADDER_FILE,
  scaledClock,
  seedMeasures,
  sleep,
  startWorkerApp,
  waitFor,
  workerConfig,
} from '../../../test/support/worker-harness';
import { ReconcileService } from './reconcile.service';

const ROOT = resolve(__dirname, '..', '..', '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = 300;
const DAY_MS = 300;
// Due 5 to 24 court days ahead on the four-step ladder: the steps fall between ~0.3 s and ~8.7 s.
const DAYS_AHEAD = Array.from({ length: N }, (_, i) => 5 + (i % 20));
const STEPS = FOUR_STEP_LADDER.steps.map((s) => `v1-deadline-${s.id}`);

/** Every measure has passed every step exactly once, in the ladder's order: none missing, none twice. */
async function expectExactlyOnce(store: SqliteEventStore, ids: string[]) {
  const events = await alertEvents(store);
  const perMeasure = new Map<string, string[]>();
  for (const e of events)
    perMeasure.set(e.data.measureId, [...(perMeasure.get(e.data.measureId) ?? []), e.data.alertId]);
  const wrong = ids.filter((id) => JSON.stringify(perMeasure.get(id)) !== JSON.stringify(STEPS));
  expect({ wrong: wrong.map((id) => perMeasure.get(id)) }).toEqual({ wrong: [] });
  // The overdue and the warning steps each issue a notice: two per measure.
  const notices = await stepNotices(store);
  const titles = new Map<string, string[]>();
  for (const n of notices)
    titles.set(n.measure.measureId, [...(titles.get(n.measure.measureId) ?? []), n.title]);
  expect({
    notices: ids.filter((id) => JSON.stringify(titles.get(id)?.sort()) !== '["告诫书","督办通知书"]'),
  }).toEqual({ notices: [] });
  // Numbered in the year without a gap or a duplicate, whichever step issued them.
  const numbers = (await store.readAll({ maxCount: 10_000_000, filter: { eventTypes: ['NoticeIssued'] } }))
    .map((e) => (e.data as { number: number }).number)
    .sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
}

/** How many measures have reached the last step (告诫, three days overdue). */
const lastStepCount = async (store: SqliteEventStore) =>
  (await alertEvents(store)).filter((e) => e.type === 'Escalated').length;

/** Each notice step issues its notice after recording the step, all into the year's one stream. */
const stepNotices = async (store: SqliteEventStore) =>
  (await store.readAll({ maxCount: 10_000_000, filter: { eventTypes: ['NoticeIssued'] } })).map(
    (e) => e.data as { number: number; title: string; measure: { measureId: string } },
  );

describe('on a ladder of four steps, Redis loses everything mid-run (FLUSHALL)', () => {
  let redis: ChildProcess;
  let url: string;

  beforeAll(async () => {
    // A private redis-server: FLUSHALL must never touch the shared one.
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined);
    for (let i = 0; i < 50; i++) {
      try {
        await client.connect();
        break;
      } catch {
        await sleep(100);
      }
    }
    client.disconnect();
  });
  afterAll(() => {
    redis?.kill('SIGTERM');
  });

  it('the reconcile records the alerts that fell due meanwhile and re-arms the rest: none missing, none duplicated', async () => {
    const clock = scaledClock(DAY_MS);
    const worker = await startWorkerApp(clock, workerConfig(url, { ladder: FOUR_STEP_LADDER }));
    try {
      const ids = await seedMeasures(worker.store, clock, DAYS_AHEAD);
      await sleep(2_500);
      const client = new Redis(url);
      await client.flushall();
      client.disconnect();
      await sleep(1_000); // deadlines pass with no job left to fire
      const report = await worker.app.get(ReconcileService).reconcile('test');
      expect(report.recorded).toBeGreaterThan(0);
      await waitFor(
        async () => (await lastStepCount(worker.store as SqliteEventStore)) >= N,
        20_000,
        async () => `${await lastStepCount(worker.store as SqliteEventStore)} at the last step of ${N}`,
      );
      await waitFor(
        async () => (await stepNotices(worker.store as SqliteEventStore)).length >= 2 * N,
        20_000,
        async () => `${(await stepNotices(worker.store as SqliteEventStore)).length} notices of ${2 * N}`,
      );
      await sleep(1_000);
      await expectExactlyOnce(worker.store as SqliteEventStore, ids);
    } finally {
      await worker.close();
    }
  }, 40_000);
});

describe('on a ladder of four steps, the worker is killed mid-run (SIGKILL) and restarted', () => {
  it('no step is missing, none is duplicated, each in order; SIGTERM then stops it cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tracker-kill-'));
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'), { pollIntervalMs: 20 });
    const clock = scaledClock(DAY_MS);
    clock.start();
    const ladderFile = join(dataDir, 'ladder.json');
    writeFileSync(ladderFile, JSON.stringify(FOUR_STEP_LADDER_FILE));
    const env = {
      SUPERVISION_LADDER_FILE: ladderFile,
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      REDIS_URL,
      QUEUE_PREFIX: workerConfig(REDIS_URL).queuePrefix,
      CLOCK_ORIGIN: String(clock.origin.getTime()),
      CLOCK_SPEED: String(clock.speed),
      CLOCK_STARTED_AT: String(clock.startedAt),
    };
    const startChild = async () => {
      const child = spawn(
        process.execPath,
        ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'test/support/worker-child.ts')],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      child.stderr?.on('data', (d) => (out += d));
      await waitFor(
        async () => out.includes('worker ready') || child.exitCode !== null,
        30_000,
        async () => out,
      );
      if (child.exitCode !== null) throw new Error(`worker exited: ${out}`);
      return child;
    };
    const exit = (child: ChildProcess) =>
      new Promise<number | null>((done) =>
        child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code)),
      );
    // Seeded first: the first start's sweep arms them all and marks it complete, so the restart
    // sweeps only the measures it recorded alerts on; the jobs of the others stand in Redis and
    // record the steps that fell due while no worker ran.
    const ids = await seedMeasures(store, clock, DAYS_AHEAD);
    let child = await startChild();
    try {
      await sleep(2_500);
      child.kill('SIGKILL');
      await exit(child);
      await sleep(1_000); // deadlines pass while no worker runs
      child = await startChild();
      await waitFor(
        async () => (await lastStepCount(store)) >= N,
        20_000,
        async () => `${await lastStepCount(store)} at the last step of ${N}`,
      );
      await waitFor(
        async () => (await stepNotices(store)).length >= 2 * N,
        30_000,
        async () => `${(await stepNotices(store)).length} notices of ${2 * N}`,
      );
      await sleep(1_000);
      await expectExactlyOnce(store, ids);
      child.kill('SIGTERM');
      expect(await exit(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await store.close();
      // The queues of this run: the children leave them for each other.
      const client = new Redis(REDIS_URL);
      const keys = await client.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await client.del(...keys);
      client.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
