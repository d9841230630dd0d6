import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { TextField } from '../http/fields';
import { DirectoryView } from '@tracker/read-models';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { Public } from './public.decorator';
import { claimsOf } from './token-user';

export class LoginDto {
  @TextField('用户名', 64)
  username!: string;

  @TextField('密码', 200, { secret: true })
  password!: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly directory: DirectoryView,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ accessToken }' })
  @ApiTooManyRequestsResponse({
    description:
      'too many wrong passwords for this account or from this address: `Retry-After` says when to try again',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
  ): Promise<{ accessToken: string; user: object }> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    await this.throttle.assertOpen(body.username, address);
    const user = this.directory.userByUsername(body.username);
    // An unknown username costs a hash verification too: its answer must not come sooner.
    const verified = await this.hasher.verify(user?.passwordHash ?? null, body.password);
    if (!user || !verified) {
      await this.throttle.failed(body.username, address);
      throw new UnauthorizedException({
        code: 'invalid_credentials',
        messages: { zh: '用户名或密码错误', en: 'Wrong username or password' },
      });
    }
    await this.throttle.succeeded(body.username);
    if (user.disabled) {
      throw new UnauthorizedException({
        code: 'account_disabled',
        messages: { zh: '该账号已停用，请联系系统管理员', en: 'This account is disabled' },
      });
    }
    if (user.awaitingGrant) {
      throw new UnauthorizedException({
        code: 'account_awaiting_grant',
        messages: {
          zh: '该账号的角色授权尚待党组书记确认，确认后即可登录',
          en: "This account's role awaits the secretary's confirmation",
        },
      });
    }
    const accessToken = await this.jwt.signAsync(claimsOf(user));
    return {
      accessToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        departmentId: user.departmentId,
        secretary: user.secretary,
        mustChangePassword: user.mustChangePassword,
      },
    };
  }
}
