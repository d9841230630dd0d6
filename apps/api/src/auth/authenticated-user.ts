import { Actor } from '@tracker/domain';

/** The caller, as the JWT guard resolved them from the directory on this request. */
export interface AuthenticatedUser extends Actor {
  username: string;
  displayName: string;
  /** Signed in with a temporary password: only changing it is allowed until then. */
  mustChangePassword: boolean;
  /** The sign-in this request's token belongs to (ended by 退出登录). */
  sessionId: string;
}
