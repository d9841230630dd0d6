import { CalendarDate, LightFacts, LightReading, readLight, SupervisionLadder } from '@tracker/domain';

/** Days whose readings are kept: today and the asOf days of recent reports. */
const DAYS_KEPT = 4;

/**
 * Light readings remembered per line and day: a court-wide board reads every line's light (its
 * deadline and ladder dates) on every request, and a line that did not change reads the same on
 * the same day. Keyed by the line object itself: the measure model replaces a line when it changes
 * (lines are never mutated), so a changed line is a new key and is read afresh, and a line no
 * longer held is forgotten with it (WeakMap). Readings are shared: callers must not change them.
 */
export class LightReadings {
  private readonly days = new Map<CalendarDate, WeakMap<LightFacts, LightReading>>();

  constructor(private readonly ladder: SupervisionLadder) {}

  /** `readLight(line, today, ladder)`, read once per line object and day. */
  read(line: LightFacts, today: CalendarDate): LightReading {
    let readings = this.days.get(today);
    if (readings === undefined) {
      // The day least recently started is dropped first.
      if (this.days.size >= DAYS_KEPT) this.days.delete(this.days.keys().next().value as CalendarDate);
      readings = new WeakMap();
      this.days.set(today, readings);
    }
    let reading = readings.get(line);
    if (reading === undefined) {
      reading = readLight(line, today, this.ladder);
      readings.set(line, reading);
    }
    return reading;
  }
}
