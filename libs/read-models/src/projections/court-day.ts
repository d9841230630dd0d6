import { CalendarDate, dateInZone } from '@tracker/domain';

/** Distinct minutes remembered per converter before it starts afresh. */
const MEMO_LIMIT = 4_096;

/**
 * The court-local date of an event's recorded ISO instant. Every zone's offset is a whole number
 * of minutes, so the date is remembered per UTC minute: a fold converts one instant per event,
 * and formatting a date in a zone costs microseconds each time.
 */
export function courtDayOf(timeZone: string): (isoInstant: string) => CalendarDate {
  let memo = new Map<string, CalendarDate>();
  return (isoInstant) => {
    const minute = isoInstant.slice(0, 16);
    let day = memo.get(minute);
    if (day === undefined) {
      day = dateInZone(new Date(isoInstant), timeZone);
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      memo.set(minute, day);
    }
    return day;
  };
}
