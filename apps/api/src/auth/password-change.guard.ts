import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedUser } from './authenticated-user';

const ALLOWED = 'allowedBeforePasswordChange';
/** Marks the few routes a user signed in with a temporary password may use: who am I, change it. */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED, true);

/**
 * After an administrator's reset, the temporary password opens one door: choosing a new one.
 * Every other route answers 403 until then, so a password read out over the phone never becomes
 * the account's lasting password.
 */
@Injectable()
export class PasswordChangeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!user?.mustChangePassword) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOWED, [context.getHandler(), context.getClass()]))
      return true;
    throw new ForbiddenException({
      code: 'password_change_required',
      messages: {
        zh: '请先把临时密码改为自己的密码（修改密码），再使用系统',
        en: 'Change the temporary password first (POST /api/v1/me/password)',
      },
    });
  }
}
