import { addDays, CalendarDate, decodeEvent, defaultLadder, TrackerEvent } from '@tracker/domain';
import { EventStore, FeedEvent } from '@tracker/event-store';
import { replayUntil } from '../projections/as-of';
import { BoardProjection } from '../projections/board.projection';
import { DirectoryView } from '../projections/directory.view';
import { MeasuresProjection } from '../projections/measures.projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadModelStore } from '../projections/read-model-store';
import { ReportSettings } from '../projections/report-settings';
import { SummaryProjection } from '../projections/summary.projection';
import {
  added,
  assigned,
  cancelled,
  extensionApproved,
  extensionRequested,
  launched,
  outcome,
  problem,
  progress,
  reopened,
  returned,
  signedOff,
  submitted,
} from '../testing/court.fixtures';
import { Given, projectionSpec, recordAll } from '../testing/projection-spec';
import { BOARD_GROUPINGS, BoardQuery } from './board.query';
import { SummaryQuery } from './summary.query';

/**
 * An `asOf` board or summary is read from the projections' dated records (the measure model's
 * history, the day each campaign and problem appeared). It must say exactly what replaying the
 * events recorded before the end of that court day says (`replayUntil`, the reference).
 */
const TZ = 'Asia/Shanghai';
const settings = new ReportSettings(3, defaultLadder(3, 7));
const directory = new DirectoryView();

/** At a court-local time (UTC+8) on a day. */
const at = (day: CalendarDate, time: string, event: TrackerEvent): Given => ({
  event,
  recordedAt: new Date(`${day}T${time}:00+08:00`).toISOString(),
});

const history: Given[] = [
  at('2026-03-02', '09:00', launched('c1', '2026-03-02')),
  at('2026-03-02', '09:01', problem('p1', 1)),
  at('2026-03-02', '09:02', problem('p2', 2)),
  at('2026-03-02', '09:03', added('m1', 'p1', '1.1')),
  at('2026-03-02', '09:04', assigned('m1', 'p1', { number: '1.1', dueDate: '2026-03-20' })),
  at('2026-03-02', '09:05', added('m2', 'p1', '1.2')),
  at('2026-03-02', '09:06', assigned('m2', 'p1', { number: '1.2', dueDate: '2026-03-06' })),
  at('2026-03-02', '09:07', added('m3', 'p2', '2.1')),
  at(
    '2026-03-02',
    '09:08',
    assigned('m3', 'p2', {
      number: '2.1',
      dueDate: '2026-03-31',
      milestones: [{ milestoneId: 'm3-ms1', title: '阶段目标', dueDate: '2026-03-05' }],
      departmentId: 'd-civil',
    }),
  ),
  at('2026-03-02', '09:09', added('m4', 'p2', '2.2')),
  at(
    '2026-03-02',
    '09:10',
    assigned('m4', 'p2', {
      number: '2.2',
      kind: 'long_term',
      dueDate: null,
      reportEveryDays: 7,
      responsibleLeaderId: 'u-leader-2',
    }),
  ),
  at('2026-03-03', '10:00', progress('m1', 30, '2026-03-03')),
  at('2026-03-03', '10:30', progress('m2', 50, '2026-03-03')),
  at('2026-03-03', '17:00', progress('m2', 60, '2026-03-03')),
  // Just before and just after midnight: the request is on the 5th, the approval on the 6th.
  at('2026-03-05', '23:30', extensionRequested('m2', '2026-03-06', '2026-03-16')),
  at('2026-03-06', '00:30', extensionApproved('m2', '2026-03-06', '2026-03-16')),
  at('2026-03-07', '10:00', submitted('m1')),
  at('2026-03-07', '11:00', progress('m3', 20, '2026-03-07')),
  at('2026-03-08', '09:00', signedOff('m1', '2026-03-08')),
  at('2026-03-08', '09:30', problem('p3', 3)),
  at('2026-03-08', '09:31', added('m5', 'p3', '3.1')),
  at('2026-03-08', '09:32', assigned('m5', 'p3', { number: '3.1', dueDate: '2026-03-15' })),
  at('2026-03-09', '15:00', cancelled('m3')),
  at('2026-03-10', '09:00', launched('c2', '2026-03-10')),
  at('2026-03-10', '09:01', problem('q1', 1, 'c2')),
  at('2026-03-10', '09:02', added('n1', 'q1', '1.1', 'c2')),
  at('2026-03-10', '09:03', assigned('n1', 'q1', { number: '1.1', campaignId: 'c2', dueDate: '2026-03-12' })),
  at('2026-03-12', '09:00', reopened('m1', '2026-03-25')),
  at('2026-03-12', '10:00', submitted('m5')),
  at('2026-03-12', '16:00', returned('m5')),
  at('2026-03-14', '09:00', outcome('m1')),
  at('2026-03-14', '10:00', progress('n1', 40, '2026-03-14')),
  at('2026-03-14', '11:00', progress('m4', 10, '2026-03-14')),
];

const DAYS: CalendarDate[] = [
  '2026-03-01',
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-07',
  '2026-03-08',
  '2026-03-09',
  '2026-03-10',
  '2026-03-11',
  '2026-03-12',
  '2026-03-13',
  '2026-03-14',
  '2026-03-20',
  '2026-04-30',
];

const recorded = recordAll(history);

/** The event store replayUntil reads: the recorded feed, and each stream of it. */
const store = {
  readAll: async ({ after, maxCount }: { after?: bigint; maxCount: number }) =>
    recorded.filter((e) => after === undefined || e.position > after).slice(0, maxCount),
  readStream: async (name: string) => recorded.filter((e) => e.streamName === name),
} as unknown as EventStore;

const endOf = (day: CalendarDate) => new Date(`${addDays(day, 1)}T00:00:00+08:00`);

/** The reference: fresh projections replayed up to the end of the day, read as the current state on that day. */
async function replayed(day: CalendarDate, campaignIds?: string[]) {
  const measures = new MeasuresProjection(TZ);
  const board = new BoardProjection(measures);
  const summary = new SummaryProjection(measures);
  await replayUntil(store, [measures, board, summary], endOf(day), campaignIds);
  return {
    board: new BoardQuery(board, measures, directory, settings),
    summary: new SummaryQuery(summary, settings),
    lines: [...measures.lines.values()],
    launched: (campaignId: string) => board.campaigns.has(campaignId),
  };
}

type Fast = { board: BoardQuery; summary: SummaryQuery; measures: MeasuresProjection };

/** The projections as the API runs them: folded by the runner, saved, and read back after a restart. */
async function restarted(): Promise<Fast> {
  const [measures, board, summary] = await projectionSpec(() => {
    const m = new MeasuresProjection(TZ, { history: true });
    return [m, new BoardProjection(m), new SummaryProjection(m)];
  }).given(history);
  return {
    board: new BoardQuery(board, measures, directory, settings),
    summary: new SummaryQuery(summary, settings),
    measures,
  };
}

/** What a runner reads of the recorded feed, up to `end.last` (which may move on). */
const feedUpTo = (end: { last: number }) => ({
  readFeed: async ({ after = 0n, maxCount }: { after?: bigint; maxCount?: number } = {}) =>
    recorded.filter((e) => e.position > after && e.position <= end.last).slice(0, maxCount),
  eventAt: async (position: bigint) => recorded.find((e) => e.position === position),
});

/**
 * As an API restarted in the middle of the history: the first `saved` events saved by one
 * process, the rest folded by the next, whose history digests are then read back from the file
 * (two keys at a time), the rows recorded since its start already in memory. With `sliceAt`, the
 * next process reads one slice of digests back after folding that many events, then folds the
 * rest, then reads the rest back.
 */
async function restartedMidway(saved: number, sliceAt?: number): Promise<Fast> {
  const file = new ReadModelStore(':memory:');
  const make = () => {
    const m = new MeasuresProjection(TZ, { history: true });
    return [m, new BoardProjection(m), new SummaryProjection(m)] as const;
  };
  const before = new ProjectionRunner(feedUpTo({ last: saved }), file, [...make()]);
  await before.catchUp();
  before.stop();
  const [measures, board, summary] = make();
  const end = { last: sliceAt ?? recorded.length };
  const after = new ProjectionRunner(feedUpTo(end), file, [measures, board, summary]);
  await after.open();
  await after.catchUp();
  const days = measures.days as NonNullable<MeasuresProjection['days']>;
  expect(days.hasAllDigests).toBe(false);
  if (sliceAt !== undefined) {
    expect(days.readSome(1)).toBe(false);
    end.last = recorded.length;
    await after.catchUp();
  }
  while (!days.readSome(2));
  expect(days.hasAllDigests).toBe(true);
  return {
    board: new BoardQuery(board, measures, directory, settings),
    summary: new SummaryQuery(summary, settings),
    measures,
  };
}

/** The same projections folded in memory only: every history row still unsaved. */
function unsaved(): Fast {
  const measures = new MeasuresProjection(TZ, { history: true });
  const board = new BoardProjection(measures);
  const summary = new SummaryProjection(measures);
  for (const e of recorded) {
    const event = decodeEvent(e as FeedEvent);
    if (event) for (const p of [measures, board, summary]) p.apply(event, e);
  }
  return {
    board: new BoardQuery(board, measures, directory, settings),
    summary: new SummaryQuery(summary, settings),
    measures,
  };
}

describe('asOf board and summary from the dated history', () => {
  let fastPaths: [string, Fast][];
  beforeAll(async () => {
    fastPaths = [
      ['saved and restarted', await restarted()],
      ['unsaved', unsaved()],
      // The digests read back after the rows of every day since were recorded, and in between.
      ['restarted at the end, digests read back', await restartedMidway(recorded.length)],
      ['restarted midway, digests read back', await restartedMidway(Math.floor(recorded.length / 2))],
      ['restarted on the first day, digests read back', await restartedMidway(12)],
      // m2 reported at 10:30 (saved) and again at 17:00 the same day (folded after the restart).
      ['restarted between two changes of one day, digests read back', await restartedMidway(13)],
      ['restarted, digests read back in part, more events, then the rest', await restartedMidway(13, 24)],
    ];
  });

  it.each(DAYS)('court-wide board on %s equals the replay, in every grouping and on a page', async (day) => {
    const reference = await replayed(day);
    for (const [, fast] of fastPaths) {
      for (const groupBy of BOARD_GROUPINGS) {
        for (const page of [undefined, { number: 2, size: 2 }]) {
          const request = { groupBy, page };
          const expected = await reference.board.run({ ...request, day: { today: day, until: null } });
          const actual = await fast.board.run({ ...request, day: { today: day, until: endOf(day) } });
          expect({ ...actual, asOf: null }).toEqual(expected);
          expect(actual.asOf).toBe(day);
        }
      }
    }
  });

  it.each(DAYS)('campaign boards and summaries on %s equal the replay of their streams', async (day) => {
    for (const campaignId of ['c1', 'c2']) {
      const reference = await replayed(day, [campaignId]);
      for (const [, fast] of fastPaths) {
        const asOf = { today: day, until: endOf(day) };
        const board = await fast.board.run({ campaignIds: [campaignId], groupBy: 'problem', day: asOf });
        const summary = await fast.summary.run(campaignId, asOf);
        if (!reference.launched(campaignId)) {
          // Launched after the day: named, with nothing on it yet.
          expect(board.campaigns).toEqual([{ id: campaignId, title: `${campaignId} 巡视反馈问题整改` }]);
          expect([board.totals.measures, board.groups, summary.problems, summary.measures]).toEqual([
            0,
            [],
            0,
            0,
          ]);
          continue;
        }
        const current = { today: day, until: null };
        expect({ ...board, asOf: null }).toEqual(
          await reference.board.run({ campaignIds: [campaignId], groupBy: 'problem', day: current }),
        );
        expect({ ...summary, asOf: null }).toEqual(await reference.summary.run(campaignId, current));
      }
    }
  });

  it.each(DAYS)(
    'every line on %s (what a bulletin of a period ending that day reads) equals the replay, in its order',
    async (day) => {
      const reference = await replayed(day);
      for (const [, fast] of fastPaths) expect(fast.measures.asOf(day).lines()).toEqual(reference.lines);
    },
  );

  it('reads what the history says, not the current lines: m1 signed off on the 8th, reopened on the 12th', async () => {
    const [, fast] = fastPaths[0];
    const m1 = async (day: CalendarDate) => {
      const board = await fast.board.run({ groupBy: 'problem', day: { today: day, until: endOf(day) } });
      return board.groups.flatMap((g) => g.measures).find((m) => m.id === 'm1');
    };
    expect(await m1('2026-03-01')).toBeUndefined();
    expect((await m1('2026-03-07'))?.status).toBe('submitted');
    expect(await m1('2026-03-10')).toMatchObject({
      status: 'signed_off',
      light: 'green',
      dueDate: '2026-03-20',
    });
    expect(await m1('2026-03-12')).toMatchObject({
      status: 'in_progress',
      reopened: true,
      dueDate: '2026-03-25',
    });
  });

  it('dates an event by the court day it was recorded on: the extension approved after midnight counts from the 6th', async () => {
    const [, fast] = fastPaths[0];
    const m2 = async (day: CalendarDate) => {
      const board = await fast.board.run({ groupBy: 'problem', day: { today: day, until: endOf(day) } });
      return board.groups.flatMap((g) => g.measures).find((m) => m.id === 'm2');
    };
    expect(await m2('2026-03-05')).toMatchObject({
      dueDate: '2026-03-06',
      extensionsGranted: 0,
      percent: 60,
    });
    expect(await m2('2026-03-06')).toMatchObject({ dueDate: '2026-03-16', extensionsGranted: 1 });
  });
});
