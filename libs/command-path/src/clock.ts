import { CalendarDate, dateInZone } from '@tracker/domain';

/** The one source of "now", injectable so tests can set deadlines without waiting for days. */
export abstract class Clock {
  abstract now(): Date;

  /** Real milliseconds until an instant of this clock: how long a timer (a BullMQ delay) waits. */
  msUntil(instant: Date): number {
    return instant.getTime() - this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** The court's calendar: what day it is where the court sits. */
export class CourtCalendar {
  /** Built once: building a formatter costs far more than using one. */
  private readonly wallClock: Intl.DateTimeFormat;

  constructor(
    private readonly clock: Clock,
    readonly timeZone: string,
  ) {
    this.wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  today(): CalendarDate {
    return this.dateOf(this.clock.now());
  }

  dateOf(instant: Date): CalendarDate {
    return dateInZone(instant, this.timeZone);
  }

  /**
   * Instants already worked out, by date and time: planning every measure's alerts and 回头看 at a
   * start asks for the same few thousand days hundreds of thousands of times.
   */
  private readonly instants = new Map<string, number>();

  /** The instant a court-local wall-clock time on a date falls at, e.g. 10:00 in Asia/Shanghai. */
  instantAt(date: CalendarDate, hour: number, minute = 0): Date {
    const key = `${date}T${hour}:${minute}`;
    let instant = this.instants.get(key);
    if (instant === undefined) {
      instant = this.computeInstantAt(date, hour, minute);
      if (this.instants.size >= 50_000) this.instants.clear();
      this.instants.set(key, instant);
    }
    // A fresh Date each time: callers may change theirs.
    return new Date(instant);
  }

  private computeInstantAt(date: CalendarDate, hour: number, minute: number): number {
    const wall = Date.parse(
      `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`,
    );
    const parts = this.wallClock.formatToParts(new Date(wall));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const shown = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall - (shown - wall);
  }
}
