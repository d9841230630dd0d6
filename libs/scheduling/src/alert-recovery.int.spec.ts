import { SqliteEventStore } from '@tracker/event-store';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../test/support/server-process';
import {
  alertEvents,
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
// Due 5 to 24 court days ahead: the alerts fall between ~0.6 s and ~7.5 s.
const DAYS_AHEAD = Array.from({ length: N }, (_, i) => 5 + (i % 20));

/** Every measure has exactly one due-soon and one overdue event: none missing, none twice. */
async function expectExactlyOnce(store: SqliteEventStore, ids: string[]) {
  const events = await alertEvents(store);
  for (const type of ['DueSoonWarned', 'OverdueFlagged']) {
    const perMeasure = new Map<string, number>();
    for (const e of events.filter((x) => x.type === type)) {
      perMeasure.set(e.data.measureId, (perMeasure.get(e.data.measureId) ?? 0) + 1);
    }
    expect({ type, wrong: ids.filter((id) => perMeasure.get(id) !== 1) }).toEqual({ type, wrong: [] });
  }
  // The overdue step issues a 督办单: one per measure. (An escalation, 30 court days on, issues another.)
  const notices = await overdueNotices(store);
  const perMeasure = new Map<string, number>();
  for (const n of notices)
    perMeasure.set(n.measure.measureId, (perMeasure.get(n.measure.measureId) ?? 0) + 1);
  expect({ notices: ids.filter((id) => perMeasure.get(id) !== 1) }).toEqual({ notices: [] });
  // Numbered in the year without a gap or a duplicate, whichever step issued them.
  const numbers = (await store.readAll({ maxCount: 10_000_000, filter: { eventTypes: ['NoticeIssued'] } }))
    .map((e) => (e.data as { number: number }).number)
    .sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
}

const overdueCount = async (store: SqliteEventStore) =>
  (await alertEvents(store)).filter((e) => e.type === 'OverdueFlagged').length;

/** Each overdue step issues its 督办单 after recording the alert, all into the year's one stream. */
const overdueNotices = async (store: SqliteEventStore) =>
  (await store.readAll({ maxCount: 10_000_000, filter: { eventTypes: ['NoticeIssued'] } }))
    .map((e) => e.data as { number: number; level: string; measure: { measureId: string } })
    .filter((n) => n.level === 'overdue');

describe('Redis loses everything mid-run (FLUSHALL)', () => {
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
    const worker = await startWorkerApp(clock, workerConfig(url));
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
        async () => (await overdueCount(worker.store as SqliteEventStore)) >= N,
        20_000,
        async () => `${await overdueCount(worker.store as SqliteEventStore)} overdue of ${N}`,
      );
      await sleep(1_000);
      await expectExactlyOnce(worker.store as SqliteEventStore, ids);
    } finally {
      await worker.close();
    }
  }, 40_000);
});

describe('the worker is killed mid-run (SIGKILL) and restarted', () => {
  it('no alert is missing and none is duplicated; SIGTERM then stops it cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tracker-kill-'));
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'), { pollIntervalMs: 20 });
    const clock = scaledClock(DAY_MS);
    clock.start();
    const env = {
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
    let child = await startChild();
    try {
      const ids = await seedMeasures(store, clock, DAYS_AHEAD);
      await sleep(2_500);
      child.kill('SIGKILL');
      await exit(child);
      await sleep(1_000); // deadlines pass while no worker runs
      child = await startChild();
      await waitFor(
        async () => (await overdueCount(store)) >= N,
        20_000,
        async () => `${await overdueCount(store)} overdue of ${N}`,
      );
      await waitFor(
        async () => (await overdueNotices(store)).length >= N,
        30_000,
        async () => `${(await overdueNotices(store)).length} notices of ${N}`,
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
