/**
 * Deadlines are calendar dates in the court's time zone, written `YYYY-MM-DD`.
 * Dates in that form compare correctly as strings; arithmetic goes through UTC noon
 * so no daylight-saving rule can shift a day.
 */
import { PairMemo } from './pair-memo';

export type CalendarDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * Date arithmetic already done, by date and amount: planning every measure's alerts and 回头看 at a
 * worker's start asks for the same few thousand sums hundreds of thousands of times, and a
 * court-wide board as many.
 */
const daySums = new PairMemo<CalendarDate, number, CalendarDate>((date, days) => {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}, 100_000);
const monthSums = new PairMemo<CalendarDate, number, CalendarDate>(
  (date, months) => monthsLater(date, months),
  100_000,
);

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return daySums.of(date, days);
}

/**
 * `months` calendar months after `date`: the same day of the month, or the month's last day when
 * it has fewer days (2026-08-31 + 6 months = 2027-02-28), as a court counts "three months after".
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return monthSums.of(date, months);
}

function monthsLater(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The calendar date an instant falls on in a time zone, e.g. Asia/Shanghai. */
export function dateInZone(instant: Date, timeZone: string): CalendarDate {
  let zone = zones.get(timeZone);
  if (!zone) {
    // en-CA formats as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zone = { format, minute: NaN, date: '' };
    zones.set(timeZone, zone);
  }
  // Zones change offset on whole minutes: an instant in the same minute as the last falls on its date.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== zone.minute) {
    zone.date = zone.format.format(instant);
    zone.minute = minute;
  }
  return zone.date;
}

/**
 * Building a formatter costs far more than using one, and folds convert a date per event; every
 * request asks the court's today, so the last minute's answer is kept too.
 */
const zones = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: CalendarDate }>();
