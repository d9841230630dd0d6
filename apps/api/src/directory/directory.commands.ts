import { Role } from '@tracker/domain';
import { CommandMeta } from '../event-sourcing/command-meta';

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
