/** One event of GET /api/v1/audit/events. */
export interface AuditEvent {
  position: string;
  streamName: string;
  revision: string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: { actor?: { userId: string; role: string }; recordedAt?: string };
  hash: string;
}

export interface AuditFilter {
  stream?: string;
  type?: string;
  actor?: string;
  /** Inclusive court-local dates YYYY-MM-DD, compared with the event's day in Asia/Shanghai. */
  from?: string;
  to?: string;
}

/** The court-local (UTC+8, no daylight saving) calendar day of an instant. */
export function courtDay(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * GET /audit/events pages by position only, with no filters of its own: the page filters what it has
 * loaded. Stream and actor match by substring (an id is long), the type exactly.
 */
export function filterEvents(events: readonly AuditEvent[], filter: AuditFilter): AuditEvent[] {
  return events.filter((e) => {
    if (filter.stream && !e.streamName.includes(filter.stream.trim())) return false;
    if (filter.type && e.type !== filter.type) return false;
    if (filter.actor && !(e.metadata.actor?.userId ?? '').includes(filter.actor.trim())) return false;
    const day = e.metadata.recordedAt ? courtDay(e.metadata.recordedAt) : null;
    if (filter.from && (day === null || day < filter.from)) return false;
    if (filter.to && (day === null || day > filter.to)) return false;
    return true;
  });
}

/** The measure a stream belongs to (`measure-<id>`), for the link into its history. */
export function measureIdOf(streamName: string): string | null {
  return streamName.startsWith('measure-') ? streamName.slice('measure-'.length) : null;
}
