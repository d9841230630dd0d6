import { CalendarDate } from '@tracker/domain';

/**
 * The court-local date of an ISO instant. Projections convert an event's recorded time on every
 * assignment, so the formatter is built once per time zone (building one costs far more than using it).
 */
export function courtDayOf(timeZone: string): (isoInstant: string) => CalendarDate {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (isoInstant) => format.format(new Date(isoInstant));
}
