import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomInt } from 'node:crypto';
import { Reads, Roles } from '../auth/roles.decorator';
import { CommandMeta } from '@tracker/command-path';
import { Meta } from '../http/command-meta.decorator';
import { DirectoryView, GrantRecord } from '@tracker/read-models';
import { ReadYourWrites } from '../http/read-your-writes';
import {
  ChangeDepartmentCommand,
  ChangePasswordCommand,
  ChangeUserCommand,
  CreateDepartmentCommand,
  DecideGrantCommand,
  RegisterUserCommand,
  SetUserEnabledCommand,
} from './directory.commands';
import { ResetAlreadyAnsweredError } from './directory.handlers';
import { ChangeUserDto, CreateDepartmentDto, RegisterUserDto, RenameDepartmentDto } from './directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryView,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('departments')
  createDepartment(@Body() body: CreateDepartmentDto, @Meta() meta: CommandMeta): Promise<{ id: string }> {
    return this.commands.execute(new CreateDepartmentCommand({ name: body.name }, meta));
  }

  @Patch('departments/:id')
  @Roles('admin')
  @ApiOperation({ summary: '部门更名（机构改革）：其措施和记录随之使用新名称' })
  async renameDepartment(
    @Param('id') id: string,
    @Body() body: RenameDepartmentDto,
    @Meta() meta: CommandMeta,
  ) {
    await this.commands.execute(new ChangeDepartmentCommand(id, { kind: 'rename', name: body.name }, meta));
    await this.readYourWrites.settle();
    return this.department(id);
  }

  @Post('departments/:id/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '撤销部门：保留其全部记录，不能再承担新的问题和措施' })
  async retireDepartment(@Param('id') id: string, @Meta() meta: CommandMeta) {
    await this.commands.execute(new ChangeDepartmentCommand(id, { kind: 'retire' }, meta));
    await this.readYourWrites.settle();
    return this.department(id);
  }

  @Get('departments')
  @Reads('directory')
  listDepartments() {
    return this.directory.listDepartments();
  }

  @Post('users')
  registerUser(@Body() body: RegisterUserDto, @Meta() meta: CommandMeta): Promise<{ id: string }> {
    return this.commands.execute(
      new RegisterUserCommand(
        {
          username: body.username,
          password: body.password,
          displayName: body.displayName,
          role: body.role,
          departmentId: body.departmentId ?? null,
          secretary: body.secretary ?? false,
        },
        meta,
      ),
    );
  }

  /** Leaders pick the responsible leader (责任领导) of a measure from this list. */
  @Get('leaders')
  @Reads('directory')
  listLeaders() {
    return this.directory
      .listUsers()
      .filter((u) => u.role === 'leader')
      .map((u) => ({ id: u.id, displayName: u.displayName, secretary: u.secretary }));
  }

  @Get('users')
  @Reads('accounts')
  listUsers() {
    return this.directory.listUsers().map((user) => this.present(user.id));
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '停用账号（离职等）：不能再登录，已签发的令牌立即失效；不删除任何记录' })
  async disable(@Param('id') id: string, @Meta() meta: CommandMeta) {
    await this.commands.execute(new SetUserEnabledCommand(id, false, meta));
    await this.readYourWrites.settle();
    return this.present(id);
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '重新启用已停用的账号' })
  async enable(@Param('id') id: string, @Meta() meta: CommandMeta) {
    await this.commands.execute(new SetUserEnabledCommand(id, true, meta));
    await this.readYourWrites.settle();
    return this.present(id);
  }

  @Patch('users/:id')
  @Roles('admin')
  @ApiOperation({
    summary:
      '修改账号：姓名、所在部门、角色、是否党组书记。授予党组成员角色或党组书记职务须经现任党组书记确认（返回 pendingGrant）；角色变更后该账号所有会话失效',
  })
  async changeUser(@Param('id') id: string, @Body() body: ChangeUserDto, @Meta() meta: CommandMeta) {
    await this.commands.execute(new ChangeUserCommand(id, body, meta));
    await this.readYourWrites.settle();
    return this.present(id);
  }

  @Get('grants')
  @Reads('grants')
  @ApiOperation({
    summary: '授权申请（党组成员角色、党组书记职务）：待确认、已确认、已驳回、未经确认即生效的',
  })
  listGrants() {
    return this.directory.listGrants().map((grant) => this.presentGrant(grant));
  }

  @Post('grants/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '党组书记确认授权：生效，该账号所有会话失效；确认新任书记即交接书记职务' })
  confirmGrant(@Param('id') id: string, @Meta() meta: CommandMeta) {
    return this.decideGrant(id, 'confirm', meta);
  }

  @Post('grants/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '党组书记驳回授权：账号保持原有角色' })
  rejectGrant(@Param('id') id: string, @Meta() meta: CommandMeta) {
    return this.decideGrant(id, 'reject', meta);
  }

  private async decideGrant(id: string, decision: 'confirm' | 'reject', meta: CommandMeta) {
    await this.commands.execute(new DecideGrantCommand(id, decision, meta));
    await this.readYourWrites.settle();
    const grant = this.directory.listGrants().find((g) => g.id === id);
    if (!grant)
      throw new NotFoundException({
        code: 'grant.unknown',
        messages: { zh: '授权申请不存在', en: 'Unknown grant' },
      });
    return this.presentGrant(grant);
  }

  /** A grant with the names of the people in it, as the secretary decides it. */
  private presentGrant(grant: GrantRecord) {
    const person = (userId: string | null) => {
      const user = userId === null ? undefined : this.directory.user(userId);
      return user ? { id: user.id, username: user.username, displayName: user.displayName } : null;
    };
    const { userId, requestedBy, decidedBy, ...rest } = grant;
    return {
      ...rest,
      user: person(userId),
      requestedBy: person(requestedBy),
      decidedBy: person(decidedBy),
    };
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      '重置密码：返回一次性的临时密码（只显示这一次），用户下次登录须改为自己的密码；该账号所有会话立即失效',
  })
  async resetPassword(
    @Param('id') id: string,
    @Meta() meta: CommandMeta,
  ): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = temporaryPasswordOf();
    const { recordedNow } = await this.commands.execute(
      new ChangePasswordCommand(id, temporaryPassword, meta),
    );
    if (!recordedNow) throw new ResetAlreadyAnsweredError();
    return { temporaryPassword };
  }

  private department(id: string) {
    const department = this.directory.department(id);
    if (!department)
      throw new NotFoundException({
        code: 'department.unknown',
        messages: { zh: '部门不存在', en: 'Unknown department' },
      });
    return department;
  }

  /** An account as the administrator sees it: never its password hash. */
  private present(id: string) {
    const user = this.directory.user(id);
    if (!user)
      throw new NotFoundException({
        code: 'user.unknown',
        messages: { zh: '用户不存在', en: 'Unknown user' },
      });
    const { passwordHash: _hidden, sessionVersion: _sessions, ...shown } = user;
    const pending = this.directory.listGrants().find((g) => g.userId === id && g.status === 'pending');
    return {
      ...shown,
      pendingGrant: pending
        ? {
            id: pending.id,
            role: pending.role,
            departmentId: pending.departmentId,
            secretary: pending.secretary,
          }
        : null,
    };
  }
}

/** Letters and digits that cannot be misread (no 0/O, 1/l/I), in four groups: read out over the phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function temporaryPasswordOf(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
