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
    /** The id a grant gets if the role asked for needs the secretary's confirmation. */
    grantId: string;
    /** The owner must replace this password at the first sign-in. */
    passwordTemporary?: boolean;
  };
  context: CommandContext;
}

/** Disable (someone who left) or enable again an account: the administrator's. */
export interface SetUserEnabled {
  type: 'DisableUser' | 'EnableUser';
  data: { userId: string };
  context: CommandContext;
}

/**
 * A new password hash for an account: by its owner (who proved the current one at the edge), or
 * by the administrator as a temporary one.
 */
export interface ChangePassword {
  type: 'ChangePassword';
  data: { userId: string; passwordHash: string };
  context: CommandContext;
}

/** 机构改革: a department's new name, or its retirement. The administrator's. */
export interface RenameDepartment {
  type: 'RenameDepartment';
  data: { departmentId: string; name: string };
  context: CommandContext;
}

export interface RetireDepartment {
  type: 'RetireDepartment';
  data: { departmentId: string };
  context: CommandContext;
}

/**
 * The administrator changes an account: its display name, department, role or secretary post.
 * Whatever is left out stays as it is.
 */
export interface ChangeUser {
  type: 'ChangeUser';
  data: {
    userId: string;
    grantId: string;
    displayName?: string;
    departmentId?: string | null;
    role?: Role;
    secretary?: boolean;
  };
  context: CommandContext;
}

/** The secretary's answer to a pending grant. */
export interface DecideGrant {
  type: 'ConfirmGrant' | 'RejectGrant';
  data: { grantId: string };
  context: CommandContext;
}

export type DirectoryCommand =
  | CreateDepartment
  | RenameDepartment
  | RetireDepartment
  | RegisterUser
  | SetUserEnabled
  | ChangePassword
  | ChangeUser
  | DecideGrant;
