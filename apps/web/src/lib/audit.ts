import { roleLabel } from './labels';
import { Role } from './types';

/** Who caused an event, as GET /api/v1/audit/events names them: 系统 for the scheduler. */
export interface AuditActor {
  id: string;
  /** null only for an id the directory does not know. */
  name: string | null;
  role: string;
}

/** One event of GET /api/v1/audit/events. */
export interface AuditEvent {
  position: string;
  streamName: string;
  revision: string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: { actor?: { userId: string; role: string }; recordedAt?: string };
  /** null when the metadata names no actor. */
  actor: AuditActor | null;
  hash: string;
}

/** One answer of the feed: the matching events and where the server's scan stopped. */
export interface AuditPage {
  events: AuditEvent[];
  /** X-Scanned-Through: the `after` of the next page (absent on an empty feed). */
  scannedThrough: string | null;
  /** X-Has-More: false once the scan reached the end of the feed. */
  more: boolean;
}

/** GET /api/v1/audit/filters: what the pickers offer. */
export interface AuditFilterOptions {
  types: string[];
  /** Each type's Chinese name, as the server's event catalogue has it. */
  labels: Record<string, string>;
  actors: (AuditActor & { name: string; departmentName: string | null })[];
}

/** The server-side filters, as the page holds them. */
export interface AuditFilter {
  /** An exact stream name, or a prefix ending in `*` (measure-*). */
  stream?: string;
  types?: readonly string[];
  actorId?: string;
  /** Inclusive court-local dates YYYY-MM-DD; the server reads them in the court's time zone. */
  from?: string;
  to?: string;
}

/** The query string of one page of the feed: only the filters that are set, then the paging. */
export function auditQuery(filter: AuditFilter, after: string | null | undefined, limit: number): string {
  const params = new URLSearchParams();
  params.set('limit', String(limit));
  if (after) params.set('after', after);
  const stream = filter.stream?.trim();
  if (stream) params.set('streamName', stream);
  if (filter.types && filter.types.length > 0) params.set('type', filter.types.join(','));
  if (filter.actorId) params.set('actorId', filter.actorId);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return `/api/v1/audit/events?${params.toString()}`;
}

/** Reads a page's paging headers; a missing X-Has-More (an older server) means a short page ended the feed. */
export function toAuditPage(events: AuditEvent[], headers: Headers, limit: number): AuditPage {
  const more = headers.get('X-Has-More');
  return {
    events,
    scannedThrough: headers.get('X-Scanned-Through') ?? events[events.length - 1]?.position ?? null,
    more: more === null ? events.length === limit : more === 'true',
  };
}

/** Where 加载更多 goes on from, or undefined when the feed has been read to its end. */
export function nextAfter(page: AuditPage): string | undefined {
  return page.more && page.scannedThrough ? page.scannedThrough : undefined;
}

/** The loaded pages as one list, in feed order, each event once (a page may be re-fetched). */
export function mergePages(pages: readonly AuditPage[]): AuditEvent[] {
  const seen = new Set<string>();
  const events: AuditEvent[] = [];
  for (const page of pages) {
    for (const event of page.events) {
      if (seen.has(event.position)) continue;
      seen.add(event.position);
      events.push(event);
    }
  }
  return events;
}

const ROLES = new Set<string>(['leader', 'department_head', 'inspector', 'admin']);
const isRole = (role: string): role is Role => ROLES.has(role);

/** "纪检监察 李明", "系统", or the id when the directory has no name for it. */
export function actorLabel(actor: AuditActor | null): string {
  if (actor === null) return '—';
  if (actor.role === 'system') return '系统';
  const name = actor.name ?? actor.id;
  return isRole(actor.role) ? `${roleLabel(actor.role)} ${name}` : name;
}

/** A line of the 操作人 picker: "刘洋（部门负责人 · 民一庭）", the system as what it records. */
export function actorOptionLabel(actor: AuditFilterOptions['actors'][number]): string {
  if (actor.role === 'system') return '系统（提醒与督办）';
  const role = isRole(actor.role) ? roleLabel(actor.role) : actor.role;
  return `${actor.name}（${role}${actor.departmentName ? ` · ${actor.departmentName}` : ''}）`;
}

/** The court-local (UTC+8, no daylight saving) calendar day of an instant. */
export function courtDay(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "2026-11-20 14:03" in the court's time (UTC+8). */
export function courtMinute(instant: string): string {
  const local = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** "报告进展（ProgressReported）": the Chinese name with the recorded type beside it. */
export function typeLabel(type: string, labels: Readonly<Record<string, string>> | undefined): string {
  const label = labels?.[type];
  return label ? `${label}（${type}）` : type;
}

/** The measure a stream belongs to (`measure-<id>`), for the link into its history. */
export function measureIdOf(streamName: string): string | null {
  return streamName.startsWith('measure-') ? streamName.slice('measure-'.length) : null;
}
