import { JwtService } from '@nestjs/jwt';
import { DirectoryView, UserRecord } from '@tracker/read-models';
import { AuthenticatedUser } from './authenticated-user';

/**
 * What a token says: whose it is, which session (sign-in) it belongs to, and under which of the
 * account's session versions it was issued. `typ: 'session'` marks the long-lived token kept in
 * the HttpOnly session cookie, which only renews access tokens; an access token has no `typ`.
 */
export interface TokenClaims {
  sub?: unknown;
  exp?: unknown;
  sv?: unknown;
  sid?: unknown;
  typ?: unknown;
}

export type TokenKind = 'access' | 'session';

/** The claims signed for a session's tokens. */
export const claimsOf = (
  user: Pick<UserRecord, 'id' | 'role' | 'sessionVersion'>,
  sessionId: string,
  kind: TokenKind,
) => ({
  sub: user.id,
  role: user.role,
  sv: user.sessionVersion,
  sid: sessionId,
  ...(kind === 'session' ? { typ: 'session' } : {}),
});

/** What a 401 says, wherever a token is checked. */
export const UNAUTHENTICATED = {
  code: 'unauthenticated',
  messages: { zh: '请先登录（缺少或无效的访问令牌）', en: 'A valid bearer token is required' },
} as const;

/**
 * The user a token of this kind speaks for, looked up in the directory on each call so the role
 * and department in force are the current ones; undefined for a missing, invalid, expired or
 * revoked token, or one of the other kind.
 */
export async function userOfToken(
  jwt: JwtService,
  directory: DirectoryView,
  token: string | undefined,
  kind: TokenKind = 'access',
): Promise<AuthenticatedUser | undefined> {
  if (!token) return undefined;
  let claims: TokenClaims;
  try {
    claims = await jwt.verifyAsync<TokenClaims>(token);
  } catch {
    return undefined;
  }
  // A token that never expires, or belongs to no session, is refused even when correctly signed.
  if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string') return undefined;
  if ((claims.typ === 'session') !== (kind === 'session')) return undefined;
  const user = typeof claims.sub === 'string' ? directory.user(claims.sub) : undefined;
  // Disabled, its sessions ended since (password or position changed, account disabled), or this
  // session signed out: the token is dead.
  if (!user || user.disabled || user.awaitingGrant || claims.sv !== user.sessionVersion) return undefined;
  if (directory.sessionEnded(claims.sid)) return undefined;
  return {
    userId: user.id,
    role: user.role,
    departmentId: user.departmentId,
    secretary: user.secretary,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    sessionId: claims.sid,
  };
}
