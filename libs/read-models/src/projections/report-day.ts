import { addDays, CalendarDate } from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { RequestValidationError } from '@tracker/command-path';

/** The day a report reads the measures on, and for an `asOf` report the instant history is cut at. */
export interface ReportDay {
  today: CalendarDate;
  /** The end of the asOf day in the court's time zone; null for the current state. */
  until: Date | null;
}

/** `asOf` (already checked as a date) read against the court's calendar; a day still to come is refused. */
export function reportDay(calendar: CourtCalendar, asOf: CalendarDate | undefined): ReportDay {
  const today = calendar.today();
  if (asOf === undefined) return { today, until: null };
  if (asOf > today) {
    throw new RequestValidationError([
      {
        field: 'asOf',
        rule: 'notInFuture',
        messages: { zh: `asOf 不能晚于今天（${today}）`, en: `must not be later than today (${today})` },
      },
    ]);
  }
  return { today: asOf, until: calendar.instantAt(addDays(asOf, 1), 0) };
}
