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

export type AccessEvent = SignedIn | SignInFailed | SignInLocked | SignedOut;

export const ACCESS_EVENT_TYPES: readonly AccessEvent['type'][] = [
  'SignedIn',
  'SignInFailed',
  'SignInLocked',
  'SignedOut',
];
