import { JwtService } from '@nestjs/jwt';
import { DirectoryView } from '@tracker/read-models';
import { AuthenticatedUser } from './authenticated-user';

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
  let subject: string | undefined;
  try {
    subject = (await jwt.verifyAsync<{ sub?: string }>(token)).sub;
  } catch {
    return undefined;
  }
  const user = subject ? directory.user(subject) : undefined;
  if (!user) return undefined;
  return {
    userId: user.id,
    role: user.role,
    departmentId: user.departmentId,
    secretary: user.secretary,
    username: user.username,
    displayName: user.displayName,
  };
}
