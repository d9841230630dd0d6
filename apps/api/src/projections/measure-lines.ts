import { evolveMeasureLine, MeasureEvent, MeasureLine } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';

const MEASURE_STREAM = 'measure-';

/**
 * The last fold, reused when the next call folds the same event into the same line. The board,
 * ledger and summary each keep measure lines and are fed each event in turn; lines are never
 * mutated, so while they are in step they hold the very same line object and the event is
 * folded once instead of three times.
 */
let lastEvent: RecordedEvent | null = null;
let lastPrevious: MeasureLine | undefined;
let lastResult: MeasureLine | undefined;

/**
 * Folds a measure event into the line it belongs to, for the projections that keep measure
 * lines; returns the new line, or undefined when the event is not a measure event or the
 * measure is not assigned yet.
 */
export function foldMeasureLine(
  event: RecordedEvent,
  current: (measureId: string) => MeasureLine | undefined,
  courtDay: (isoInstant: string) => string,
): MeasureLine | undefined {
  if (!event.streamName.startsWith(MEASURE_STREAM)) return undefined;
  const measureEvent = event as unknown as MeasureEvent;
  const previous = current(measureEvent.data.measureId);
  if (lastEvent === event && lastPrevious === previous) return lastResult;
  const meta = event.metadata;
  const result = evolveMeasureLine(previous, measureEvent, {
    actorId: meta.actor.userId,
    // Only an assignment keeps its day; converting every event's time would be wasted work.
    recordedOn: measureEvent.type === 'MeasureAssigned' ? courtDay(meta.recordedAt) : '',
  });
  lastEvent = event;
  lastPrevious = previous;
  lastResult = result;
  return result;
}
