import { TrackerEvent } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';

/** A read model folded from the global feed. `apply` must ignore event types it does not handle. */
export interface Projection {
  readonly name: string;
  apply(event: TrackerEvent, recorded: RecordedEvent): void;
}
