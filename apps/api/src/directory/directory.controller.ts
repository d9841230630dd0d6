import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomInt } from 'node:crypto';
import { Reads, Roles } from '../auth/roles.decorator';
import { CommandMeta } from '@tracker/command-path';
import { Meta } from '../http/command-meta.decorator';
import { DirectoryView } from '@tracker/read-models';
import {
  ChangeDepartmentCommand,
  ChangePasswordCommand,
  CreateDepartmentCommand,
  RegisterUserCommand,
  SetUserEnabledCommand,
} from './directory.commands';
import { ResetAlreadyAnsweredError } from './directory.handlers';
import { CreateDepartmentDto, RegisterUserDto, RenameDepartmentDto } from './directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryView,
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
    return { ...this.department(id), name: body.name.trim() };
  }

  @Post('departments/:id/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '撤销部门：保留其全部记录，不能再承担新的问题和措施' })
  async retireDepartment(@Param('id') id: string, @Meta() meta: CommandMeta) {
    await this.commands.execute(new ChangeDepartmentCommand(id, { kind: 'retire' }, meta));
    return { ...this.department(id), retired: true };
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
    // The read model catches up after the answer is built: this is the account as the write left it.
    return { ...this.present(id), disabled: true };
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '重新启用已停用的账号' })
  async enable(@Param('id') id: string, @Meta() meta: CommandMeta) {
    await this.commands.execute(new SetUserEnabledCommand(id, true, meta));
    return { ...this.present(id), disabled: false };
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
    return shown;
  }
}

/** Letters and digits that cannot be misread (no 0/O, 1/l/I), in four groups: read out over the phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function temporaryPasswordOf(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
