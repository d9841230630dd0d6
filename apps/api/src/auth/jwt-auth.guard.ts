import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';
import { DirectoryView } from '../read-models/directory.view';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';

const unauthorized = () =>
  new UnauthorizedException({
    code: 'unauthenticated',
    messages: { zh: '请先登录（缺少或无效的访问令牌）', en: 'A valid bearer token is required' },
  });

/**
 * Every route needs a bearer token unless marked @Public(). The user is looked up in the
 * directory on each request, so the role and department in force are the current ones.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly directory: DirectoryView,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw unauthorized();
    let payload: { sub?: string };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: string }>(token);
    } catch {
      throw unauthorized();
    }
    const user = payload.sub ? this.directory.user(payload.sub) : undefined;
    if (!user) throw unauthorized();
    request.user = {
      userId: user.id,
      role: user.role,
      departmentId: user.departmentId,
      secretary: user.secretary,
      username: user.username,
      displayName: user.displayName,
    };
    return true;
  }
}
