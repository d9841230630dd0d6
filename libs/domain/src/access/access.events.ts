/**
 * The access log (登录日志): what happened at the door, recorded as it happened — not decided by a
 * decider, since the API observes these facts rather than choosing them. One stream per court
 * day, append-only and hash-chained like every other, read by inspectors in the audit feed.
 */

/** A right password: a session begins. Its refresh and access tokens carry `sessionId`. */
export interface SignedIn {
  type: 'SignedIn';
  data: { sessionId: string; userId: string; address: string };
}

/**
 * A login refused after the password was checked: wrong (or an unknown username, `userId` null),
 * or right for an account that may not sign in.
 */
export interface SignInFailed {
  type: 'SignInFailed';
  data: {
    username: string;
    userId: string | null;
    address: string;
    reason: 'wrong_password' | 'account_disabled' | 'account_awaiting_grant';
  };
}

/** Too many wrong passwords: the account (or the client address) is locked for `seconds`. */
export interface SignInLocked {
  type: 'SignInLocked';
  data: { username: string; address: string; scope: 'account' | 'address'; seconds: number };
}

/** 退出登录: the session ends; its refresh cookie and access tokens stop working. */
export interface SignedOut {
  type: 'SignedOut';
  data: { sessionId: string; userId: string };
}

/**
 * What was read: the exports, downloads and histories inspectors ask about ("who looked at what").
 * A kind names the route's purpose, not its URL, so a renamed route keeps its kind.
 */
export const READ_KINDS = [
  'ledger_export', // 销号台账 (xlsx)
  'bulletin_export', // 督办通报 (xlsx)
  'report_export', // 整改统计表 (xlsx), 整改进展情况报告 (docx)
  'audit_export', // 审计导出 (zip)
  'attachment_download', // 佐证材料
  'measure_history', // 措施的历史记录
  'audit_feed', // 审计记录
  'access_log', // 访问日志 itself
  'audit_findings', // 审计发现
] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** The ids a read names, as the route received them (absent when it has none of that kind). */
export interface ReadResource {
  measureId?: string;
  attachmentId?: string;
  campaignId?: string;
  bulletinId?: string;
  departmentId?: string;
  /** The request's path and query string, as sent (e.g. /api/v1/ledger.xlsx?campaignId=c-1). */
  path: string;
}

/**
 * 查阅记录: a sensitive read answered (`granted`) or refused (`refused`, with the HTTP status and
 * error code). Recorded by the API's read log after the route decided, before the body is sent
 * for every route that returns its answer; the reader is the actor in the metadata.
 */
export interface SensitiveRead {
  type: 'SensitiveRead';
  data: {
    kind: ReadKind;
    resource: ReadResource;
    address: string;
    outcome: 'granted' | 'refused';
    status: number;
    /** The refusal's error code (`read_forbidden`, `measure.not_found`…); null when granted. */
    code: string | null;
  };
}

export type AccessEvent = SignedIn | SignInFailed | SignInLocked | SignedOut | SensitiveRead;

export const ACCESS_EVENT_TYPES: readonly AccessEvent['type'][] = [
  'SignedIn',
  'SignInFailed',
  'SignInLocked',
  'SignedOut',
  'SensitiveRead',
];
