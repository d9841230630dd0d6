// Scheduling throughput and firing lateness for 10,000 deadlines, beside a raw BullMQ baseline
// (plain delayed jobs, no-op processor) run against the same Redis in the same run.
// Run: npm run bench:scheduling  (REDIS_URL, BENCH_MEASURES to change the defaults)
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue, Worker } from 'bullmq';
import { SqliteEventStore } from '@tracker/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUES } from '@tracker/scheduling';
import {
  alertEvents,
  percentile,
  scaledClock,
  seedMeasures,
  sleep,
  startWorkerApp,
  workerConfig,
} from '../test/support/worker-harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_MEASURES ?? 10_000);
const DAY_MS = 500;
// Due 20 to 59 court days ahead: warnings from ~8.5 s after the start, the last overdue at ~30 s.
const daysAhead = Array.from({ length: N }, (_, i) => 20 + (i % 40));
const connection = { url: REDIS_URL, maxRetriesPerRequest: null };

/**
 * This process's CPU time and the machine's load over a phase: on a shared machine, a tracker
 * starved of CPU by other work is late for that reason, which the ratio alone does not show.
 */
function usage<T>(phase: () => Promise<T>): Promise<T & { cpu: string }> {
  const cpu = process.cpuUsage();
  const wall = Date.now();
  const load = loadavg()[0];
  return phase().then((result) => {
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    const elapsed = (Date.now() - wall) / 1_000;
    return {
      ...result,
      cpu: `${seconds.toFixed(1)} CPU s in ${elapsed.toFixed(1)} s; load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
    };
  });
}

const stats = (lateness: number[]) => {
  const sorted = [...lateness].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
};

/** Plain delayed jobs at the same instants (due soon and overdue per measure), processed by a no-op. */
async function baseline(): Promise<{ armedPerSecond: number; lateness: ReturnType<typeof stats> }> {
  const prefix = `bench-raw-${randomUUID().slice(0, 8)}`;
  const queue = new Queue('raw', { connection, prefix });
  const lateness: number[] = [];
  const worker = new Worker(
    'raw',
    async (job: Job<{ dueAt: number }>) => {
      lateness.push(Date.now() - job.data.dueAt);
    },
    { connection, prefix, concurrency: 64 },
  );
  const start = Date.now();
  const jobs = daysAhead.flatMap((days, i) =>
    [days - 3, days + 1].map((fireDay) => {
      const dueAt = start + fireDay * DAY_MS;
      return {
        name: 'deadline',
        data: { dueAt },
        opts: { jobId: `m${i}-${fireDay}`, delay: dueAt - Date.now(), removeOnComplete: true },
      };
    }),
  );
  for (let i = 0; i < jobs.length; i += 1_000) await queue.addBulk(jobs.slice(i, i + 1_000));
  const armedPerSecond = N / ((Date.now() - start) / 1_000);
  while (lateness.length < jobs.length) await sleep(200);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { armedPerSecond, lateness: stats(lateness) };
}

/**
 * The tracker: measures assigned in the store first (untimed), then the worker's start arms them
 * all (the reconcile path: plan each measure, add its jobs in bulk); firing records each alert
 * as an event through the writer.
 */
async function tracker(): Promise<{ armedPerSecond: number; lateness: ReturnType<typeof stats> }> {
  const clock = scaledClock(DAY_MS);
  const dataDir = mkdtempSync(join(tmpdir(), 'tracker-bench-'));
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  await seedMeasures(store, clock, daysAhead);
  await store.close();
  const worker = await startWorkerApp(clock, workerConfig(REDIS_URL), dataDir, { deferStart: true });
  try {
    const queue = worker.app.get<Queue>(getQueueToken(QUEUES.alerts));
    clock.start();
    const start = Date.now();
    await worker.runtime.start();
    const armedPerSecond = N / ((Date.now() - start) / 1_000);
    // Three jobs per measure: due soon, overdue, escalation (after the bench).
    console.log(`armed: ${await queue.getDelayedCount()} delayed jobs for ${N} measures`);
    // Read on as they are recorded: reading every alert again each time would hold this process
    // (the worker's) for longer and longer as they accumulate, which the baseline does not pay.
    const events = await alertEvents(worker.store);
    while (events.filter((e) => e.type !== 'Escalated').length < 2 * N) {
      await sleep(500);
      events.push(...(await alertEvents(worker.store, events[events.length - 1]?.position)));
    }
    const lateness = events
      .filter((e) => e.type !== 'Escalated')
      .map((e) => clock.real(Date.parse(e.metadata.recordedAt) - Date.parse(e.data.dueAt)));
    return { armedPerSecond, lateness: stats(lateness) };
  } finally {
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The embedded store's durable append rate (one fsync each), which bounds how fast alerts are recorded. */
async function storeAppends(count = 2_000): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tracker-bench-store-'));
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    await store.appendToStream(
      `bench-${i}`,
      [
        {
          eventId: randomUUID(),
          type: 'BenchEvent',
          schemaVersion: 1,
          data: { i },
          metadata: {
            actor: { userId: 'bench', role: 'system' },
            recordedAt: new Date().toISOString(),
            correlationId: 'bench',
            causationId: null,
            idempotencyKey: null,
            command: null,
          },
        },
      ],
      'no_stream',
    );
  }
  const perSecond = count / ((Date.now() - start) / 1_000);
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return perSecond;
}

async function main() {
  console.log(`Scheduling bench: ${N} measures, ${2 * N} alerts over ~20 s, Redis ${REDIS_URL}`);
  const appendsPerSecond = await storeAppends();
  const raw = await usage(baseline);
  const ours = await usage(tracker);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.table({
    'raw BullMQ (delayed jobs, no-op)': {
      'measures armed/s': Math.round(raw.armedPerSecond),
      'lateness p50': ms(raw.lateness.p50),
      'lateness p99': ms(raw.lateness.p99),
      'lateness max': ms(raw.lateness.max),
      'this process': raw.cpu,
    },
    'tracker (store → projection → jobs → events)': {
      'measures armed/s': Math.round(ours.armedPerSecond),
      'lateness p50': ms(ours.lateness.p50),
      'lateness p99': ms(ours.lateness.p99),
      'lateness max': ms(ours.lateness.max),
      'this process': ours.cpu,
    },
  });
  console.log(
    `embedded store: ${Math.round(appendsPerSecond)} durable appends/s; the tracker records one append per alert ` +
      `(${2 * N} alerts in ~20 s need ${Math.round((2 * N) / 20)}/s on average, in bursts at each court midnight)`,
  );
  console.log(
    `ratio tracker/raw: arming ${(ours.armedPerSecond / raw.armedPerSecond).toFixed(2)}x, ` +
      `lateness p50 ${(ours.lateness.p50 / Math.max(1, raw.lateness.p50)).toFixed(1)}x, p99 ${(ours.lateness.p99 / Math.max(1, raw.lateness.p99)).toFixed(1)}x`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
