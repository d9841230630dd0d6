import { decodeEvent, defaultLadder, readLight, totalsOf, TrackerEvent } from '@tracker/domain';
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
  progress,
  signedOff,
  submitted,
} from '../testing/court.fixtures';
import { recordAll } from '../testing/projection-spec';
import { BOARD_GROUPINGS, BoardQuery } from './board.query';

const ladder = defaultLadder(3, 7);
const today = '2026-03-20';

/** Two problems whose measures' departments and leaders interleave, one cancelled, one signed off, one overdue. */
function court() {
  const measures = new MeasuresProjection('Asia/Shanghai');
  const board = new BoardProjection(measures);
  const events: TrackerEvent[] = [launched('c1'), problem('p1', 1), problem('p2', 2)];
  const departments = ['d-a', 'd-b', 'd-c'];
  for (let i = 1; i <= 7; i += 1) {
    const problemId = i <= 4 ? 'p1' : 'p2';
    events.push(added(`m${i}`, problemId, `${i}`));
    events.push(
      assigned(`m${i}`, problemId, {
        number: `${i}`,
        departmentId: departments[i % 3],
        responsibleLeaderId: `u-leader-${i % 2}`,
        dueDate: i === 2 ? '2026-03-10' : '2026-03-31',
      }),
    );
  }
  events.push(cancelled('m3'), signedOff('m5', '2026-03-15'));
  const apply = (more: TrackerEvent[]) => {
    for (const recorded of recordAll(more)) {
      const event = decodeEvent(recorded);
      if (!event) continue;
      measures.apply(event, recorded);
      board.apply(event, recorded);
    }
  };
  apply(events);
  const settings = new ReportSettings(3, ladder);
  const directory = new DirectoryView();
  return {
    query: new BoardQuery(board, measures, directory, settings),
    /** A query that has laid out nothing yet: what a fresh process answers. */
    fresh: () => new BoardQuery(board, measures, directory, settings),
    measures,
    apply,
  };
}

describe('BoardQuery, court-wide', () => {
  const day = { today, until: null };

  it.each(BOARD_GROUPINGS)(
    'grouped by %s, read in pages of 2: the pages hold the whole board’s rows in its order, each group with its totals over all its rows',
    async (groupBy) => {
      const { query } = court();
      const whole = await query.run({ groupBy, day });
      const rows = (b: typeof whole) => b.groups.flatMap((g) => g.measures.map((m) => [g.key, m.id]));
      const pages = [];
      for (let number = 1; number <= whole.page.measures / 2 + 1; number += 1)
        pages.push(await query.run({ groupBy, day, page: { number, size: 2 } }));
      expect(pages.flatMap(rows)).toEqual(rows(whole));
      const totalsOfGroup = new Map(whole.groups.map((g) => [g.key, g.totals]));
      for (const page of pages) {
        expect(page.totals).toEqual(whole.totals);
        expect(page.page).toMatchObject({ size: 2, measures: 6, pages: 3 });
        for (const g of page.groups) expect(g.totals).toEqual(totalsOfGroup.get(g.key));
      }
      // A group's rows are together, groups in the order of their first row.
      const keys = rows(whole).map(([key]) => key);
      expect(keys).toEqual([...new Set(keys)].flatMap((k) => keys.filter((key) => key === k)));
    },
  );

  it.each(BOARD_GROUPINGS)(
    'grouped by %s, a board asked for again after measures changed answers what a fresh query answers',
    async (groupBy) => {
      const { query, fresh, apply } = court();
      const pages = async (q: BoardQuery) =>
        Promise.all([1, 2, 3].map((number) => q.run({ groupBy, day, page: { number, size: 2 } })));
      await pages(query);
      // Lines change in place (progress, an extension off the overdue day, a sign-off): patched.
      apply([progress('m1', 60), extensionApproved('m2', '2026-03-10', '2026-04-30')]);
      apply([submitted('m4'), signedOff('m4', '2026-03-19')]);
      expect(await pages(query)).toEqual(await pages(fresh()));
      // A measure leaving the board and one changing group: laid out again.
      apply([
        cancelled('m6'),
        assigned('m7', 'p2', { number: '7', departmentId: 'd-a', responsibleLeaderId: 'u-leader-0' }),
      ]);
      expect(await pages(query)).toEqual(await pages(fresh()));
      // A measure joining the board.
      apply([
        added('m8', 'p1', '8'),
        assigned('m8', 'p1', { number: '8', departmentId: 'd-b', dueDate: '2026-03-21' }),
      ]);
      expect(await pages(query)).toEqual(await pages(fresh()));
    },
  );

  it('totals count every measure but the cancelled one, as totalsOf reads them', async () => {
    const { query, measures } = court();
    const whole = await query.run({ groupBy: 'department', day, page: { number: 1, size: 1 } });
    const lines = measures.linesOfCampaign('c1').filter((l) => l.status !== 'cancelled');
    expect(whole.totals).toEqual(
      totalsOf(lines.map((line) => ({ line, reading: readLight(line, today, ladder) }))),
    );
    expect(whole.totals).toMatchObject({ measures: 6, signedOff: 1, overdue: 1 });
  });
});
