import { CalendarDate } from './types';

const DAY_MS = 86_400_000;

function dayNumber(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Whole days from `from` to `to` (both court-local calendar dates); negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export type DueTone = 'done' | 'overdue' | 'today' | 'soon' | 'normal';

export interface RelativeDue {
  text: string;
  tone: DueTone;
}

/**
 * "还剩3天" / "今天到期" / "已逾期5天" for a deadline read on `today` (the board's day, which is the
 * as-of day for a past board, not the browser's clock). A deadline is overdue after the end of its day.
 */
export function relativeDue(
  due: CalendarDate | null,
  today: CalendarDate,
  options: { signedOff?: boolean; dueSoonDays?: number } = {},
): RelativeDue | null {
  if (options.signedOff) return { text: '已完成', tone: 'done' };
  if (due === null) return null;
  const days = daysBetween(today, due);
  if (days < 0) return { text: `已逾期${-days}天`, tone: 'overdue' };
  if (days === 0) return { text: '今天到期', tone: 'today' };
  return { text: `还剩${days}天`, tone: days <= (options.dueSoonDays ?? 3) ? 'soon' : 'normal' };
}

/** 2026年3月2日 星期一: the date as a Chinese reader writes it. */
export function chineseDate(date: CalendarDate, withWeekday = false): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = '日一二三四五六'[new Date(dayNumber(date) * DAY_MS).getUTCDay()];
  return `${y}年${m}月${d}日${withWeekday ? ` 星期${weekday}` : ''}`;
}

/** Monday of the ISO week that holds `date`. */
export function weekStart(date: CalendarDate): CalendarDate {
  const weekday = (new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}
