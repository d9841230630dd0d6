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
      /** The owner must choose their own password at the first sign-in. */
      passwordTemporary?: boolean;
    },
    readonly meta: CommandMeta,
  ) {}
}

/** 停用 / 启用 an account (the administrator's). */
export class SetUserEnabledCommand {
  constructor(
    readonly userId: string,
    readonly enabled: boolean,
    readonly meta: CommandMeta,
  ) {}
}

/** A new password for an account: its owner's own, or the administrator's temporary one. */
export class ChangePasswordCommand {
  constructor(
    readonly userId: string,
    readonly password: string,
    readonly meta: CommandMeta,
  ) {}
}

/** 机构改革: a department renamed, or retired (撤销). */
export class ChangeDepartmentCommand {
  constructor(
    readonly departmentId: string,
    readonly change: { kind: 'rename'; name: string } | { kind: 'retire' },
    readonly meta: CommandMeta,
  ) {}
}

/** The administrator changes an account's name or position (a leader role or secretary post becomes a grant). */
export class ChangeUserCommand {
  constructor(
    readonly userId: string,
    readonly change: {
      displayName?: string;
      departmentId?: string | null;
      role?: Role;
      secretary?: boolean;
    },
    readonly meta: CommandMeta,
  ) {}
}

/** The secretary confirms or rejects a pending grant. */
export class DecideGrantCommand {
  constructor(
    readonly grantId: string,
    readonly decision: 'confirm' | 'reject',
    readonly meta: CommandMeta,
  ) {}
}
