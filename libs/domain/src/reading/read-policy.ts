import { Actor, Role } from '../shared/actor';

/**
 * What a caller may read, beside the write rules the deciders hold. The wall chart is everyone's;
 * a measure's history, its evidence files and the ledger are for leaders, inspectors and the measure's own department;
 * the audit feed and the access log (who read what) are the inspectors'; grants of the leader role and the secretary post are seen by
 * the Party group (whose secretary decides them), by inspectors and the administrator; the administrator runs accounts and never reads business
 * records (the wall chart and the campaign list excepted: support needs to see what users see).
 */
export const READABLES = [
  'board',
  'campaignList',
  'directory',
  'campaign',
  'measureHistory',
  'attachments',
  'ledger',
  'summary',
  'bulletins',
  'alerts',
  'approvals',
  'myMeasures',
  'audit',
  'accessLog',
  'accounts',
  'grants',
] as const;
export type Readable = (typeof READABLES)[number];

/** all: every record; ownDepartment: those of the reader's department; none: 403. */
export type ReadScope = 'all' | 'ownDepartment' | 'none';

const A = 'all';
const D = 'ownDepartment';
const N = 'none';

// prettier-ignore
export const READ_MATRIX: Record<Readable, Record<Role, ReadScope>> = {
  //                 leader  department_head  inspector  admin
  board:          { leader: A, department_head: A, inspector: A, admin: A },
  campaignList:   { leader: A, department_head: A, inspector: A, admin: A },
  directory:      { leader: A, department_head: A, inspector: A, admin: A },
  campaign:       { leader: A, department_head: A, inspector: A, admin: N },
  measureHistory: { leader: A, department_head: D, inspector: A, admin: N },
  // 佐证材料 (the list and the bytes) follow the rule of the measure's history.
  attachments:    { leader: A, department_head: D, inspector: A, admin: N },
  ledger:         { leader: A, department_head: D, inspector: A, admin: N },
  summary:        { leader: A, department_head: A, inspector: A, admin: N },
  bulletins:      { leader: A, department_head: A, inspector: A, admin: N },
  alerts:         { leader: A, department_head: A, inspector: A, admin: N },
  approvals:      { leader: A, department_head: N, inspector: N, admin: N },
  myMeasures:     { leader: A, department_head: A, inspector: N, admin: N },
  audit:          { leader: N, department_head: N, inspector: A, admin: N },
  // 访问日志: who read what and who signed in — the inspectors' alone, as the audit feed.
  accessLog:      { leader: N, department_head: N, inspector: A, admin: N },
  accounts:       { leader: N, department_head: N, inspector: N, admin: A },
  grants:         { leader: A, department_head: N, inspector: A, admin: A },
};

/** The tracker itself (`system`) reads everything; it never reads over HTTP. */
export function readScope(role: Actor['role'], what: Readable): ReadScope {
  return role === 'system' ? 'all' : READ_MATRIX[what][role];
}

/** Whether a reader of this role and department may read a record of `departmentId`. */
export function mayReadRecordOf(
  reader: { role: Actor['role']; departmentId: string | null },
  what: Readable,
  departmentId: string,
): boolean {
  const scope = readScope(reader.role, what);
  return scope === 'all' || (scope === 'ownDepartment' && reader.departmentId === departmentId);
}
