import { JwtService } from '@nestjs/jwt';
import { DirectoryView } from '@tracker/read-models';
import { AuthenticatedUser } from './authenticated-user';

/** What an access token says: whose it is, and under which of the account's session versions it was issued. */
export interface TokenClaims {
  sub?: unknown;
  exp?: unknown;
  sv?: number;
}

/** The claims signed at login. */
export const claimsOf = (user: { id: string; role: string; sessionVersion: number }) => ({
  sub: user.id,
  role: user.role,
  sv: user.sessionVersion,
});

/** What a 401 says, wherever a token is checked. */
export const UNAUTHENTICATED = {
  code: 'unauthenticated',
  messages: { zh: '请先登录（缺少或无效的访问令牌）', en: 'A valid bearer token is required' },
} as const;

/**
 * The user a token speaks for, looked up in the directory on each call so the role and
 * department in force are the current ones; undefined for a missing, invalid or unknown token.
 */
export async function userOfToken(
  jwt: JwtService,
  directory: DirectoryView,
  token: string | undefined,
): Promise<AuthenticatedUser | undefined> {
  if (!token) return undefined;
  let claims: TokenClaims;
  try {
    claims = await jwt.verifyAsync<TokenClaims>(token);
  } catch {
    return undefined;
  }
  // A token that never expires is refused even when correctly signed.
  if (typeof claims.exp !== 'number') return undefined;
  const user = typeof claims.sub === 'string' ? directory.user(claims.sub) : undefined;
  // Disabled, or its sessions ended since (password changed, account disabled): the token is dead.
  if (!user || user.disabled || user.awaitingGrant || (claims.sv ?? 0) !== user.sessionVersion)
    return undefined;
  return {
    userId: user.id,
    role: user.role,
    departmentId: user.departmentId,
    secretary: user.secretary,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
  };
}
