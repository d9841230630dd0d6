import { chineseDate, relativeDue, weekStart } from './dates';

describe('relativeDue', () => {
  it('counts the days left, today, and the days overdue against the board day', () => {
    expect(relativeDue('2026-03-05', '2026-03-02')).toEqual({ text: '还剩3天', tone: 'soon' });
    expect(relativeDue('2026-03-20', '2026-03-02')).toEqual({ text: '还剩18天', tone: 'normal' });
    expect(relativeDue('2026-03-02', '2026-03-02')).toEqual({ text: '今天到期', tone: 'today' });
    expect(relativeDue('2026-02-25', '2026-03-02')).toEqual({ text: '已逾期5天', tone: 'overdue' });
  });

  it('crosses month ends and leap days by the calendar, not by 30-day months', () => {
    expect(relativeDue('2028-03-01', '2028-02-28')?.text).toBe('还剩2天');
    expect(relativeDue('2026-12-31', '2027-01-01')?.text).toBe('已逾期1天');
  });

  it('says done for a signed-off measure and nothing for one without a deadline', () => {
    expect(relativeDue('2026-02-01', '2026-03-02', { signedOff: true })).toEqual({
      text: '已完成',
      tone: 'done',
    });
    expect(relativeDue(null, '2026-03-02')).toBeNull();
  });

  it("takes the court's due-soon window", () => {
    expect(relativeDue('2026-03-07', '2026-03-02', { dueSoonDays: 5 })?.tone).toBe('soon');
    expect(relativeDue('2026-03-07', '2026-03-02', { dueSoonDays: 3 })?.tone).toBe('normal');
  });
});

describe('chineseDate and weekStart', () => {
  it('writes the date in Chinese with its weekday', () => {
    expect(chineseDate('2026-03-02', true)).toBe('2026年3月2日 星期一');
    expect(chineseDate('2026-03-08')).toBe('2026年3月8日');
  });

  it('finds the Monday of the week, Sunday belonging to the week before', () => {
    expect(weekStart('2026-03-04')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
  });
});
