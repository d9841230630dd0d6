import { defaultLadder } from '../alerts/ladder';
import { bulletinFigures, BulletinMeasure } from './bulletin.figures';

const rules = { ladder: defaultLadder(3, 7) };
const m = (
  departmentId: string,
  status: BulletinMeasure['status'],
  dueDate: string | null,
  more: Partial<BulletinMeasure> = {},
): BulletinMeasure => ({
  departmentId,
  status,
  dueDate,
  reportEveryDays: null,
  milestones: [],
  lastReportedOn: null,
  assignedOn: '2025-01-02',
  ...more,
});

describe('督办通报 figures', () => {
  it('counts open, due soon, overdue and escalated per department and ranks by completion rate', () => {
    const lines = bulletinFigures(
      [
        m('d-civil', 'signed_off', '2025-06-01'),
        m('d-civil', 'in_progress', '2025-07-20'),
        m('d-criminal', 'in_progress', '2025-07-02'), // due soon
        m('d-criminal', 'assigned', '2025-06-28'), // overdue
        m('d-criminal', 'submitted', '2025-06-01'), // overdue and escalated
        m('d-criminal', 'in_progress', null, { reportEveryDays: 30, lastReportedOn: '2025-06-20' }), // 长期坚持, reported: open only
        m('d-criminal', 'in_progress', null, { reportEveryDays: 30, lastReportedOn: '2025-05-01' }), // 长期坚持, report missed: overdue, as on the board
        m('d-criminal', 'in_progress', '2025-09-30', {
          milestones: [{ milestoneId: 'ms-1', title: '完成自查', dueDate: '2025-06-15' }],
        }), // behind a milestone: due soon (yellow), as on the board
        m('d-criminal', 'cancelled', '2025-06-01'), // counts nowhere
      ],
      '2025-06-30',
      rules,
    );
    expect(lines).toEqual([
      {
        rank: 1,
        departmentId: 'd-civil',
        total: 2,
        open: 1,
        dueSoon: 0,
        overdue: 0,
        escalated: 0,
        signedOff: 1,
        completionRate: 50,
      },
      {
        rank: 2,
        departmentId: 'd-criminal',
        total: 6,
        open: 6,
        dueSoon: 2,
        overdue: 3,
        escalated: 1,
        signedOff: 0,
        completionRate: 0,
      },
    ]);
  });

  it('on equal completion rates the department with fewer overdue measures ranks higher', () => {
    const lines = bulletinFigures(
      [m('d-a', 'in_progress', '2025-06-01'), m('d-b', 'in_progress', '2025-12-01')],
      '2025-06-30',
      rules,
    );
    expect(lines.map((l) => l.departmentId)).toEqual(['d-b', 'd-a']);
  });
});

describe('督办通报 ranking (competition ranking)', () => {
  it('given two departments with equal figures, when ranked, then they share a rank and the next rank skips', () => {
    // given: d-a and d-b each have one of two measures signed off and none overdue; d-c has none signed off
    const measures = [
      m('d-b', 'signed_off', '2025-06-01'),
      m('d-b', 'in_progress', '2025-12-01'),
      m('d-a', 'signed_off', '2025-06-01'),
      m('d-a', 'in_progress', '2025-12-01'),
      m('d-c', 'in_progress', '2025-12-01'),
    ];
    // when
    const lines = bulletinFigures(measures, '2025-06-30', rules);
    // then
    expect(lines.map((l) => [l.departmentId, l.rank])).toEqual([
      ['d-a', 1],
      ['d-b', 1],
      ['d-c', 3],
    ]);
  });

  it('given equal completion rates but different overdue counts, when ranked, then the ranks differ', () => {
    const lines = bulletinFigures(
      [
        m('d-a', 'in_progress', '2025-06-01'),
        m('d-b', 'in_progress', '2025-12-01'),
        m('d-c', 'in_progress', '2025-12-01'),
      ],
      '2025-06-30',
      rules,
    );
    expect(lines.map((l) => [l.departmentId, l.rank])).toEqual([
      ['d-b', 1],
      ['d-c', 1],
      ['d-a', 3],
    ]);
  });

  it('given every department level, when ranked, then all are first', () => {
    const lines = bulletinFigures(
      [m('d-a', 'signed_off', '2025-06-01'), m('d-b', 'signed_off', '2025-06-01')],
      '2025-06-30',
      rules,
    );
    expect(lines.map((l) => l.rank)).toEqual([1, 1]);
  });
});
