import { Actor, measureDecider, MeasureCommand } from '@tracker/domain';
import { EventStore, ReadStreamOptions, SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, CourtCalendar } from './clock';
import { CommandMeta } from './command-meta';
import { EventSourcedWriter } from './event-sourced-writer';
import { IdempotencyKeyReusedError, PreconditionFailedError } from './write-errors';

class FixedClock extends Clock {
  now = () => new Date('2026-11-20T02:00:00Z');
}

/** The store, counting the events each stream read returns (what a command had to fold). */
function counting(store: EventStore) {
  const reads: number[] = [];
  const spied = Object.create(store) as EventStore;
  spied.readStream = async (name: string, options?: ReadStreamOptions) => {
    const events = await store.readStream(name, options);
    reads.push(events.length);
    return events;
  };
  return { store: spied, reads };
}

/** The store, counting the events of each append. */
function countingAppends(store: EventStore) {
  const appends: number[] = [];
  const spied = Object.create(store) as EventStore;
  spied.appendToStream = (name, events, expected) => {
    appends.push(events.length);
    return store.appendToStream(name, events, expected);
  };
  return { store: spied, appends };
}

const HEAD: Actor = { userId: 'u-head', role: 'department_head', departmentId: 'd-1', secretary: false };
const LEADER: Actor = { userId: 'u-leader', role: 'leader', departmentId: null, secretary: false };
const meta = (over: Partial<CommandMeta> = {}): CommandMeta => ({
  actor: HEAD,
  idempotencyKey: null,
  correlationId: 'c-1',
  causationId: null,
  ...over,
});

describe('EventSourcedWriter (embedded store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const clock = new FixedClock();
  const calendar = new CourtCalendar(clock, 'Asia/Shanghai');
  const writerOn = (on: EventStore) => new EventSourcedWriter(on, clock, calendar);
  /** One command on measure m-1 through `writer`: the real measure decider, as the API runs it. */
  const act = (
    writer: EventSourcedWriter,
    command: Omit<MeasureCommand, 'context'>,
    over: Partial<CommandMeta> = {},
  ) =>
    writer.write({
      streamName: 'measure-m-1',
      decider: measureDecider,
      commandName: command.type,
      meta: meta(over),
      command: (context) => ({ ...command, context }) as MeasureCommand,
      result: (events) => events.length,
    });
  const progress = (percent: number) =>
    ({ type: 'ReportProgress', data: { note: `进展 ${percent}`, percent } }) as const;
  const assign = (writer: EventSourcedWriter) =>
    act(
      writer,
      {
        type: 'AssignMeasure',
        data: {
          measureId: 'm-1',
          campaignId: 'c-1',
          problemId: 'p-1',
          number: '1.1',
          content: '建立案件质效周通报制度',
          target: null,
          kind: 'deadline',
          responsibleLeaderId: LEADER.userId,
          departmentId: 'd-1',
          responsiblePerson: '王庭长',
          dueDate: '2026-12-31',
          reportEveryDays: null,
          milestones: [],
        },
        references: {
          departmentExists: () => true,
          departmentRetired: () => false,
          isLeader: (id: string) => id === LEADER.userId,
        },
      } as Omit<MeasureCommand, 'context'>,
      { actor: LEADER },
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds only what was recorded since its last command on a stream, however long the history', async () => {
    const { store: spied, reads } = counting(store);
    const writer = writerOn(spied);
    await assign(writer);
    for (let i = 0; i < 50; i++) await act(writer, progress(i));
    reads.length = 0;
    const outcome = await act(writer, progress(60));
    expect(outcome.revision).toBe(51n);
    // Its own events were folded when it appended them: it decides on them without reading.
    expect(reads).toEqual([]);
    // Another process appends: the append at the revision it knew is refused, and it reads that one event.
    await act(writerOn(spied), progress(70));
    reads.length = 0;
    const after = await act(writer, progress(80));
    expect([after.revision, reads]).toEqual([53n, [1]]);
    expect(after.state).toMatchObject({ percent: 80 });
  });

  it('sees what another process recorded in between, so its rules and If-Match hold', async () => {
    const mine = writerOn(store);
    const theirs = writerOn(store);
    await assign(mine);
    await act(mine, progress(50));
    await act(theirs, { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } });
    // Submitted elsewhere: no more progress reports, and the revision mine knew is stale.
    await expect(act(mine, progress(60))).rejects.toThrow();
    await expect(
      act(mine, { type: 'SignOff', data: { opinion: null } }, { actor: LEADER, expectedRevision: 1n }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const signed = await act(
      mine,
      { type: 'SignOff', data: { opinion: '同意' } },
      { actor: LEADER, expectedRevision: 2n },
    );
    expect(signed.state).toMatchObject({ status: 'signed_off' });
  });

  it('given a command its cached state refuses but another process made possible, decides again on what the store holds', async () => {
    const { store: spied, appends } = countingAppends(store);
    const mine = writerOn(spied);
    await assign(mine);
    await act(mine, progress(50));
    await act(writerOn(store), { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } });
    appends.length = 0;
    // Mine last folded it in progress, where a sign-off is refused; it has been submitted since.
    const signed = await act(mine, { type: 'SignOff', data: { opinion: '同意' } }, { actor: LEADER });
    expect(signed.state).toMatchObject({ status: 'signed_off' });
    expect(appends).toEqual([1]);
    expect((await store.readStream('measure-m-1')).map((e) => e.type)).toEqual([
      'MeasureAssigned',
      'ProgressReported',
      'CompletionSubmitted',
      'MeasureSignedOff',
    ]);
  });

  it('answers a retried key from the first attempt, in the same process or a fresh one', async () => {
    const first = writerOn(store);
    await assign(first);
    const once = await act(first, progress(10), { idempotencyKey: 'k-1' });
    await act(writerOn(store), progress(20));
    const again = await act(first, progress(10), { idempotencyKey: 'k-1', expectedRevision: 1n });
    const elsewhere = await act(writerOn(store), progress(10), { idempotencyKey: 'k-1' });
    for (const retry of [again, elsewhere]) expect(retry.position).toBe(once.position);
    expect((await store.readStream('measure-m-1')).map((e) => e.type)).toEqual([
      'MeasureAssigned',
      'ProgressReported',
      'ProgressReported',
    ]);
    await expect(act(first, progress(30), { idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('commands sharing an append are decided in turn, each on the state the ones before left, and recorded in one append under their own keys', async () => {
    const { store: spied, appends } = countingAppends(store);
    const writer = writerOn(spied);
    await assign(writer);
    appends.length = 0;
    const shared = (command: Omit<MeasureCommand, 'context'>, idempotencyKey: string) =>
      writer.write({
        streamName: 'measure-m-1',
        decider: measureDecider,
        commandName: command.type,
        meta: meta({ idempotencyKey }),
        command: (context) => ({ ...command, context }) as MeasureCommand,
        result: (events) => events.length,
        shareAppend: true,
      });
    const submit = { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } } as const;
    const outcomes = await Promise.allSettled([
      shared(progress(10), 'k-10'),
      // Cites a file the measure does not have: refused alone.
      shared({ ...progress(15), data: { ...progress(15).data, attachmentIds: ['a-none'] } }, 'k-bad'),
      shared(submit, 'k-submit'),
      // Decided after the submission: no more progress reports.
      shared(progress(20), 'k-20'),
      // The first command's retry: answered from it, not recorded twice.
      shared(progress(10), 'k-10'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(appends).toEqual([2]);
    const recorded = await store.readStream('measure-m-1');
    expect(recorded.map((e) => [e.type, e.metadata.idempotencyKey])).toEqual([
      ['MeasureAssigned', null],
      ['ProgressReported', 'k-10'],
      ['CompletionSubmitted', 'k-submit'],
    ]);
    // Each outcome names the state and revision after the whole append.
    const first = outcomes[0] as PromiseFulfilledResult<{ revision: bigint; state: { status: string } }>;
    expect([first.value.revision, first.value.state.status]).toEqual([2n, 'submitted']);
    // A retry elsewhere finds its key in the stream; the same key for another command is refused.
    const elsewhere = await act(writerOn(store), progress(10), { idempotencyKey: 'k-10' });
    expect(elsewhere.position).toBe(recorded[1].position);
    await expect(
      shared({ type: 'ReportProgress', data: { note: '另一条', percent: 11 } }, 'k-10'),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });
});
