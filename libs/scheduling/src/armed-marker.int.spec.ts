import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CourtCalendar } from '@tracker/command-path';
import { NewEvent, SqliteEventStore } from '@tracker/event-store';
import { ArmedMarker } from './armed-marker';
import { CourtAlertSettings } from './alert-settings';
import { CourtLookBackSettings } from './look-back-settings';
import { QUEUES } from './queues';

// Against the real Redis on REDIS_URL (default 127.0.0.1:6379), under a prefix of its own.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** An event of a measure's stream, recorded with this causation (a sweep's cause, a job's id). */
function event(type: string, causationId: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: { userId: 'system', role: 'system' },
      recordedAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId,
      idempotencyKey: null,
      command: null,
    },
  };
}

describe('ArmedMarker (what a start sweeps after a complete sweep in the same Redis)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let queue: Queue;
  let marker: ArmedMarker;
  const record = async (measureId: string, type: string, cause: string) =>
    (await store.appendToStream(`measure-${measureId}`, [event(type, cause)], 'any')).position;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'armed-marker-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const url = new URL(REDIS_URL);
    queue = new Queue(QUEUES.alerts, {
      connection: { host: url.hostname, port: Number(url.port || 6379) },
      prefix: `armed-marker-${randomUUID()}`,
    });
    marker = new ArmedMarker(
      queue,
      store,
      { ladder: [] } as unknown as CourtAlertSettings,
      { months: [3, 6] } as unknown as CourtLookBackSettings,
      { timeZone: 'Asia/Shanghai' } as CourtCalendar,
    );
  });
  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with no sweep marked in this Redis, has every measure swept', async () => {
    const through = await record('m1', 'ProgressReported', 'u1');
    expect(await marker.since(through)).toBeNull();
  });

  it('leaves out the alerts the marked sweep recorded itself, up to where it vouched for their notices; keeps every other alert and every plan change', async () => {
    const armedAt = await record('m-before', 'ProgressReported', 'u1');
    // What the sweep recorded (cause 'start'), and a job that fired meanwhile.
    await record('m-swept', 'OverdueFlagged', 'start');
    await record('m-job', 'DueSoonWarned', 'job-17');
    const sweptTo = await record('m-swept-2', 'Reminded', 'start');
    // Recorded by the sweep after the position it vouched for (its read models had not reached it).
    await record('m-late', 'Escalated', 'start');
    await marker.mark(armedAt, { sweptTo, cause: 'start' });

    // After the mark: a plan change, a job's alert, and a later start sweep that died before marking.
    await record('m-changed', 'ExtensionApproved', 'u2');
    await record('m-job-2', 'OverdueFlagged', 'job-18');
    const through = await record('m-next-start', 'OverdueFlagged', 'start');

    const since = await marker.since(through);
    expect([...(since?.touched ?? [])].sort()).toEqual([
      'm-changed',
      'm-job',
      'm-job-2',
      'm-late',
      'm-next-start',
    ]);
    expect([...(since?.plansChanged ?? [])]).toEqual(['m-changed']);
  });

  it('given a marker it cannot read (another release, a hand edit), has every measure swept instead of failing the start', async () => {
    const through = await record('m1', 'ProgressReported', 'u1');
    const redis = await queue.getBackend().client;
    for (const stored of [
      'not json',
      '{"position":"x","plan":"p"}',
      JSON.stringify({ position: '1' }),
      'null',
    ]) {
      await redis.set(queue.toKey('armed-through'), stored);
      expect(await marker.since(through)).toBeNull();
    }
  });

  it('after a sweep with other settings, has every measure swept', async () => {
    const through = await record('m1', 'ProgressReported', 'u1');
    await marker.mark(through, { sweptTo: through, cause: 'start' });
    expect(await marker.since(through)).toEqual({ plansChanged: new Set(), touched: new Set() });
    const otherLadder = new ArmedMarker(
      queue,
      store,
      { ladder: [{ id: 'v2' }] } as unknown as CourtAlertSettings,
      { months: [3, 6] } as unknown as CourtLookBackSettings,
      { timeZone: 'Asia/Shanghai' } as CourtCalendar,
    );
    expect(await otherLadder.since(through)).toBeNull();
  });
});
