import { jsonEvent, JSONEventType, ResolvedEvent } from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../event';
import { AllFilter } from '../event-store.port';
import { packPosition } from './esdb-position';

/**
 * How a tracker event is laid out in EventStoreDB: the data as the event's JSON body, and the
 * rest (schema version, hash chain, the port's metadata) in its JSON metadata. `$correlationId`
 * and `$causationId` are EventStoreDB's own conventions, copied so its tools can follow causes.
 */
interface StoredMetadata {
  schemaVersion: number;
  hash: string;
  previousHash: string | null;
  metadata: EventMetadata;
  $correlationId: string;
  $causationId: string | null;
}

type StoredEvent = JSONEventType<string, never, StoredMetadata>;

export function encodeEvent(
  event: NewEvent,
  chain: { hash: string; previousHash: string | null },
): ReturnType<typeof jsonEvent<StoredEvent>> {
  return jsonEvent<StoredEvent>({
    id: event.eventId,
    type: event.type,
    data: event.data as never,
    metadata: {
      schemaVersion: event.schemaVersion,
      hash: chain.hash,
      previousHash: chain.previousHash,
      metadata: event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    },
  });
}

export function decodeEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event || !event.isJson || !event.position) {
    throw new Error(
      `Event ${event?.id ?? '(unknown)'} in ${event?.streamId ?? '$all'} was not written by the tracker`,
    );
  }
  const stored = event.metadata as Partial<StoredMetadata> | undefined;
  if (!stored || typeof stored.hash !== 'string' || !stored.metadata) {
    throw new Error(
      `Event ${event.id} in ${event.streamId} has no tracker metadata; it was not written by the tracker`,
    );
  }
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: stored.schemaVersion ?? 1,
    data: event.data,
    metadata: stored.metadata,
    streamName: event.streamId,
    revision: event.revision,
    position: packPosition(event.position),
    hash: stored.hash,
    previousHash: stored.previousHash ?? null,
  };
}

/** EventStoreDB's own streams and events start with `$`; the tracker never sees them. */
function isSystemEvent(resolved: ResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** The port's filter, applied exactly on this side (the server-side filter only narrows the feed). */
export function matchesFilter(resolved: ResolvedEvent, filter: AllFilter | undefined): boolean {
  const event = resolved.event;
  if (!event || isSystemEvent(resolved)) return false;
  if (filter?.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter?.streamPrefixes && !filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) {
    return false;
  }
  return true;
}
