import { CalendarDate, dateInZone } from '@tracker/domain';

/** The court-local date of an event's recorded ISO instant. */
export function courtDayOf(timeZone: string): (isoInstant: string) => CalendarDate {
  return (isoInstant) => dateInZone(new Date(isoInstant), timeZone);
}
