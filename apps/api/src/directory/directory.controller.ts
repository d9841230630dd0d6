import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from '@tracker/command-path';
import { Meta } from '../http/command-meta.decorator';
import { DirectoryView } from '@tracker/read-models';
import { CreateDepartmentCommand, RegisterUserCommand } from './directory.commands';
import { CreateDepartmentDto, RegisterUserDto } from './directory.dto';

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

  @Get('departments')
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
  listLeaders() {
    return this.directory
      .listUsers()
      .filter((u) => u.role === 'leader')
      .map((u) => ({ id: u.id, displayName: u.displayName, secretary: u.secretary }));
  }

  @Get('users')
  @Roles('admin')
  listUsers() {
    return this.directory.listUsers().map(({ passwordHash: _hidden, ...user }) => user);
  }
}
