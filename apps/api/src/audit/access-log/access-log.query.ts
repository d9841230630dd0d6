import { CourtCalendar, FieldProblem, RequestValidationError } from '@tracker/command-path';
import { AccessEvent, READ_KINDS, ReadKind, STREAM_PREFIX } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { AuditQuery, parseAuditQuery } from '../audit-query';

/** A sign-in's kinds in the access log, beside the read kinds (READ_KINDS). */
export const DOOR_KINDS = {
  sign_in: 'SignedIn',
  sign_in_failed: 'SignInFailed',
  sign_in_locked: 'SignInLocked',
  sign_out: 'SignedOut',
} as const satisfies Record<string, Exclude<AccessEvent['type'], 'SensitiveRead'>>;
export type DoorKind = keyof typeof DOOR_KINDS;
export type AccessKind = ReadKind | DoorKind;
export const ACCESS_KINDS: readonly AccessKind[] = [
  ...(Object.keys(DOOR_KINDS) as DoorKind[]),
  ...READ_KINDS,
];
const KNOWN = new Set<string>(ACCESS_KINDS);

export const ACCESS_QUERY_FIELDS = ['after', 'limit', 'actor', 'kind', 'from', 'to'] as const;
const ALLOWED = new Set<string>(ACCESS_QUERY_FIELDS);

/** The kind an access-log event is listed under; undefined for an event of no access kind. */
export function kindOf(event: Pick<RecordedEvent, 'type' | 'data'>): AccessKind | undefined {
  if (event.type === 'SensitiveRead') {
    const kind = (event.data as { kind?: unknown } | null)?.kind;
    return typeof kind === 'string' && KNOWN.has(kind) ? (kind as AccessKind) : undefined;
  }
  const door = (Object.keys(DOOR_KINDS) as DoorKind[]).find((k) => DOOR_KINDS[k] === event.type);
  return door;
}

/**
 * GET /audit/access?actor=&kind=&from=&to=&after=&limit=: the audit feed's paging and dates over
 * the access streams only, by who (`actor`, a user id) and what (`kind`, repeated or comma-separated).
 */
export function parseAccessQuery(query: Record<string, unknown>, calendar: CourtCalendar): AuditQuery {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, rule: string, zh: string, en: string) =>
    problems.push({ field, rule, messages: { zh, en } });
  for (const field of Object.keys(query))
    if (!ALLOWED.has(field))
      refuse(field, 'whitelistValidation', `不允许的字段：${field}`, `${field} is not an allowed field`);

  const actor = query.actor;
  let actorId: string | undefined;
  if (actor !== undefined) {
    if (typeof actor !== 'string')
      refuse('actor', 'single', 'actor 只能填写一个值', 'must be given once, as text');
    else if (actor.length === 0 || actor.length > 64)
      refuse('actor', 'isId', 'actor 须为1到64个字符的用户ID', 'must be a user id of 1 to 64 characters');
    else actorId = actor;
  }

  let kinds: Set<string> | undefined;
  if (query.kind !== undefined) {
    const given = Array.isArray(query.kind) ? query.kind : [query.kind];
    if (!given.every((k): k is string => typeof k === 'string')) {
      refuse('kind', 'isString', 'kind 须为访问类型名称', 'must be access kinds');
    } else {
      const names = [...new Set(given.flatMap((k) => k.split(',')).map((k) => k.trim()))];
      const unknown = names.filter((k) => !KNOWN.has(k));
      if (unknown.length > 0)
        refuse(
          'kind',
          'isAccessKind',
          `kind 含未知的访问类型：${unknown.slice(0, 5).join('、') || '（空）'}；可选：${ACCESS_KINDS.join('、')}`,
          `names unknown kinds: ${unknown.slice(0, 5).join(', ') || '(empty)'}; known: ${ACCESS_KINDS.join(', ')}`,
        );
      else kinds = new Set(names);
    }
  }

  const { actor: _a, kind: _k, ...rest } = query;
  const known = Object.fromEntries(Object.entries(rest).filter(([k]) => ALLOWED.has(k)));
  let parsed: AuditQuery | undefined;
  try {
    parsed = parseAuditQuery(known, calendar);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || parsed === undefined) throw new RequestValidationError(problems);

  const types = kinds === undefined ? undefined : typesOf(kinds);
  return {
    ...parsed,
    filter: {
      ...parsed.filter,
      stream: { name: STREAM_PREFIX.access, prefix: true },
      actorId,
      types,
      where: (event) => {
        const kind = kindOf(event);
        return kind !== undefined && (kinds === undefined || kinds.has(kind));
      },
    },
  };
}

function typesOf(kinds: Set<string>): string[] {
  const types = new Set<string>();
  for (const kind of kinds) types.add(kind in DOOR_KINDS ? DOOR_KINDS[kind as DoorKind] : 'SensitiveRead');
  return [...types];
}
