import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';
import { DirectoryView } from '@tracker/read-models';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';
import { UNAUTHENTICATED, userOfToken } from './token-user';

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

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
    const user = await userOfToken(this.jwt, this.directory, bearerToken(request.headers.authorization));
    if (!user) throw unauthorized();
    request.user = user;
    return true;
  }
}
