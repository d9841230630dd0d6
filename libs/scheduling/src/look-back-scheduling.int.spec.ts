import {
  courtToday,
  HEAD,
  LEADER,
  scaledClock,
  seedMeasures,
  sleep,
  startWorkerApp,
  waitFor,
  WorkerApp,
  workerConfig,
} from '../../../test/support/worker-harness';
import {
  Actor,
  addMonths,
  LookBackDue,
  MeasureCommand,
  measureDecider,
  openLookBacks,
  streams,
} from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { EventSourcedWriter } from '@tracker/command-path';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { lookBackJobId, QUEUES } from './queues';
import { ReconcileService } from './reconcile.service';

// Against the real Redis on REDIS_URL (default 127.0.0.1:6379), each run under its own queue prefix.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * 回头看 with the court clock running fast: LOOK_BACK_MONTHS=3,6 (the test configuration), one court
 * day in 40 real ms, so the 3-month reminder falls ~3.7 s and the 6-month one ~7.4 s after sign-off.
 */
describe('look-back reminders at 3 and 6 months after sign-off', () => {
  const DAY_MS = 40;
  const clock = scaledClock(DAY_MS);
  let worker: WorkerApp;
  /** fired: both reminders; reviewed: a review after each; reopened: after the first; lost: its jobs lost with Redis. */
  let ids: { fired: string; reviewed: string; reopened: string; lost: string };

  async function act(measureId: string, actor: Actor, command: Omit<MeasureCommand, 'context'>) {
    await worker.app.get(EventSourcedWriter).write({
      streamName: streams.measure(measureId),
      decider: measureDecider,
      commandName: command.type,
      meta: { actor, idempotencyKey: null, correlationId: 'test', causationId: null },
      command: (context) => ({ ...command, context }) as MeasureCommand,
      result: () => undefined,
    });
  }
  const reminders = async (): Promise<RecordedEvent<LookBackDue['data']>[]> =>
    (await worker.store.readAll({
      maxCount: 1_000_000,
      filter: { eventTypes: ['LookBackDue'] },
    })) as RecordedEvent<LookBackDue['data']>[];
  const reviewIdsOf = async (measureId: string) =>
    (await reminders()).filter((e) => e.data.measureId === measureId).map((e) => e.data.reviewId);
  const waitForReminder = (measureId: string, reviewId: string) =>
    waitFor(
      async () => (await reviewIdsOf(measureId)).includes(reviewId),
      30_000,
      async () => `${measureId}: ${String(await reviewIdsOf(measureId))} on ${courtToday(clock)}`,
    );
  const stateOf = async (measureId: string) => {
    await worker.app
      .get(ReadModels)
      .catchUp((await worker.store.readAll({ maxCount: 1_000_000 })).at(-1)!.position);
    return worker.app.get(CatalogueView).measure(measureId)!.state;
  };
  const lookBackQueue = () => worker.app.get<Queue>(getQueueToken(QUEUES.lookBacks));

  beforeAll(async () => {
    worker = await startWorkerApp(clock, workerConfig(REDIS_URL));
    const [fired, reviewed, reopened, lost] = await seedMeasures(worker.store, clock, [10, 10, 10, 10]);
    ids = { fired, reviewed, reopened, lost };
    for (const id of Object.values(ids)) {
      await act(id, HEAD, { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } });
      await act(id, LEADER, { type: 'SignOff', data: { opinion: null } });
    }
    // The feed arms each signed-off measure's two jobs; then Redis loses those of one measure.
    await waitFor(
      async () => (await lookBackQueue().getJob(lookBackJobId(lost, 'v1-m6'))) !== undefined,
      10_000,
      async () => 'the look-back jobs were not armed',
    );
    for (const reviewId of ['v1-m3', 'v1-m6']) await lookBackQueue().remove(lookBackJobId(lost, reviewId));
  }, 60_000);
  afterAll(() => worker?.close());

  it('the 3-month reminder fires once for each signed-off measure with its jobs; the reconcile records the one whose job was lost', async () => {
    await waitForReminder(ids.fired, 'v1-m3');
    await waitForReminder(ids.reviewed, 'v1-m3');
    await waitForReminder(ids.reopened, 'v1-m3');
    const [first] = (await reminders()).filter((e) => e.data.measureId === ids.fired);
    const state = await stateOf(ids.fired);
    const signedOff = state.status === 'signed_off' ? state.signOff.signedOffOn : null;
    expect(signedOff).not.toBeNull();
    expect(first.data).toMatchObject({ months: 3, signedOffOn: signedOff, dueOn: addMonths(signedOff!, 3) });
    // Not before its day (court time).
    expect(Date.parse(first.metadata.recordedAt)).toBeGreaterThanOrEqual(Date.parse(first.data.dueAt));
    expect(first.metadata.actor.role).toBe('system');

    expect(await reviewIdsOf(ids.lost)).toEqual([]);
    const report = await worker.app.get(ReconcileService).reconcile('test');
    expect(report.lookBacksRecorded).toBe(1);
    expect(await reviewIdsOf(ids.lost)).toEqual(['v1-m3']);
    // A second sweep, and the jobs' redelivery, record nothing more.
    expect((await worker.app.get(ReconcileService).reconcile('test')).lookBacksRecorded).toBe(0);
    for (const id of Object.values(ids)) expect(await reviewIdsOf(id)).toEqual(['v1-m3']);
  }, 60_000);

  it('a review answers the open reminder; a reopening stops the later one', async () => {
    await act(ids.reviewed, LEADER, {
      type: 'ConfirmLookBack',
      data: { finding: '制度执行到位，未发现反弹' },
    });
    expect(openLookBacks(await stateOf(ids.reviewed))).toEqual([]);
    await act(ids.reopened, LEADER, {
      type: 'ReopenMeasure',
      data: { reason: '回头看发现反弹', newDueDate: null },
    });
  }, 30_000);

  it('the 6-month reminder fires once, for the reviewed measure too and for the one the reconcile re-armed; none for the reopened one', async () => {
    await waitForReminder(ids.fired, 'v1-m6');
    await waitForReminder(ids.reviewed, 'v1-m6');
    await waitForReminder(ids.lost, 'v1-m6');
    await sleep(1_000); // a late duplicate, or the reopened measure's reminder, would show up here
    expect(await reviewIdsOf(ids.fired)).toEqual(['v1-m3', 'v1-m6']);
    expect(await reviewIdsOf(ids.reviewed)).toEqual(['v1-m3', 'v1-m6']);
    expect(await reviewIdsOf(ids.lost)).toEqual(['v1-m3', 'v1-m6']);
    expect(await reviewIdsOf(ids.reopened)).toEqual(['v1-m3']);
    expect((await worker.app.get(ReconcileService).reconcile('test')).lookBacksRecorded).toBe(0);
  }, 60_000);

  it('once each reminder is reviewed nothing more is due, and no sweep records another', async () => {
    await act(ids.reviewed, LEADER, { type: 'ConfirmLookBack', data: { finding: '半年后再查，未反弹' } });
    const state = await stateOf(ids.reviewed);
    expect(openLookBacks(state)).toEqual([]);
    expect(openLookBacks(await stateOf(ids.fired)).map((r) => r.reviewId)).toEqual(['v1-m3', 'v1-m6']);
    await sleep(1_000);
    expect((await worker.app.get(ReconcileService).reconcile('test')).lookBacksRecorded).toBe(0);
    expect(await reviewIdsOf(ids.reviewed)).toEqual(['v1-m3', 'v1-m6']);
    expect(await lookBackQueue().getDelayed()).toEqual([]);
  }, 30_000);
});
