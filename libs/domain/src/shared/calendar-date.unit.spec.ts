import { addDays, addMonths, dateInZone, daysBetween, isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2025-01-05', '2025-02-28', '2024-02-29', '2000-02-29', '2025-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['a day past the end of February', '2025-02-30'],
    ['February 30th even in a leap year', '2024-02-30'],
    ['February 29th outside a leap year', '2023-02-29'],
    ['February 29th in a century year that is not a leap year', '1900-02-29'],
    ['April 31st', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['month 0', '2025-00-10'],
    ['day 0', '2025-01-00'],
    ['single-digit month and day', '2025-1-05'],
    ['a date with a time', '2025-01-05T00:00:00Z'],
    ['slashes', '2025/01/05'],
    ['an empty string', ''],
  ])('rejects %s (%s)', (_label, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each([[null], [undefined], [20250105], [new Date('2025-01-05')]])(
    'rejects the non-string %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('addDays', () => {
  it.each([
    ['2025-06-30', 1, '2025-07-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-01-15', 30, '2025-02-14'],
    ['2025-03-29', 3, '2025-04-01'],
    ['2025-05-20', 0, '2025-05-20'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-03-02', 3, '2026-06-02'],
    ['2026-03-02', 6, '2026-09-02'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-12-01', 12, '2027-12-01'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
    expect(isCalendarDate(addMonths(date, months))).toBe(true);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-06-30', '2025-06-30', 0],
    ['2025-06-30', '2025-07-01', 1],
    ['2025-07-01', '2025-06-30', -1],
    ['2025-12-31', '2026-01-01', 1],
    ['2024-02-01', '2024-03-01', 29],
    ['2025-02-01', '2025-03-01', 28],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-03-01', '2025-11-01', 245],
  ])('from %s to %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('undoes addDays', () => {
    expect(daysBetween('2025-06-30', addDays('2025-06-30', 400))).toBe(400);
  });
});

describe('dateInZone', () => {
  it('an instant late on 30 June UTC is already 1 July in Shanghai', () => {
    expect(dateInZone(new Date('2025-06-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-07-01');
  });

  it('the same instant is still 30 June in UTC', () => {
    expect(dateInZone(new Date('2025-06-30T16:30:00Z'), 'UTC')).toBe('2025-06-30');
  });

  it('Shanghai turns to the next day at 16:00 UTC', () => {
    expect(dateInZone(new Date('2025-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-12-31');
    expect(dateInZone(new Date('2025-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
  });

  it('its result is a calendar date', () => {
    expect(isCalendarDate(dateInZone(new Date('2025-01-05T01:00:00Z'), 'Asia/Shanghai'))).toBe(true);
  });
});
