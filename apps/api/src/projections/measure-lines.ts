import { evolveMeasureLine, MeasureEvent, MeasureLine } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';

const MEASURE_STREAM = 'measure-';

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
  const measureId = measureEvent.data.measureId;
  const meta = event.metadata;
  return evolveMeasureLine(current(measureId), measureEvent, {
    actorId: meta.actor.userId,
    // Only an assignment reads its day; converting every event's time would be wasted work.
    get recordedOn() {
      return courtDay(meta.recordedAt);
    },
  });
}
