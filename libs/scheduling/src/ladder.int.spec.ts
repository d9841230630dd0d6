import { addDays, Actor, MeasureCommand, measureDecider, streams } from '@tracker/domain';
import { CourtCalendar, EventSourcedWriter } from '@tracker/command-path';
import { SqliteEventStore } from '@tracker/event-store';
import {
  alertEvents,
  assignedOnOf,
  FOUR_STEP_LADDER,
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

// Against the real Redis on REDIS_URL (default 127.0.0.1:6379), each run under its own queue prefix.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('a court ladder of four steps (30 % left, 15 % left, overdue, 告诫 three days later)', () => {
  const DAY_MS = 200;
  const clock = scaledClock(DAY_MS);
  let worker: WorkerApp;

  beforeAll(async () => {
    worker = await startWorkerApp(clock, workerConfig(REDIS_URL, { ladder: FOUR_STEP_LADDER }));
  });
  afterAll(() => worker?.close());

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
  const stepsOf = async (measureId: string) =>
    (await alertEvents(worker.store)).filter((e) => e.data.measureId === measureId);
  const idsOf = async (measureId: string) => (await stepsOf(measureId)).map((e) => e.data.alertId);

  it('a measure passes every step once, in order, each recorded in its stream with its recipients, and the notice steps issue their notices', async () => {
    // Due in 20 court days: 30 % left on day 14, 15 % on day 17, overdue on day 21, 告诫 on day 24.
    const [id] = await seedMeasures(worker.store, clock, [20]);
    const assignedOn = await assignedOnOf(worker.store, id);
    await waitFor(
      async () => (await idsOf(id)).includes('v1-deadline-warning'),
      15_000,
      async () => String(await idsOf(id)),
    );
    await sleep(600); // a late duplicate would show up here
    const steps = await stepsOf(id);
    expect(steps.map((e) => [e.type, e.data.alertId, e.data.stepName, e.data.recipients])).toEqual([
      ['Reminded', 'v1-deadline-left30', '剩余30%提醒', ['department_head']],
      ['DueSoonWarned', 'v1-deadline-left15', '黄色预警', ['department_head', 'responsible_leader']],
      ['OverdueFlagged', 'v1-deadline-overdue', '逾期督办', ['department_head', 'responsible_leader']],
      ['Escalated', 'v1-deadline-warning', '告诫', ['responsible_leader', 'secretary', 'inspectors']],
    ]);
    // Each at the midnight starting the day it is reached, never before.
    const due = addDays(assignedOn, 20);
    expect(steps.map((e) => e.data.dueDate)).toEqual([due, due, due, due]);
    for (const e of steps)
      expect(Date.parse(e.metadata.recordedAt)).toBeGreaterThanOrEqual(Date.parse(e.data.dueAt));
    expect(steps.map((e) => e.data.dueAt)).toEqual([...steps.map((e) => e.data.dueAt)].sort());

    const notices = (
      await (worker.store as SqliteEventStore).readAll({
        maxCount: 100_000,
        filter: { eventTypes: ['NoticeIssued'] },
      })
    )
      .map((e) => e.data as { title: string; alertId: string; measure: { measureId: string } })
      .filter((n) => n.measure.measureId === id);
    expect(notices.map((n) => [n.alertId, n.title])).toEqual([
      ['v1-deadline-overdue', '督办通知书'],
      ['v1-deadline-warning', '告诫书'],
    ]);
  }, 30_000);

  it('an extension approved mid-way moves the later steps; a sign-off stops them', async () => {
    // Due in 10 days: 30 % left on day 7. Then extended to day 30: 15 % left of 30 days is day 26.
    const [id] = await seedMeasures(worker.store, clock, [10]);
    const assignedOn = await assignedOnOf(worker.store, id);
    await waitFor(
      async () => (await idsOf(id)).includes('v1-deadline-left30'),
      10_000,
      async () => String(await idsOf(id)),
    );
    await act(id, HEAD, {
      type: 'RequestExtension',
      data: { requestId: 'r-1', newDueDate: addDays(assignedOn, 30), reason: '需协调市级部门' },
    });
    await act(id, LEADER, { type: 'ApproveExtension', data: { requestId: 'r-1', opinion: null } });
    await waitFor(
      async () => (await idsOf(id)).includes('v2-deadline-left15'),
      15_000,
      async () => String(await idsOf(id)),
    );
    const left15 = (await stepsOf(id)).find((e) => e.data.alertId === 'v2-deadline-left15');
    expect(left15?.data.dueDate).toBe(addDays(assignedOn, 30));
    // 15 % of the new 30 days is 4.5: reached once no more than 4 days are left, on day 26.
    const day26 = worker.app.get(CourtCalendar).instantAt(addDays(assignedOn, 26), 0);
    expect(left15?.data.dueAt).toBe(day26.toISOString());

    await act(id, HEAD, { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } });
    await act(id, LEADER, { type: 'SignOff', data: { opinion: null } });
    await sleep(10 * DAY_MS); // past the new due day and the day after it: nothing more
    expect(await idsOf(id)).toEqual(['v1-deadline-left30', 'v2-deadline-left30', 'v2-deadline-left15']);
  }, 30_000);
});
