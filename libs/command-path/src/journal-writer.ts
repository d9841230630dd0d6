import { AccessEvent, currentSchemaVersion, streams } from '@tracker/domain';
import { EventStore } from '@tracker/event-store';
import { Clock, CourtCalendar } from './clock';
import { WriterHooks } from './event-sourced-writer';
import { newId } from './ids';

/** Who is at the door: the account when known, else the tracker itself on an anonymous request. */
export interface JournalActor {
  userId: string;
  role: string;
}

/**
 * Records facts observed at the edge (the access log) rather than decided: nothing to fold and no
 * rule to check, so it appends to the court day's stream at any revision. Told to the same hooks
 * as the writer, so a logout's request waits until this process's read models have seen it.
 */
export class JournalWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly calendar: CourtCalendar,
    private readonly hooks: WriterHooks = {},
  ) {}

  async record(event: AccessEvent, actor: JournalActor, correlationId: string): Promise<void> {
    const appended = await this.store.appendToStream(
      streams.access(this.calendar.today()),
      [
        {
          eventId: newId(),
          type: event.type,
          schemaVersion: currentSchemaVersion(event.type),
          data: event.data,
          metadata: {
            actor: { userId: actor.userId, role: actor.role },
            recordedAt: this.clock.now().toISOString(),
            correlationId,
            causationId: null,
            idempotencyKey: null,
            command: null,
          },
        },
      ],
      'any',
    );
    this.hooks.afterAppend?.(appended.position);
  }
}
