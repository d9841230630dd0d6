import {
  added,
  assigned,
  launched,
  problem,
  progress,
  signedOff,
  submitted,
} from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { BoardProjection } from './board.projection';
import { MeasuresProjection } from './measures.projection';

/** The board lays out the measure model's lines: both are folded from the same events. */
const spec = projectionSpec(() => {
  const measures = new MeasuresProjection('Asia/Shanghai');
  return [new BoardProjection(measures), measures];
});

describe('BoardProjection', () => {
  it('given a campaign, lays out its problems and their measure lines in the order recorded', async () => {
    const [board] = await spec.given([
      launched('c1'),
      problem('p1', 1),
      problem('p2', 2),
      added('m-12', 'p1', '1.2'),
      added('m-11', 'p1', '1.1'),
      assigned('m-12', 'p1', { number: '1.2' }),
      assigned('m-11', 'p1', { number: '1.1' }),
    ]);
    const campaign = board.campaigns.get('c1')!;
    expect(campaign).toEqual({
      id: 'c1',
      title: 'c1 巡视反馈问题整改',
      problemIds: ['p1', 'p2'],
      launchedOn: '2026-03-02',
    });
    const rows = board.linesOf(campaign);
    expect(rows.map((r) => [r.problem.number, r.lines.map((l) => l.number)])).toEqual([
      [1, ['1.2', '1.1']],
      [2, []],
    ]);
  });

  it("keeps each line's progress, sign-off and the court day it was assigned on (Asia/Shanghai)", async () => {
    const [board] = await spec.given([
      launched(),
      problem('p1', 1),
      added('m1', 'p1', '1.1'),
      // 17:30 UTC is already the next day in Beijing; the fixture's own assignedOn is left out.
      { event: assigned('m1', 'p1', { assignedOn: undefined }), recordedAt: '2026-03-02T17:30:00.000Z' },
      progress('m1', 40, '2026-03-06'),
      submitted('m1'),
      { event: signedOff('m1', '2026-03-20'), actor: { userId: 'u-secretary', role: 'leader' } },
    ]);
    const [{ lines }] = board.linesOf(board.campaigns.get('c1')!);
    expect(lines[0]).toMatchObject({
      assignedOn: '2026-03-03',
      status: 'signed_off',
      lastReportedOn: '2026-03-06',
      lastProgressNote: '完成40%',
      completionSummary: '制度已印发',
      signedOffOn: '2026-03-20',
      signedOffBy: 'u-secretary',
      onTime: true,
    });
  });

  it('shows no line for a measure that is numbered but not yet assigned', async () => {
    const [board] = await spec.given([launched(), problem('p1', 1), added('m1', 'p1', '1.1')]);
    expect(board.linesOf(board.campaigns.get('c1')!)[0].lines).toEqual([]);
  });
});
