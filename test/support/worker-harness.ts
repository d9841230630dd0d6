import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  addDays,
  CAMPAIGN_SOURCES,
  dateInZone,
  MeasureAssigned,
  SYSTEM_ACTOR,
  defaultLadder,
  AlertData,
} from '@tracker/domain';
import { EventStore, NewEvent, RecordedEvent, SqliteEventStore } from '@tracker/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src';
import { Clock, CourtCalendar } from '@tracker/command-path';
import { QUEUES } from '@tracker/scheduling';
import { WorkerRuntime } from '@tracker/scheduling';
import { loadWorkerConfig, WorkerConfig } from '@tracker/scheduling';
import { withWorker } from '@tracker/scheduling';
import { TEST_REDIS_URL, testConfig } from './test-app';

export const ZONE = 'Asia/Shanghai';

/**
 * A court clock running `speed` times faster than real time from `origin`, so deadlines days
 * apart fall milliseconds apart; BullMQ delays are the real milliseconds to wait. It stands
 * still at `origin` until started, so seeding many measures takes no court time.
 */
export class ScaledClock extends Clock {
  constructor(
    readonly origin: Date,
    readonly speed: number,
    /** Real instant at which the clock showed `origin`; processes sharing it share the clock. */
    private realStart: number | null = null,
  ) {
    super();
  }
  now(): Date {
    const elapsed = this.realStart === null ? 0 : (Date.now() - this.realStart) * this.speed;
    return new Date(this.origin.getTime() + elapsed);
  }
  start(): void {
    this.realStart ??= Date.now();
  }
  get startedAt(): number | null {
    return this.realStart;
  }
  override msUntil(instant: Date): number {
    return (instant.getTime() - this.now().getTime()) / this.speed;
  }
  /** Real milliseconds between two court instants. */
  real(ms: number): number {
    return ms / this.speed;
  }
}

/** One court day in `dayMs` real milliseconds, starting just after midnight of 2026-03-02 in Shanghai. */
export function scaledClock(dayMs: number): ScaledClock {
  const calendar = new CourtCalendar(new ScaledClock(new Date(0), 1), ZONE);
  return new ScaledClock(
    new Date(calendar.instantAt('2026-03-02', 0).getTime() + 60_000),
    86_400_000 / dayMs,
  );
}

export const courtToday = (clock: Clock) => dateInZone(clock.now(), ZONE);

export function workerConfig(redisUrl: string, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    ...loadWorkerConfig(
      {},
      { supervisionLadder: defaultLadder(3, 30), redisUrl: TEST_REDIS_URL, redisPrefix: 'tracker' },
    ),
    redisUrl,
    queuePrefix: `test-${randomUUID().slice(0, 8)}`,
    ...overrides,
  };
}

export interface WorkerApp {
  app: INestApplication;
  store: EventStore;
  runtime: WorkerRuntime;
  dataDir: string;
  close(): Promise<void>;
}

/** The API and the worker in one process (RUN_MODE=all) on a temporary embedded store. */
export async function startWorkerApp(
  clock: Clock,
  config: WorkerConfig,
  dataDir?: string,
  /** keepQueues: leave the queues to another process; deferStart: the caller starts the runtime (and clock). */
  options: { keepQueues?: boolean; deferStart?: boolean } = {},
): Promise<WorkerApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'tracker-worker-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
  // The API's read models read lights by the same ladder the worker plans alerts by.
  const { app } = await createApp(
    { config: testConfig(dir, { supervisionLadder: config.ladder }), store, clock },
    (m) => withWorker(m, config),
  );
  const runtime = app.get(WorkerRuntime);
  if (!options.deferStart) {
    if (clock instanceof ScaledClock) clock.start();
    await runtime.start();
  }
  return {
    app,
    store,
    runtime,
    dataDir: dir,
    async close() {
      await runtime.stop();
      // Leave nothing behind in the shared Redis (unless another process carries on with the queues).
      for (const name of options.keepQueues ? [] : Object.values(QUEUES)) {
        await app
          .get<Queue>(getQueueToken(name))
          .obliterate({ force: true })
          .catch(() => undefined);
      }
      await app.close();
      await store.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const meta = (recordedAt: string): NewEvent['metadata'] => ({
  actor: { userId: SYSTEM_ACTOR.userId, role: SYSTEM_ACTOR.role },
  recordedAt,
  correlationId: randomUUID(),
  causationId: null,
  idempotencyKey: null,
  command: null,
});
const event = (type: string, data: unknown, recordedAt: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: meta(recordedAt),
});

export const LEADER = { userId: 'u-leader', role: 'leader' as const, departmentId: null, secretary: false };
export const HEAD = {
  userId: 'u-head',
  role: 'department_head' as const,
  departmentId: 'd-civil',
  secretary: false,
};

/**
 * Measures written straight to the store, as assigning them through the API would record them:
 * a campaign with one problem, and each measure due `daysAhead[i]` days after today.
 */
export async function seedMeasures(store: EventStore, clock: Clock, daysAhead: number[]): Promise<string[]> {
  const today = courtToday(clock);
  const at = clock.now().toISOString();
  const campaignId = randomUUID();
  const problemId = randomUUID();
  const ids = daysAhead.map(() => randomUUID());
  await store.appendToStream(
    `campaign-${campaignId}`,
    [
      event(
        'CampaignLaunched',
        { campaignId, title: '专项整治', source: CAMPAIGN_SOURCES[0], issuedOn: today, description: null },
        at,
      ),
      event(
        'ProblemRecorded',
        {
          campaignId,
          problemId,
          number: 1,
          title: '案件久拖不结',
          description: null,
          category: null,
          rootCause: null,
          departmentIds: ['d-civil'],
        },
        at,
      ),
      ...ids.map((measureId, i) =>
        event('MeasureAdded', { campaignId, problemId, measureId, number: `1.${i + 1}` }, at),
      ),
    ],
    'no_stream',
  );
  for (const [i, measureId] of ids.entries()) {
    const data: MeasureAssigned['data'] = {
      measureId,
      campaignId,
      problemId,
      number: `1.${i + 1}`,
      content: '清理长期未结案件',
      target: null,
      kind: 'deadline',
      responsibleLeaderId: LEADER.userId,
      departmentId: HEAD.departmentId,
      responsiblePerson: '王庭长',
      dueDate: addDays(today, daysAhead[i]),
      reportEveryDays: null,
      milestones: [],
      deadlineVersion: 1,
      assignedOn: today,
    };
    await store.appendToStream(`measure-${measureId}`, [event('MeasureAssigned', data, at)], 'no_stream');
  }
  return ids;
}

/** The court day a seeded measure was assigned on: a scaled clock's day may have turned since seeding. */
export async function assignedOnOf(store: EventStore, measureId: string): Promise<string> {
  const [assigned] = await store.readStream(`measure-${measureId}`, { maxCount: 1 });
  const { assignedOn } = assigned.data as MeasureAssigned['data'];
  if (!assignedOn) throw new Error(`measure ${measureId} was seeded without assignedOn`);
  return assignedOn;
}

export { FOUR_STEP_LADDER, FOUR_STEP_LADDER_FILE } from '../../libs/domain/src/testing/ladders';

export const ALERT_TYPES = ['Reminded', 'DueSoonWarned', 'OverdueFlagged', 'Escalated'];

/** Every alert event in the store (after a position, if given). */
export async function alertEvents(store: EventStore, after?: bigint): Promise<RecordedEvent<AlertData>[]> {
  // Recorded by this release, at the current schema version: as the domain types them.
  return (await store.readAll({
    after,
    maxCount: 10_000_000,
    filter: { eventTypes: ALERT_TYPES },
  })) as RecordedEvent<AlertData>[];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds, polling; fails with `describe()` after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${await describe()}`);
    await sleep(100);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
