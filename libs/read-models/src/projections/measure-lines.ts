import {
  CalendarDate,
  evolveMeasureLine,
  isMeasureEvent,
  LineEventContext,
  MeasureLine,
  TrackerEvent,
} from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';

/**
 * The fold's context, read from the event's metadata only when the fold asks: few events need
 * it (an assignment keeps its day, a sign-off its actor), and the feed parses metadata on first
 * read. One object, re-pointed at each event, so folding allocates nothing for it.
 */
class MetadataContext implements LineEventContext {
  event!: FeedEvent;
  courtDay!: (isoInstant: string) => string;

  get actorId(): string {
    return this.event.metadata.actor.userId;
  }

  get recordedOn(): CalendarDate {
    return this.courtDay(this.event.metadata.recordedAt);
  }
}
const context = new MetadataContext();

/**
 * Folds a measure event into the line it belongs to; returns the new line, or undefined when the
 * event is not a measure event or the measure is not assigned yet.
 */
export function foldMeasureLine(
  event: TrackerEvent,
  recorded: FeedEvent,
  current: (measureId: string) => MeasureLine | undefined,
  courtDay: (isoInstant: string) => string,
): MeasureLine | undefined {
  if (!isMeasureEvent(event)) return undefined;
  context.event = recorded;
  context.courtDay = courtDay;
  return evolveMeasureLine(current(event.data.measureId), event, context);
}
