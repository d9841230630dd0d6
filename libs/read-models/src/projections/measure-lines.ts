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
 * The last fold, reused when the next call folds the same event into the same line. The board,
 * ledger and summary each keep measure lines and are fed each event in turn; lines are never
 * mutated, so while they are in step they hold the very same line object and the event is
 * folded once instead of three times.
 */
let lastEvent: TrackerEvent | null = null;
let lastPrevious: MeasureLine | undefined;
let lastResult: MeasureLine | undefined;

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
 * Folds a measure event into the line it belongs to, for the projections that keep measure
 * lines; returns the new line, or undefined when the event is not a measure event or the
 * measure is not assigned yet.
 */
export function foldMeasureLine(
  event: TrackerEvent,
  recorded: FeedEvent,
  current: (measureId: string) => MeasureLine | undefined,
  courtDay: (isoInstant: string) => string,
): MeasureLine | undefined {
  if (!isMeasureEvent(event)) return undefined;
  const previous = current(event.data.measureId);
  if (lastEvent === event && lastPrevious === previous) return lastResult;
  context.event = recorded;
  context.courtDay = courtDay;
  const result = evolveMeasureLine(previous, event, context);
  lastEvent = event;
  lastPrevious = previous;
  lastResult = result;
  return result;
}
