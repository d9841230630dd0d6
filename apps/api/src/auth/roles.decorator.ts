import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@tracker/domain';
import { AuthenticatedUser } from './authenticated-user';

const ROLES_KEY = 'roles';
/** Restricts a read route to some roles. Business writes are authorised by the domain instead. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (user && roles.includes(user.role as Role)) return true;
    throw new ForbiddenException({
      code: 'role_forbidden',
      messages: {
        zh: `此操作仅限以下角色：${roles.join('、')}`,
        en: `Only these roles may do this: ${roles.join(', ')}`,
      },
    });
  }
}
