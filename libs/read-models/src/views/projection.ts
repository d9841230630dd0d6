import { RecordedEvent } from '@tracker/event-store';

/** A read model folded from the global feed. `apply` must ignore event types it does not know. */
export interface Projection {
  readonly name: string;
  apply(event: RecordedEvent): void;
}
