import { Role } from '../shared/actor';
import { CommandContext } from '../shared/command-context';

export interface CreateDepartment {
  type: 'CreateDepartment';
  data: { departmentId: string; name: string };
  context: CommandContext;
}

export interface RegisterUser {
  type: 'RegisterUser';
  data: {
    userId: string;
    username: string;
    displayName: string;
    role: Role;
    departmentId: string | null;
    secretary: boolean;
    passwordHash: string;
  };
  context: CommandContext;
}

export type DirectoryCommand = CreateDepartment | RegisterUser;
