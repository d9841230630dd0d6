import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMeta, RequestValidationError } from '@tracker/command-path';
import { DirectoryView } from '@tracker/read-models';
import { ChangePasswordCommand } from '../directory/directory.commands';
import { Meta } from '../http/command-meta.decorator';
import { TextField } from '../http/fields';
import { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './current-user.decorator';
import { AllowedBeforePasswordChange } from './password-change.guard';
import { PasswordHasher } from './password-hasher';
import { brokenPasswordRule, NewPasswordField, PASSWORD_RULES } from './password-policy';
import { Sessions } from './sessions';

export class ChangeOwnPasswordDto {
  @TextField('当前密码', 200, { secret: true })
  currentPassword!: string;

  @NewPasswordField('新密码')
  newPassword!: string;
}

const refuse = (field: string, rule: string, zh: string, en: string) =>
  new RequestValidationError([{ field, rule, messages: { zh, en } }]);

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class PasswordController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryView,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
  ) {}

  @Post('password')
  @HttpCode(200)
  @AllowedBeforePasswordChange()
  @ApiOperation({
    summary:
      '修改本人密码：须提供当前密码；其他会话全部失效，返回本会话的新令牌 { accessToken }，并更新本会话的 Cookie',
  })
  async change(
    @Body() body: ChangeOwnPasswordDto,
    @CurrentUser() user: AuthenticatedUser,
    @Meta() meta: CommandMeta,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ accessToken: string }> {
    const account = this.directory.user(user.userId);
    if (!account || !(await this.hasher.verify(account.passwordHash, body.currentPassword)))
      throw refuse('currentPassword', 'isCurrentPassword', '当前密码不正确', 'is not the current password');
    const broken = brokenPasswordRule(body.newPassword, account.username);
    if (broken) throw refuse('newPassword', broken, PASSWORD_RULES[broken].zh, PASSWORD_RULES[broken].en);
    if (await this.hasher.verify(account.passwordHash, body.newPassword))
      throw refuse(
        'newPassword',
        'isNewPassword',
        '新密码不能与当前密码相同',
        'must differ from the current password',
      );
    const { recordedNow } = await this.commands.execute(
      new ChangePasswordCommand(user.userId, body.newPassword, meta),
    );
    // Every earlier token of the account is dead now; this session goes on with the next version.
    const sessionVersion = account.sessionVersion + (recordedNow ? 1 : 0);
    const accessToken = await this.sessions.issue(
      { ...account, sessionVersion },
      user.sessionId,
      request,
      response,
    );
    return { accessToken };
  }
}
