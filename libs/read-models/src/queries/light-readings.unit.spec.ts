import { decodeEvent, defaultLadder, MeasureLine, readLight, TrackerEvent } from '@tracker/domain';
import { BoardProjection } from '../projections/board.projection';
import { DirectoryView } from '../projections/directory.view';
import { MeasuresProjection } from '../projections/measures.projection';
import { ReportSettings } from '../projections/report-settings';
import {
  added,
  assigned,
  cancelled,
  extensionApproved,
  launched,
  problem,
  signedOff,
} from '../testing/court.fixtures';
import { recordAll } from '../testing/projection-spec';
import { BoardQuery } from './board.query';
import { LightReadings } from './light-readings';

const ladder = defaultLadder(3, 7);

/** Projections fed event by event, as the API feeds them live. */
function court() {
  const measures = new MeasuresProjection('Asia/Shanghai');
  const board = new BoardProjection(measures);
  let fed = 0;
  const feed = (events: TrackerEvent[]) => {
    for (const recorded of recordAll(events).map((e) => ({ ...e, position: BigInt((fed += 1)) }))) {
      const event = decodeEvent(recorded);
      if (!event) continue;
      measures.apply(event, recorded);
      board.apply(event, recorded);
    }
  };
  const query = new BoardQuery(board, measures, new DirectoryView(), new ReportSettings(3, ladder));
  const lightOf = async (today: string) => {
    const answer = await query.run({ groupBy: 'problem', day: { today, until: null } });
    return { light: answer.groups[0].measures[0].light, totals: answer.totals };
  };
  return { measures, feed, lightOf, query };
}

describe('LightReadings', () => {
  const line = (dueDate: string) =>
    ({
      status: 'assigned',
      dueDate,
      reportEveryDays: null,
      milestones: [],
      lastReportedOn: null,
      assignedOn: '2026-03-01',
    }) as unknown as MeasureLine;

  it('given a line read on a day, then reading it again that day gives the same reading, read once', () => {
    const readings = new LightReadings(ladder);
    const m1 = line('2026-03-10');
    const first = readings.read(m1, '2026-03-08');
    expect(first).toEqual(readLight(m1, '2026-03-08', ladder));
    expect(readings.read(m1, '2026-03-08')).toBe(first);
  });

  it('given a line read on a day, then the next day reads it afresh', () => {
    const readings = new LightReadings(ladder);
    const m1 = line('2026-03-10');
    expect(readings.read(m1, '2026-03-06').light).toBe('blue');
    expect(readings.read(m1, '2026-03-08').light).toBe('yellow');
    expect(readings.read(m1, '2026-03-11').light).toBe('red');
    // Days read earlier are still right when read again (as asOf reports read them).
    expect(readings.read(m1, '2026-03-06').light).toBe('blue');
  });

  it('given a line read, then its replacement (the line changed) is read afresh', () => {
    const readings = new LightReadings(ladder);
    const before = line('2026-03-10');
    expect(readings.read(before, '2026-03-11').light).toBe('red');
    const after = { ...before, dueDate: '2026-03-20' };
    expect(readings.read(after, '2026-03-11').light).toBe('blue');
  });
});

describe('BoardQuery reading lights through the cache', () => {
  const start = [
    launched('c1'),
    problem('p1', 1),
    added('m1', 'p1', '1.1'),
    assigned('m1', 'p1', { number: '1.1', dueDate: '2026-03-10' }),
  ];

  it('given a court-wide board read, when a live event changes the line on the same day, then the next read shows the new light and totals', async () => {
    const { feed, lightOf } = court();
    feed(start);
    expect(await lightOf('2026-03-11')).toMatchObject({ light: 'red', totals: { overdue: 1 } });
    feed([extensionApproved('m1', '2026-03-10', '2026-03-20')]);
    expect(await lightOf('2026-03-11')).toMatchObject({ light: 'blue', totals: { overdue: 0 } });
    feed([signedOff('m1', '2026-03-11')]);
    expect(await lightOf('2026-03-11')).toMatchObject({
      light: 'green',
      totals: { overdue: 0, signedOff: 1 },
    });
  });

  it('given a court-wide board read, when a measure is added, assigned or cancelled, then the next read of the same request shows it', async () => {
    const { feed, query } = court();
    feed(start);
    const read = async () => {
      const answer = await query.run({ groupBy: 'department', day: { today: '2026-03-11', until: null } });
      return {
        ids: answer.groups.flatMap((g) => g.measures.map((m) => m.id)),
        total: answer.totals.measures,
      };
    };
    expect(await read()).toEqual({ ids: ['m1'], total: 1 });
    feed([problem('p2', 2), added('m2', 'p2', '2.1')]);
    expect(await read()).toEqual({ ids: ['m1'], total: 1 });
    feed([assigned('m2', 'p2', { number: '2.1' })]);
    expect(await read()).toEqual({ ids: ['m1', 'm2'], total: 2 });
    feed([cancelled('m1')]);
    expect(await read()).toEqual({ ids: ['m2'], total: 1 });
  });

  it('given a board read today, when the day changes with no event, then the board reads the new day', async () => {
    const { feed, lightOf } = court();
    feed(start);
    expect((await lightOf('2026-03-05')).light).toBe('blue');
    expect((await lightOf('2026-03-08')).light).toBe('yellow');
    expect(await lightOf('2026-03-11')).toMatchObject({ light: 'red', totals: { overdue: 1, dueSoon: 0 } });
  });
});
