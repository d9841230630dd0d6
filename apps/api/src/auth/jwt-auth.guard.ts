import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';
import { DirectoryView } from '@tracker/read-models';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';
import { UNAUTHENTICATED, userOfToken } from './token-user';

const unauthorized = () => new UnauthorizedException(UNAUTHENTICATED);

/** Every route needs a bearer token unless marked @Public(); see userOfToken. */
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
    const user = await userOfToken(this.jwt, this.directory, scheme === 'Bearer' ? token : undefined);
    if (!user) throw unauthorized();
    request.user = user;
    return true;
  }
}
