import { Actor } from '../shared/actor';
import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, refused } from '../shared/domain-error';
import {
  ChangePassword,
  CreateDepartment,
  DirectoryCommand,
  RegisterUser,
  RenameDepartment,
  RetireDepartment,
  SetUserEnabled,
} from './directory.commands';
import { DIRECTORY_EVENT_TYPES, DirectoryEvent, DirectoryState, DirectoryUser } from './directory.events';

/** Only the administrator (or the tracker itself, creating the first admin) manages accounts. */
function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'system') {
    throw forbidden(
      'directory.admin_only',
      '只有系统管理员可以管理部门和用户',
      'Only the administrator manages departments and users',
    );
  }
}

function createDepartment(command: CreateDepartment, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  if (state.departments.some((d) => d.departmentId === command.data.departmentId)) {
    throw conflict('department.exists', '该部门已存在', 'The department already exists');
  }
  const name = freeDepartmentName(command.data.name, state);
  return [{ type: 'DepartmentCreated', data: { departmentId: command.data.departmentId, name } }];
}

/** A department name, trimmed, not blank and not another department's. */
function freeDepartmentName(raw: string, state: DirectoryState): string {
  const name = raw.trim();
  if (name === '')
    throw invalid('name', 'department.name_blank', '部门名称不能为空', 'name must not be blank');
  if (state.departments.some((d) => d.name === name)) {
    throw conflict(
      'department.name_taken',
      `部门“${name}”已存在`,
      `A department named "${name}" already exists`,
    );
  }
  return name;
}

function existingDepartment(state: DirectoryState, departmentId: string) {
  const department = state.departments.find((d) => d.departmentId === departmentId);
  if (!department) throw notFound('department.unknown', '部门不存在', 'Unknown department');
  return department;
}

function renameDepartment(command: RenameDepartment, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  const department = existingDepartment(state, command.data.departmentId);
  if (department.name === command.data.name.trim()) return [];
  const name = freeDepartmentName(command.data.name, state);
  return [{ type: 'DepartmentRenamed', data: { departmentId: department.departmentId, name } }];
}

function retireDepartment(command: RetireDepartment, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  const department = existingDepartment(state, command.data.departmentId);
  if (department.retired)
    throw conflict('department.already_retired', '该部门已撤销', 'The department is already retired');
  return [{ type: 'DepartmentRetired', data: { departmentId: department.departmentId } }];
}

function registerUser(command: RegisterUser, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  const d = command.data;
  const username = d.username.trim().toLowerCase();
  if (username === '')
    throw invalid('username', 'user.username_blank', '用户名不能为空', 'username must not be blank');
  if (d.displayName.trim() === '')
    throw invalid('displayName', 'user.display_name_blank', '姓名不能为空', 'displayName must not be blank');
  if (state.users.some((u) => u.userId === d.userId)) {
    throw conflict('user.exists', '该用户已存在', 'The user already exists');
  }
  if (state.users.some((u) => u.username === username)) {
    throw conflict(
      'user.username_taken',
      `用户名“${username}”已被使用`,
      `The username "${username}" is taken`,
    );
  }
  if (d.departmentId !== null && !state.departments.some((dep) => dep.departmentId === d.departmentId)) {
    throw invalid('departmentId', 'department.unknown', '部门不存在', 'Unknown department');
  }
  if (d.role === 'department_head' && d.departmentId === null) {
    throw invalid(
      'departmentId',
      'user.department_required',
      '部门负责人须指定所在部门',
      'A department_head must belong to a department',
    );
  }
  if (d.secretary && d.role !== 'leader') {
    throw invalid(
      'secretary',
      'user.secretary_is_leader',
      '只有党组成员可以设为党组书记',
      'Only a leader can be the secretary',
    );
  }
  return [{ type: 'UserRegistered', data: { ...d, username, displayName: d.displayName.trim() } }];
}

function existingUser(state: DirectoryState, userId: string): DirectoryUser {
  const user = state.users.find((u) => u.userId === userId);
  if (!user) throw notFound('user.unknown', '用户不存在', 'Unknown user');
  return user;
}

function setUserEnabled(command: SetUserEnabled, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  const user = existingUser(state, command.data.userId);
  const disable = command.type === 'DisableUser';
  if (user.disabled === disable) {
    throw conflict(
      disable ? 'user.already_disabled' : 'user.already_enabled',
      disable ? '该账号已停用' : '该账号未停用',
      disable ? 'The account is already disabled' : 'The account is not disabled',
    );
  }
  if (disable && user.userId === command.context.actor.userId) {
    throw refused('user.disable_self', '不能停用自己的账号', 'You cannot disable your own account');
  }
  if (
    disable &&
    user.role === 'admin' &&
    !state.users.some((u) => u.role === 'admin' && !u.disabled && u.userId !== user.userId)
  ) {
    throw refused(
      'user.last_admin',
      '不能停用最后一个可用的系统管理员账号',
      'The last active administrator cannot be disabled',
    );
  }
  return [{ type: disable ? 'UserDisabled' : 'UserEnabled', data: { userId: user.userId } }];
}

/** Its owner changes a password; the administrator resets it to a temporary one. Nobody else. */
function changePassword(command: ChangePassword, state: DirectoryState): DirectoryEvent[] {
  const { actor } = command.context;
  const user = existingUser(state, command.data.userId);
  const own = actor.userId === user.userId;
  if (!own && actor.role !== 'admin') {
    throw forbidden(
      'user.password_not_yours',
      '只能修改本人的密码；忘记密码请联系系统管理员重置',
      'Only the owner changes a password; the administrator resets it',
    );
  }
  if (user.disabled) throw refused('user.disabled', '该账号已停用', 'The account is disabled');
  return [
    {
      type: 'PasswordChanged',
      data: { userId: user.userId, passwordHash: command.data.passwordHash, temporary: !own },
    },
  ];
}

const updateUser = (
  state: DirectoryState,
  userId: string,
  change: Partial<DirectoryUser>,
): DirectoryState => ({
  ...state,
  users: state.users.map((u) => (u.userId === userId ? { ...u, ...change } : u)),
});

function evolve(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  switch (event.type) {
    case 'DepartmentCreated':
      return { ...state, departments: [...state.departments, { ...event.data, retired: false }] };
    case 'DepartmentRenamed':
      return {
        ...state,
        departments: state.departments.map((d) =>
          d.departmentId === event.data.departmentId ? { ...d, name: event.data.name } : d,
        ),
      };
    case 'DepartmentRetired':
      return {
        ...state,
        departments: state.departments.map((d) =>
          d.departmentId === event.data.departmentId ? { ...d, retired: true } : d,
        ),
      };
    case 'UserRegistered': {
      const { userId, username, role, departmentId, secretary } = event.data;
      return {
        ...state,
        users: [...state.users, { userId, username, role, departmentId, secretary, disabled: false }],
      };
    }
    case 'UserDisabled':
      return updateUser(state, event.data.userId, { disabled: true });
    case 'UserEnabled':
      return updateUser(state, event.data.userId, { disabled: false });
    case 'PasswordChanged':
      return state;
    default:
      return assertNever(event);
  }
}

export const directoryDecider: Decider<DirectoryCommand, DirectoryEvent, DirectoryState> = {
  eventTypes: DIRECTORY_EVENT_TYPES,
  initialState: () => ({ departments: [], users: [] }),
  evolve,
  decide(command, state) {
    switch (command.type) {
      case 'CreateDepartment':
        return createDepartment(command, state);
      case 'RenameDepartment':
        return renameDepartment(command, state);
      case 'RetireDepartment':
        return retireDepartment(command, state);
      case 'RegisterUser':
        return registerUser(command, state);
      case 'DisableUser':
      case 'EnableUser':
        return setUserEnabled(command, state);
      case 'ChangePassword':
        return changePassword(command, state);
      default:
        return assertNever(command);
    }
  },
};
