import { bulletinFigures, BulletinMeasure } from './bulletin.figures';

const rules = { dueSoonDays: 3, escalateAfterDays: 7 };
const m = (
  departmentId: string,
  status: BulletinMeasure['status'],
  dueDate: string | null,
): BulletinMeasure => ({
  departmentId,
  status,
  dueDate,
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
        m('d-criminal', 'in_progress', null), // 长期坚持: open only
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
        total: 4,
        open: 4,
        dueSoon: 1,
        overdue: 2,
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
