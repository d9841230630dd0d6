import { AllFilter, EventStore, RecordedEvent } from '@tracker/event-store';
import { AuditFilter, AuditQuery, isFiltered } from './audit-query';

/** Events read from the store per batch while looking for matches. */
const BATCH = 1_000;
/** Events one request reads at most before answering with what it found (and where it stopped). */
export const SCAN_BUDGET = 20_000;

export interface FeedPage {
  /** The matching events, in feed order, at most `limit`. */
  events: RecordedEvent[];
  /**
   * The last position read: the `after` of the next request. Absent when nothing was read and no
   * `after` was given (an empty feed).
   */
  scannedThrough: bigint | undefined;
  /**
   * False when the scan reached the end of the feed: asking again from here finds nothing yet. True
   * when events follow, though none of them may match.
   */
  more: boolean;
}

/**
 * Reads the feed forward from `after` in batches until `limit` events match, the feed ends, or the
 * scan budget is spent. Type and stream-prefix filters go to the store, which skips the rest itself;
 * the exact stream, the actor and the time range are checked here.
 */
export async function scanFeed(
  store: EventStore,
  { after, limit, filter }: AuditQuery,
  budget = SCAN_BUDGET,
): Promise<FeedPage> {
  const storeFilter = toStoreFilter(filter);
  // Without filters every event matches: one read of exactly `limit`, as before filters existed.
  const batchSize = isFiltered(filter) ? BATCH : limit;
  const events: RecordedEvent[] = [];
  let cursor = after;
  let scanned = 0;
  for (;;) {
    const batch = await store.readAll({ after: cursor, maxCount: batchSize, filter: storeFilter });
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i];
      cursor = event.position;
      scanned++;
      if (!matches(event, filter)) continue;
      events.push(event);
      if (events.length === limit) {
        // The feed goes on past here if this batch does; at a full batch's end, one more read tells.
        const more =
          i < batch.length - 1 ||
          (batch.length === batchSize &&
            (await store.readAll({ after: cursor, maxCount: 1, filter: storeFilter })).length > 0);
        return { events, scannedThrough: cursor, more };
      }
    }
    if (batch.length < batchSize) return { events, scannedThrough: cursor, more: false };
    if (scanned >= budget) return { events, scannedThrough: cursor, more: true };
  }
}

function toStoreFilter(filter: AuditFilter): AllFilter | undefined {
  if (filter.types === undefined && filter.stream === undefined) return undefined;
  return {
    eventTypes: filter.types,
    // An exact name is also a prefix of itself: the store narrows, `matches` decides.
    streamPrefixes: filter.stream === undefined ? undefined : [filter.stream.name],
  };
}

export function matches(event: RecordedEvent, filter: AuditFilter): boolean {
  if (filter.stream && !filter.stream.prefix && event.streamName !== filter.stream.name) return false;
  if (filter.stream?.prefix && !event.streamName.startsWith(filter.stream.name)) return false;
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.actorId !== undefined && event.metadata.actor.userId !== filter.actorId) return false;
  if (filter.fromMs !== undefined || filter.beforeMs !== undefined) {
    const at = Date.parse(event.metadata.recordedAt);
    if (Number.isNaN(at)) return false;
    if (filter.fromMs !== undefined && at < filter.fromMs) return false;
    if (filter.beforeMs !== undefined && at >= filter.beforeMs) return false;
  }
  return filter.where === undefined || filter.where(event);
}
