import { defaultLadder, parseLadder } from '../alerts/ladder';
import { FOUR_STEP_LADDER } from '../testing/ladders';
import { deadlineOn, nextReportDue } from './deadline.rule';

const LADDER = defaultLadder(3, 7);

describe('the deadline rule (临期, 逾期, 督办) over the default ladder', () => {
  it.each([
    ['2026-03-27', 'on_track', null],
    ['2026-03-28', 'due_soon', 'due_soon'],
    // The due day itself is still due soon: overdue only after the end of it.
    ['2026-03-31', 'due_soon', 'due_soon'],
    ['2026-04-01', 'overdue', 'overdue'],
    ['2026-04-07', 'overdue', 'overdue'],
    ['2026-04-08', 'escalated', 'escalated'],
  ])('on %s a deadline of 2026-03-31 is %s, at step %s', (day, stage, step) => {
    const reading = deadlineOn('2026-03-31', '2026-01-01', day, LADDER);
    expect(reading.stage).toBe(stage);
    expect(reading.step?.id ?? null).toBe(step);
  });

  it('counts across month and year ends in calendar days', () => {
    expect(deadlineOn('2026-01-02', null, '2025-12-30', LADDER).stage).toBe('due_soon');
    expect(deadlineOn('2026-01-02', null, '2025-12-29', LADDER).stage).toBe('on_track');
  });
});

describe('the deadline rule over a ladder with shares of the time left', () => {
  // Assigned 2026-01-01, due 2026-04-11: 100 days. 30 % left from 2026-03-12, 15 % from 2026-03-27.
  const on = (day: string, started: string | null = '2026-01-01') =>
    deadlineOn('2026-04-11', started, day, FOUR_STEP_LADDER);

  it('a reminder step names the step but leaves the light on track', () => {
    expect(on('2026-03-11')).toEqual({ stage: 'on_track', step: null });
    expect(on('2026-03-12')).toMatchObject({ stage: 'on_track', step: { id: 'left30' } });
  });

  it('a due-soon step turns it yellow from the day no more than its share is left', () => {
    expect(on('2026-03-26').stage).toBe('on_track');
    expect(on('2026-03-27')).toMatchObject({ stage: 'due_soon', step: { id: 'left15' } });
  });

  it('overdue from the day after the due day, escalated when the escalated step is reached', () => {
    expect(on('2026-04-12')).toMatchObject({ stage: 'overdue', step: { id: 'overdue' } });
    expect(on('2026-04-14')).toMatchObject({ stage: 'overdue', step: { id: 'overdue' } });
    expect(on('2026-04-15')).toMatchObject({ stage: 'escalated', step: { id: 'warning' } });
  });

  it('an extension moves the later steps: the shares are of the new span', () => {
    // Extended to 2026-05-11: 130 days; 15 % left is 19 days before, 2026-04-22.
    expect(deadlineOn('2026-05-11', '2026-01-01', '2026-04-21', FOUR_STEP_LADDER).step?.id).toBe('left30');
    expect(deadlineOn('2026-05-11', '2026-01-01', '2026-04-22', FOUR_STEP_LADDER).step?.id).toBe('left15');
  });

  it('without an assignment date the shares cannot be placed: only the days after the due day count', () => {
    expect(on('2026-04-10', null)).toEqual({ stage: 'on_track', step: null });
    expect(on('2026-04-12', null).step?.id).toBe('overdue');
  });

  it('overdue whatever the ladder: a ladder with no step on the due day still reads red after it', () => {
    const late = parseLadder({
      steps: [
        {
          id: 'late',
          name: '督办',
          level: 'escalated',
          trigger: { daysOverdue: 10 },
          recipients: ['inspectors'],
        },
      ],
    });
    expect(deadlineOn('2026-04-11', null, '2026-04-12', late)).toEqual({ stage: 'overdue', step: null });
  });
});

describe("a 长期坚持 measure's reporting", () => {
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
