import { Role } from '@tracker/domain';
import { CommandMeta } from '@tracker/command-path';

export class CreateDepartmentCommand {
  constructor(
    readonly data: { name: string },
    readonly meta: CommandMeta,
  ) {}
}

export class RegisterUserCommand {
  constructor(
    readonly data: {
      username: string;
      password: string;
      displayName: string;
      role: Role;
      departmentId: string | null;
      secretary: boolean;
    },
    readonly meta: CommandMeta,
  ) {}
}
