import { Body, Controller, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { TextField } from '../http/fields';
import { DirectoryView, UserRecord } from '@tracker/read-models';
import { LoginLockedError, LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { Public } from './public.decorator';
import { clientAddress, Sessions } from './sessions';
import { AuthenticatedUser } from './authenticated-user';
import { bearerToken } from './jwt-auth.guard';

export class LoginDto {
  @TextField('用户名', 64)
  username!: string;

  @TextField('密码', 200, { secret: true })
  password!: string;
}

/** What the web UI keeps of the signed-in user. */
const presentUser = (
  user: Pick<
    UserRecord,
    'id' | 'username' | 'displayName' | 'role' | 'departmentId' | 'secretary' | 'mustChangePassword'
  >,
) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  departmentId: user.departmentId,
  secretary: user.secretary,
  mustChangePassword: user.mustChangePassword,
});

const refusal = (code: string, zh: string, en: string) =>
  new UnauthorizedException({ code, messages: { zh, en } });

const SESSION_OVER = () =>
  refusal('session_ended', '登录已失效，请重新登录', 'The session has ended; sign in again');

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly directory: DirectoryView,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: Sessions,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '{ accessToken, user }; the session cookie (HttpOnly) renews the access token at POST /auth/refresh',
  })
  @ApiTooManyRequestsResponse({
    description:
      'too many wrong passwords for this account or from this address: `Retry-After` says when to try again',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ accessToken: string; user: object }> {
    const address = clientAddress(request);
    await this.throttle.assertOpen(body.username, address);
    const user = this.directory.userByUsername(body.username);
    // An unknown username costs a hash verification too: its answer must not come sooner.
    const verified = await this.hasher.verify(user?.passwordHash ?? null, body.password);
    const username = body.username.trim().toLowerCase();
    if (!user || !verified) {
      await this.sessions.record(
        {
          type: 'SignInFailed',
          data: { username, userId: user?.id ?? null, address, reason: 'wrong_password' },
        },
        user ?? null,
      );
      try {
        await this.throttle.failed(body.username, address);
      } catch (error) {
        if (error instanceof LoginLockedError && error.lock.started)
          await this.sessions.record(
            {
              type: 'SignInLocked',
              data: { username, address, scope: error.lock.scope, seconds: error.retryAfterSeconds },
            },
            user ?? null,
          );
        throw error;
      }
      throw refusal('invalid_credentials', '用户名或密码错误', 'Wrong username or password');
    }
    await this.throttle.succeeded(body.username);
    const closed = user.disabled
      ? refusal('account_disabled', '该账号已停用，请联系系统管理员', 'This account is disabled')
      : user.awaitingGrant
        ? refusal(
            'account_awaiting_grant',
            '该账号的角色授权尚待党组书记确认，确认后即可登录',
            "This account's role awaits the secretary's confirmation",
          )
        : null;
    if (closed) {
      const reason = user.disabled ? 'account_disabled' : 'account_awaiting_grant';
      await this.sessions.record(
        { type: 'SignInFailed', data: { username, userId: user.id, address, reason } },
        user,
      );
      throw closed;
    }
    const accessToken = await this.sessions.start(user, request, response);
    return { accessToken, user: presentUser(user) };
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ accessToken, user }: a new access token for the session in the cookie' })
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ accessToken: string; user: object }> {
    const session = await this.sessions.userOfCookie(request);
    const user = session ? this.directory.user(session.userId) : undefined;
    if (!session || !user) {
      this.sessions.clear(request, response);
      throw SESSION_OVER();
    }
    const accessToken = await this.sessions.issue(user, session.sessionId, request, response);
    return { accessToken, user: presentUser(user) };
  }

  /** Ends the session of the cookie (or of the bearer token): both stop working on every instance. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out (also when there was no live session)' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const user: AuthenticatedUser | undefined =
      (await this.sessions.userOfCookie(request)) ??
      (await this.sessions.userOfAccess(bearerToken(request.headers.authorization)));
    if (user) await this.sessions.end(user, request, response);
    else this.sessions.clear(request, response);
  }
}
