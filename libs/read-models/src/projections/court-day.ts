import { CalendarDate, dateInZone } from '@tracker/domain';

/** Distinct hours remembered per converter before it starts afresh (about five years of hours). */
const MEMO_LIMIT = 50_000;

/**
 * The court-local date of an event's recorded ISO instant (`toISOString` output). Formatting a
 * date in a zone costs microseconds and a fold converts one instant per measure event, so the
 * date is remembered per UTC hour: when the hour's first and last minute fall on one court day,
 * every instant of it does; an hour a midnight falls inside (a zone offset by a fraction of an
 * hour) is converted instant by instant.
 */
export function courtDayOf(timeZone: string): (isoInstant: string) => CalendarDate {
  let memo = new Map<string, CalendarDate | null>();
  // A feed is read in time order: most instants fall in the hour of the one before.
  let lastHour = '';
  let lastDay: CalendarDate | null = null;
  return (isoInstant) => {
    if (lastDay !== null && isoInstant.startsWith(lastHour)) return lastDay;
    const hour = isoInstant.slice(0, 13);
    let day = memo.get(hour);
    if (day === undefined) {
      const start = Date.parse(`${hour}:00:00.000Z`);
      const first = dateInZone(new Date(start), timeZone);
      day = dateInZone(new Date(start + 3_599_999), timeZone) === first ? first : null;
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      memo.set(hour, day);
    }
    lastHour = hour;
    lastDay = day;
    return day ?? dateInZone(new Date(isoInstant), timeZone);
  };
}
