import { CourtCalendar, FieldProblem, RequestValidationError } from '@tracker/command-path';
import {
  addDays,
  ALERT_EVENT_TYPES,
  AUDIT_STREAM_EVENT_TYPES,
  BULLETIN_EVENT_TYPES,
  CAMPAIGN_EVENT_TYPES,
  DIRECTORY_EVENT_TYPES,
  isCalendarDate,
  MEASURE_EVENT_TYPES,
} from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';

/** Every event type the tracker records, for the type filter and the page's type picker. */
export const AUDIT_EVENT_TYPES: readonly string[] = [
  ...new Set<string>([
    ...DIRECTORY_EVENT_TYPES,
    ...CAMPAIGN_EVENT_TYPES,
    ...MEASURE_EVENT_TYPES,
    ...ALERT_EVENT_TYPES,
    ...BULLETIN_EVENT_TYPES,
    ...AUDIT_STREAM_EVENT_TYPES,
  ]),
];
const KNOWN_TYPES = new Set(AUDIT_EVENT_TYPES);

export const AUDIT_QUERY_FIELDS = ['after', 'limit', 'streamName', 'type', 'actorId', 'from', 'to'] as const;
const ALLOWED = new Set<string>(AUDIT_QUERY_FIELDS);

/** What GET /audit/events was asked for, checked. */
export interface AuditQuery {
  after: bigint | undefined;
  limit: number;
  filter: AuditFilter;
}

export interface AuditFilter {
  /** The exact stream name, or a prefix when it was given ending in `*`. */
  stream?: { name: string; prefix: boolean };
  types?: readonly string[];
  actorId?: string;
  /** Inclusive instant (ms since epoch) the event was recorded at or after. */
  fromMs?: number;
  /** Exclusive instant: recorded strictly before. A date `to` is the start of the next day. */
  beforeMs?: number;
  /** A further test on the event's data (the access log's kind); not counted as a filter of its own. */
  where?: (event: RecordedEvent) => boolean;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses the audit feed's query string. Every problem is reported at once, each naming its field and
 * rule, as the validation pipe does for the other routes; an unknown parameter is refused likewise.
 */
export function parseAuditQuery(query: Record<string, unknown>, calendar: CourtCalendar): AuditQuery {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, rule: string, zh: string, en: string) =>
    problems.push({ field, rule, messages: { zh, en } });

  for (const field of Object.keys(query)) {
    if (!ALLOWED.has(field))
      refuse(field, 'whitelistValidation', `不允许的字段：${field}`, `${field} is not an allowed field`);
  }
  /** One text value, or undefined; a repeated or structured parameter is refused. */
  const single = (field: string): string | undefined => {
    const value = query[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      refuse(field, 'single', `${field} 只能填写一个值`, 'must be given once, as text');
      return undefined;
    }
    return value;
  };

  const afterText = single('after');
  let after: bigint | undefined;
  if (afterText !== undefined) {
    // Up to 39 digits: EventStoreDB positions are two 64-bit numbers packed into one (see esdb-position.ts).
    if (/^\d{1,39}$/.test(afterText)) after = BigInt(afterText);
    else
      refuse(
        'after',
        'isPosition',
        'after 须为事件位置（非负整数）',
        'must be a global position (a non-negative integer)',
      );
  }

  const limitText = single('limit');
  let limit = 200;
  if (limitText !== undefined) {
    if (!/^-?\d{1,9}$/.test(limitText.trim())) {
      refuse('limit', 'isInt', 'limit 须为整数', 'must be an integer');
    } else {
      limit = Number(limitText);
      if (limit < 1 || limit > 1000)
        refuse('limit', 'range', 'limit 须在1到1000之间', 'must be between 1 and 1000');
    }
  }

  const filter: AuditFilter = {};
  const streamText = single('streamName');
  if (streamText !== undefined) {
    const prefix = streamText.endsWith('*');
    const name = prefix ? streamText.slice(0, -1) : streamText;
    if (name.length === 0 || name.length > 200 || name.includes('*'))
      refuse(
        'streamName',
        'isStreamName',
        'streamName 须为事件流名称（1到200个字符），以 * 结尾表示按前缀匹配',
        'must be a stream name of 1 to 200 characters; end it with * to match a prefix',
      );
    else filter.stream = { name, prefix };
  }

  const typeValue = query.type;
  if (typeValue !== undefined) {
    const given = Array.isArray(typeValue) ? typeValue : [typeValue];
    if (!given.every((t): t is string => typeof t === 'string')) {
      refuse('type', 'isString', 'type 须为事件类型名称', 'must be event type names');
    } else {
      const types = [...new Set(given.flatMap((t) => t.split(',')).map((t) => t.trim()))];
      const unknown = types.filter((t) => !KNOWN_TYPES.has(t));
      if (types.length > 30)
        refuse('type', 'arrayMaxSize', 'type 最多30项', 'must list at most 30 event types');
      else if (unknown.length > 0)
        refuse(
          'type',
          'isEventType',
          `type 含未知的事件类型：${unknown.slice(0, 5).join('、') || '（空）'}`,
          `names unknown event types: ${unknown.slice(0, 5).join(', ') || '(empty)'}`,
        );
      else filter.types = types;
    }
  }

  const actorText = single('actorId');
  if (actorText !== undefined) {
    if (actorText.length === 0 || actorText.length > 64)
      refuse('actorId', 'isId', 'actorId 须为1到64个字符的用户ID', 'must be a user id of 1 to 64 characters');
    else filter.actorId = actorText;
  }

  const instant = (field: 'from' | 'to'): number | undefined => {
    const text = single(field);
    if (text === undefined) return undefined;
    if (isCalendarDate(text))
      return calendar.instantAt(field === 'from' ? text : addDays(text, 1), 0).getTime();
    const ms = DATE_TIME.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(ms)) {
      refuse(
        field,
        'isDateOrDateTime',
        `${field} 须为日期（YYYY-MM-DD，法院所在时区）或带时区的时间（如 2026-11-20T08:00:00+08:00）`,
        "must be a date YYYY-MM-DD (in the court's time zone) or an ISO date-time with an offset",
      );
      return undefined;
    }
    // A date-time `to` includes its own instant.
    return field === 'to' ? ms + 1 : ms;
  };
  filter.fromMs = instant('from');
  filter.beforeMs = instant('to');
  if (filter.fromMs !== undefined && filter.beforeMs !== undefined && filter.beforeMs <= filter.fromMs)
    refuse('to', 'notBeforeFrom', 'to 不能早于 from', 'must not be earlier than from');

  if (problems.length > 0) throw new RequestValidationError(problems);
  return { after, limit, filter };
}

/** True when the query narrows the feed. */
export function isFiltered(filter: AuditFilter): boolean {
  return (
    filter.stream !== undefined ||
    filter.types !== undefined ||
    filter.actorId !== undefined ||
    filter.fromMs !== undefined ||
    filter.beforeMs !== undefined
  );
}
