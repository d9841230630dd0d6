import { Actor } from '../shared/actor';
import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, refused } from '../shared/domain-error';
import {
  ChangePassword,
  ChangeUser,
  CreateDepartment,
  DecideGrant,
  DirectoryCommand,
  RegisterUser,
  RenameDepartment,
  RetireDepartment,
  SetUserEnabled,
} from './directory.commands';
import {
  AccountPosition,
  DIRECTORY_EVENT_TYPES,
  DirectoryEvent,
  DirectoryGrant,
  DirectoryState,
  DirectoryUser,
} from './directory.events';

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
  const position = validPosition(
    { role: d.role, departmentId: d.departmentId, secretary: d.secretary },
    state,
  );
  const { grantId, passwordTemporary, ...account } = d;
  const registered = {
    ...account,
    ...position,
    username,
    displayName: d.displayName.trim(),
    ...(passwordTemporary ? { passwordTemporary: true } : {}),
  };
  const grant = grantNeeded(command.context.actor, null, position, state);
  if (grant === null) return [{ type: 'UserRegistered', data: registered }];
  const requested: DirectoryEvent = {
    type: 'GrantRequested',
    data: { grantId, userId: d.userId, confirmation: grant, ...position },
  };
  return grant === 'secretary'
    ? [{ type: 'UserRegistered', data: { ...registered, awaitingGrant: true } }, requested]
    : [{ type: 'UserRegistered', data: registered }, requested];
}

/** A position that makes sense: a department head has a department, only a leader is the secretary. */
function validPosition(position: AccountPosition, state: DirectoryState): AccountPosition {
  const { role, departmentId, secretary } = position;
  if (departmentId !== null) {
    const department = state.departments.find((dep) => dep.departmentId === departmentId);
    if (!department) throw invalid('departmentId', 'department.unknown', '部门不存在', 'Unknown department');
    if (department.retired)
      throw invalid(
        'departmentId',
        'department.retired',
        '该部门已撤销，不能再分配账号',
        'The department is retired and takes no accounts',
      );
  }
  if (role === 'department_head' && departmentId === null) {
    throw invalid(
      'departmentId',
      'user.department_required',
      '部门负责人须指定所在部门',
      'A department_head must belong to a department',
    );
  }
  if (secretary && role !== 'leader') {
    throw invalid(
      'secretary',
      'user.secretary_is_leader',
      '只有党组成员可以设为党组书记',
      'Only a leader can be the secretary',
    );
  }
  return { role, departmentId, secretary };
}

/** The one active secretary, if the court has one. */
const activeSecretary = (state: DirectoryState): DirectoryUser | undefined =>
  state.users.find((u) => u.secretary && !u.disabled && !u.awaitingGrant);

/**
 * Separation of duties: the leader role and the secretary post are granted by the administrator
 * but take effect when the current secretary confirms ('secretary'). While the court has no
 * active secretary, the administrator's appointment stands at once, marked unconfirmed ('none').
 * The tracker itself (bootstrap, demo) needs no confirmation (null), nor does a lesser position.
 */
function grantNeeded(
  actor: Actor,
  from: AccountPosition | null,
  to: AccountPosition,
  state: DirectoryState,
): 'secretary' | 'none' | null {
  if (actor.role === 'system') return null;
  const grantsLeader = to.role === 'leader' && from?.role !== 'leader';
  const grantsSecretary = to.secretary && !from?.secretary;
  if (!grantsLeader && !grantsSecretary) return null;
  return activeSecretary(state) ? 'secretary' : 'none';
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

function changeUser(command: ChangeUser, state: DirectoryState): DirectoryEvent[] {
  requireAdmin(command.context.actor);
  const { userId, grantId, displayName, ...change } = command.data;
  const user = existingUser(state, userId);
  const events: DirectoryEvent[] = [];
  if (displayName !== undefined) {
    const name = displayName.trim();
    if (name === '')
      throw invalid(
        'displayName',
        'user.display_name_blank',
        '姓名不能为空',
        'displayName must not be blank',
      );
    if (name !== user.displayName) events.push({ type: 'UserRenamed', data: { userId, displayName: name } });
  }
  const from: AccountPosition = {
    role: user.role,
    departmentId: user.departmentId,
    secretary: user.secretary,
  };
  const to = validPosition(
    {
      role: change.role ?? from.role,
      // A department only for those who work in one: changing the role away from department head keeps it unless said.
      departmentId: change.departmentId !== undefined ? change.departmentId : from.departmentId,
      secretary:
        change.secretary ?? (change.role !== undefined && change.role !== 'leader' ? false : from.secretary),
    },
    state,
  );
  const samePosition =
    to.role === from.role && to.departmentId === from.departmentId && to.secretary === from.secretary;
  if (samePosition) return events;
  if (state.grants.some((g) => g.userId === userId && g.status === 'pending')) {
    throw conflict(
      'grant.pending',
      '该账号有待党组书记确认的授权，请等待确认或驳回后再调整',
      'The account has a grant awaiting the secretary; wait for it to be decided',
    );
  }
  if (from.secretary && !to.secretary && activeSecretary(state)?.userId === userId) {
    throw refused(
      'user.secretary_handover',
      '党组书记职务须由新任书记接任：请为新任书记申请授权，经现任书记确认后自动交接',
      "The secretary's post passes only to a successor, confirmed by the secretary",
    );
  }
  const grant = grantNeeded(command.context.actor, from, to, state);
  if (grant === 'secretary') {
    return [...events, { type: 'GrantRequested', data: { grantId, userId, confirmation: grant, ...to } }];
  }
  const changed: DirectoryEvent = {
    type: 'UserPositionChanged',
    data: { userId, grantId: grant === 'none' ? grantId : null, ...to },
  };
  return grant === 'none'
    ? [...events, { type: 'GrantRequested', data: { grantId, userId, confirmation: grant, ...to } }, changed]
    : [...events, changed];
}

function pendingGrant(state: DirectoryState, grantId: string): DirectoryGrant {
  const grant = state.grants.find((g) => g.grantId === grantId);
  if (!grant) throw notFound('grant.unknown', '授权申请不存在', 'Unknown grant');
  if (grant.status !== 'pending') {
    throw conflict('grant.decided', '该授权申请已处理', 'The grant has already been decided');
  }
  return grant;
}

/** Only the court's active secretary confirms or rejects a grant, never one of their own. */
function decideGrant(command: DecideGrant, state: DirectoryState): DirectoryEvent[] {
  const { actor } = command.context;
  const secretary = activeSecretary(state);
  if (!secretary || secretary.userId !== actor.userId) {
    throw forbidden(
      'grant.secretary_only',
      '只有党组书记可以确认或驳回授权申请',
      'Only the secretary confirms or rejects a grant',
    );
  }
  const grant = pendingGrant(state, command.data.grantId);
  if (command.type === 'RejectGrant') return [{ type: 'GrantRejected', data: { grantId: grant.grantId } }];
  const { grantId, userId, role, departmentId, secretary: post } = grant;
  const events: DirectoryEvent[] = [
    { type: 'GrantConfirmed', data: { grantId } },
    { type: 'UserPositionChanged', data: { userId, grantId, role, departmentId, secretary: post } },
  ];
  // 交接: there is one secretary; the one who confirms a successor hands the post over.
  if (post) {
    events.push({
      type: 'UserPositionChanged',
      data: {
        userId: secretary.userId,
        grantId,
        role: secretary.role,
        departmentId: secretary.departmentId,
        secretary: false,
      },
    });
  }
  return events;
}

const updateUser = (
  state: DirectoryState,
  userId: string,
  change: Partial<DirectoryUser>,
): DirectoryState => ({
  ...state,
  users: state.users.map((u) => (u.userId === userId ? { ...u, ...change } : u)),
});

const updateGrant = (state: DirectoryState, grantId: string, status: DirectoryGrant['status']) => ({
  ...state,
  grants: state.grants.map((g) => (g.grantId === grantId ? { ...g, status } : g)),
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
      const { userId, username, displayName, role, departmentId, secretary, awaitingGrant } = event.data;
      const user = { userId, username, displayName, role, departmentId, secretary };
      return {
        ...state,
        users: [...state.users, { ...user, disabled: false, awaitingGrant: awaitingGrant ?? false }],
      };
    }
    case 'UserDisabled':
      return updateUser(state, event.data.userId, { disabled: true });
    case 'UserEnabled':
      return updateUser(state, event.data.userId, { disabled: false });
    case 'PasswordChanged':
      return state;
    case 'UserRenamed':
      return updateUser(state, event.data.userId, { displayName: event.data.displayName });
    case 'UserPositionChanged': {
      const { userId, role, departmentId, secretary } = event.data;
      return updateUser(state, userId, { role, departmentId, secretary, awaitingGrant: false });
    }
    case 'GrantRequested': {
      const { grantId, userId, role, departmentId, secretary, confirmation } = event.data;
      const status = confirmation === 'none' ? 'unconfirmed' : 'pending';
      return {
        ...state,
        grants: [...state.grants, { grantId, userId, role, departmentId, secretary, status }],
      };
    }
    case 'GrantConfirmed':
      return updateGrant(state, event.data.grantId, 'confirmed');
    case 'GrantRejected':
      return updateGrant(state, event.data.grantId, 'rejected');
    default:
      return assertNever(event);
  }
}

export const directoryDecider: Decider<DirectoryCommand, DirectoryEvent, DirectoryState> = {
  eventTypes: DIRECTORY_EVENT_TYPES,
  initialState: () => ({ departments: [], users: [], grants: [] }),
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
      case 'ChangeUser':
        return changeUser(command, state);
      case 'ConfirmGrant':
      case 'RejectGrant':
        return decideGrant(command, state);
      default:
        return assertNever(command);
    }
  },
};
