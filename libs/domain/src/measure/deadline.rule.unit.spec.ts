import { deadlineStageOn, deadlineStages, nextReportDue } from './deadline.rule';

const rules = { dueSoonDays: 3, escalateAfterDays: 7 };

describe('the deadline rule (临期, 逾期, 督办)', () => {
  it('dates each stage from the due day: due soon 3 days before, overdue the day after, escalated 7 days after that', () => {
    expect(deadlineStages('2026-03-31', rules)).toEqual({
      dueSoonFrom: '2026-03-28',
      overdueFrom: '2026-04-01',
      escalatedFrom: '2026-04-08',
    });
  });

  it.each([
    ['2026-03-27', 'on_track'],
    ['2026-03-28', 'due_soon'],
    // The due day itself is still due soon: overdue only after the end of it.
    ['2026-03-31', 'due_soon'],
    ['2026-04-01', 'overdue'],
    ['2026-04-07', 'overdue'],
    ['2026-04-08', 'escalated'],
  ])('on %s a deadline of 2026-03-31 is %s', (day, stage) => {
    expect(deadlineStageOn('2026-03-31', day, rules)).toBe(stage);
  });

  it('counts across month and year ends in calendar days', () => {
    expect(deadlineStages('2026-01-02', rules).dueSoonFrom).toBe('2025-12-30');
  });

  it("dues a 长期坚持 measure's next report a period after the last report, or after assignment", () => {
    expect(nextReportDue({ reportEveryDays: 30, lastReportedOn: null, assignedOn: '2026-03-01' })).toBe(
      '2026-03-31',
    );
    expect(
      nextReportDue({ reportEveryDays: 30, lastReportedOn: '2026-03-10', assignedOn: '2026-03-01' }),
    ).toBe('2026-04-09');
    expect(
      nextReportDue({ reportEveryDays: null, lastReportedOn: null, assignedOn: '2026-03-01' }),
    ).toBeNull();
  });
});
