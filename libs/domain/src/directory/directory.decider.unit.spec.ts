import { Actor, SYSTEM_ACTOR } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { ChangeUser, CreateDepartment, RegisterUser } from './directory.commands';
import { directoryDecider } from './directory.decider';
import { DepartmentCreated, DirectoryEvent, UserRegistered } from './directory.events';

const TODAY: CalendarDate = '2025-03-01';

const ADMIN: Actor = { userId: 'u-admin', role: 'admin', departmentId: null, secretary: false };
const LEADER: Actor = { userId: 'u-zhang', role: 'leader', departmentId: null, secretary: true };
const HEAD: Actor = {
  userId: 'u-wang',
  role: 'department_head',
  departmentId: 'd-criminal',
  secretary: false,
};
const INSPECTOR: Actor = { userId: 'u-inspector', role: 'inspector', departmentId: null, secretary: false };

const ctx = (actor: Actor, today: CalendarDate = TODAY): CommandContext => ({ actor, today });
const given = (events: readonly DirectoryEvent[]) => spec(directoryDecider).given(events);

// ---------------------------------------------------------------- events

const departmentCreated = (departmentId = 'd-criminal', name = '刑事审判庭'): DepartmentCreated => ({
  type: 'DepartmentCreated',
  data: { departmentId, name },
});

const userRegistered = (overrides: Partial<UserRegistered['data']> = {}): UserRegistered => ({
  type: 'UserRegistered',
  data: {
    userId: 'u-wang',
    username: 'wangfang',
    displayName: '王芳',
    role: 'department_head',
    departmentId: 'd-criminal',
    secretary: false,
    passwordHash: '$argon2id$v=19$hash',
    ...overrides,
  },
});

// ---------------------------------------------------------------- commands

const createDepartment = (
  context: CommandContext,
  name = '刑事审判庭',
  departmentId = 'd-criminal',
): CreateDepartment => ({
  type: 'CreateDepartment',
  data: { departmentId, name },
  context,
});

const registerUser = (
  context: CommandContext,
  overrides: Partial<RegisterUser['data']> = {},
): RegisterUser => ({
  type: 'RegisterUser',
  data: {
    userId: 'u-wang',
    username: 'wangfang',
    displayName: '王芳',
    role: 'department_head',
    departmentId: 'd-criminal',
    secretary: false,
    passwordHash: '$argon2id$v=19$hash',
    grantId: 'g-1',
    ...overrides,
  },
  context,
});

const NON_ADMINS = [
  ['a leader, even the secretary', LEADER],
  ['a department head', HEAD],
  ['an inspector', INSPECTOR],
] as const;

// ================================================================ departments

describe('creating a department', () => {
  it('the administrator creates a department', () => {
    given([])
      .when(createDepartment(ctx(ADMIN)))
      .then([departmentCreated()]);
  });

  it('the tracker itself may create a department (bootstrap)', () => {
    given([])
      .when(createDepartment(ctx(SYSTEM_ACTOR)))
      .then([departmentCreated()]);
  });

  it('the name is trimmed', () => {
    given([])
      .when(createDepartment(ctx(ADMIN), '  刑事审判庭 '))
      .then([departmentCreated()]);
  });

  it('a second department with a different name is created', () => {
    given([departmentCreated()])
      .when(createDepartment(ctx(ADMIN), '民事审判庭', 'd-civil'))
      .then([departmentCreated('d-civil', '民事审判庭')]);
  });

  it('a name already taken is a conflict', () => {
    given([departmentCreated()])
      .when(createDepartment(ctx(ADMIN), '刑事审判庭', 'd-other'))
      .thenRefuses('conflict', 'department.name_taken');
  });

  it('a name taken once trimmed is a conflict', () => {
    given([departmentCreated()])
      .when(createDepartment(ctx(ADMIN), ' 刑事审判庭  ', 'd-other'))
      .thenRefuses('conflict', 'department.name_taken');
  });

  it.each(NON_ADMINS)('%s may not create a department', (_label, actor) => {
    given([])
      .when(createDepartment(ctx(actor)))
      .thenRefuses('forbidden', 'directory.admin_only');
  });
});

// ================================================================ users

describe('registering a user', () => {
  const WITH_DEPARTMENT = [departmentCreated()];

  it('the administrator registers a department head of an existing department', () => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(ADMIN)))
      .then([userRegistered()]);
  });

  it('the tracker itself may register the first administrator', () => {
    given([])
      .when(
        registerUser(ctx(SYSTEM_ACTOR), {
          userId: 'u-admin',
          username: 'admin',
          displayName: '管理员',
          role: 'admin',
          departmentId: null,
        }),
      )
      .then([
        userRegistered({
          userId: 'u-admin',
          username: 'admin',
          displayName: '管理员',
          role: 'admin',
          departmentId: null,
        }),
      ]);
  });

  it('the username is trimmed and lower-cased, the display name trimmed', () => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(ADMIN), { username: '  WangFang ', displayName: ' 王芳 ' }))
      .then([userRegistered()]);
  });

  it('a leader may be the secretary and needs no department; the court’s first stands, marked unconfirmed', () => {
    const secretary = {
      userId: 'u-zhang',
      username: 'zhangwei',
      displayName: '张伟',
      role: 'leader',
      departmentId: null,
      secretary: true,
    } as const;
    given([])
      .when(registerUser(ctx(ADMIN), secretary))
      .then([
        userRegistered(secretary),
        {
          type: 'GrantRequested',
          data: {
            grantId: 'g-1',
            userId: 'u-zhang',
            confirmation: 'none',
            role: 'leader',
            departmentId: null,
            secretary: true,
          },
        },
      ]);
  });

  it('a username already taken, in any letter case, is a conflict', () => {
    given([...WITH_DEPARTMENT, userRegistered()])
      .when(registerUser(ctx(ADMIN), { userId: 'u-wang-2', username: 'WANGFANG' }))
      .thenRefuses('conflict', 'user.username_taken');
  });

  it('a user in an unknown department is refused', () => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(ADMIN), { departmentId: 'd-nowhere' }))
      .thenRefuses('invalid', 'department.unknown', 'departmentId');
  });

  it('a department head without a department is refused', () => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(ADMIN), { departmentId: null }))
      .thenRefuses('invalid', 'user.department_required', 'departmentId');
  });

  it.each(['department_head', 'inspector', 'admin'] as const)('a %s cannot be the secretary', (role) => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(ADMIN), { role, secretary: true }))
      .thenRefuses('invalid', 'user.secretary_is_leader', 'secretary');
  });

  it.each(NON_ADMINS)('%s may not register a user', (_label, actor) => {
    given(WITH_DEPARTMENT)
      .when(registerUser(ctx(actor)))
      .thenRefuses('forbidden', 'directory.admin_only');
  });
});

describe('the directory state', () => {
  it('lists departments, users (without password hashes) and grants', () => {
    expect(fold(directoryDecider, [departmentCreated(), userRegistered()])).toEqual({
      departments: [{ departmentId: 'd-criminal', name: '刑事审判庭', retired: false }],
      users: [
        {
          userId: 'u-wang',
          username: 'wangfang',
          displayName: '王芳',
          role: 'department_head',
          departmentId: 'd-criminal',
          secretary: false,
          disabled: false,
          awaitingGrant: false,
        },
      ],
      grants: [],
    });
  });
});

describe('directory identities are unique and named', () => {
  it('a department id cannot be created twice, even under another name', () => {
    given([departmentCreated('d-criminal', '刑事审判庭')])
      .when(createDepartment(ctx(ADMIN), '刑二庭', 'd-criminal'))
      .thenRefuses('conflict', 'department.exists');
  });

  it('a blank department name is refused, naming the field', () => {
    given([])
      .when(createDepartment(ctx(ADMIN), '   '))
      .thenRefuses('invalid', 'department.name_blank', 'name');
  });

  it('a user id cannot be registered twice, even under another username', () => {
    given([departmentCreated(), userRegistered()])
      .when(registerUser(ctx(ADMIN), { username: 'another' }))
      .thenRefuses('conflict', 'user.exists');
  });

  it('a blank username or display name is refused, naming the field', () => {
    given([departmentCreated()])
      .when(registerUser(ctx(ADMIN), { username: '  ' }))
      .thenRefuses('invalid', 'user.username_blank', 'username');
    given([departmentCreated()])
      .when(registerUser(ctx(ADMIN), { displayName: ' ' }))
      .thenRefuses('invalid', 'user.display_name_blank', 'displayName');
  });
});

describe('account lifecycle', () => {
  const admin = (userId: string) =>
    userRegistered({ userId, username: userId, role: 'admin', departmentId: null });
  const head = userRegistered();
  const disable = (actor: Actor, userId = 'u-wang') =>
    ({ type: 'DisableUser', data: { userId }, context: ctx(actor) }) as const;
  const enable = (actor: Actor, userId = 'u-wang') =>
    ({ type: 'EnableUser', data: { userId }, context: ctx(actor) }) as const;
  const changePassword = (actor: Actor, userId = 'u-wang') =>
    ({
      type: 'ChangePassword',
      data: { userId, passwordHash: '$argon2id$new' },
      context: ctx(actor),
    }) as const;

  it('the administrator disables an account and enables it again; twice is a conflict', () => {
    given([departmentCreated(), head])
      .when(disable(ADMIN))
      .then([{ type: 'UserDisabled', data: { userId: 'u-wang' } }]);
    given([departmentCreated(), head, { type: 'UserDisabled', data: { userId: 'u-wang' } }])
      .when(disable(ADMIN))
      .thenRefuses('conflict', 'user.already_disabled');
    given([departmentCreated(), head, { type: 'UserDisabled', data: { userId: 'u-wang' } }])
      .when(enable(ADMIN))
      .then([{ type: 'UserEnabled', data: { userId: 'u-wang' } }]);
    given([departmentCreated(), head]).when(enable(ADMIN)).thenRefuses('conflict', 'user.already_enabled');
  });

  it('nobody but the administrator disables, and an unknown account is not found', () => {
    for (const actor of [LEADER, HEAD, INSPECTOR])
      given([departmentCreated(), head])
        .when(disable(actor))
        .thenRefuses('forbidden', 'directory.admin_only');
    given([departmentCreated()]).when(disable(ADMIN, 'u-none')).thenRefuses('not_found', 'user.unknown');
  });

  it('the last active administrator cannot be disabled, nor can administrators disable themselves', () => {
    const other: Actor = { ...ADMIN, userId: 'u-admin-2' };
    given([admin('u-admin'), admin('u-admin-2'), { type: 'UserDisabled', data: { userId: 'u-admin-2' } }])
      .when(disable(SYSTEM_ACTOR, 'u-admin'))
      .thenRefuses('rule', 'user.last_admin');
    given([admin('u-admin'), admin('u-admin-2')])
      .when(disable(other, 'u-admin'))
      .then([{ type: 'UserDisabled', data: { userId: 'u-admin' } }]);
    given([admin('u-admin'), admin('u-admin-2')])
      .when(disable(ADMIN, 'u-admin'))
      .thenRefuses('rule', 'user.disable_self');
  });

  it('its owner changes a password for good; the administrator’s reset is temporary; nobody else may', () => {
    const own: Actor = { ...HEAD };
    given([departmentCreated(), head])
      .when(changePassword(own))
      .then([
        {
          type: 'PasswordChanged',
          data: { userId: 'u-wang', passwordHash: '$argon2id$new', temporary: false },
        },
      ]);
    given([departmentCreated(), head])
      .when(changePassword(ADMIN))
      .then([
        {
          type: 'PasswordChanged',
          data: { userId: 'u-wang', passwordHash: '$argon2id$new', temporary: true },
        },
      ]);
    for (const actor of [LEADER, INSPECTOR])
      given([departmentCreated(), head])
        .when(changePassword(actor))
        .thenRefuses('forbidden', 'user.password_not_yours');
    given([departmentCreated(), head, { type: 'UserDisabled', data: { userId: 'u-wang' } }])
      .when(changePassword(ADMIN))
      .thenRefuses('rule', 'user.disabled');
  });
});

describe('departments change with the court (机构改革)', () => {
  const rename = (actor: Actor, name: string, departmentId = 'd-criminal') =>
    ({ type: 'RenameDepartment', data: { departmentId, name }, context: ctx(actor) }) as const;
  const retire = (actor: Actor, departmentId = 'd-criminal') =>
    ({ type: 'RetireDepartment', data: { departmentId }, context: ctx(actor) }) as const;

  it('the administrator renames a department, trimmed; the same name again records nothing', () => {
    given([departmentCreated()])
      .when(rename(ADMIN, ' 刑事审判一庭 '))
      .then([{ type: 'DepartmentRenamed', data: { departmentId: 'd-criminal', name: '刑事审判一庭' } }]);
    given([departmentCreated()]).when(rename(ADMIN, '刑事审判庭')).then([]);
  });

  it('a new name must be free and not blank; the department must exist; only the administrator', () => {
    given([departmentCreated(), departmentCreated('d-civil', '民事审判庭')])
      .when(rename(ADMIN, '民事审判庭'))
      .thenRefuses('conflict', 'department.name_taken');
    given([departmentCreated()])
      .when(rename(ADMIN, '  '))
      .thenRefuses('invalid', 'department.name_blank', 'name');
    given([departmentCreated()])
      .when(rename(ADMIN, '新名', 'd-none'))
      .thenRefuses('not_found', 'department.unknown');
    given([departmentCreated()])
      .when(rename(LEADER, '新名'))
      .thenRefuses('forbidden', 'directory.admin_only');
  });

  it('the administrator retires a department once', () => {
    given([departmentCreated()])
      .when(retire(ADMIN))
      .then([{ type: 'DepartmentRetired', data: { departmentId: 'd-criminal' } }]);
    given([departmentCreated(), { type: 'DepartmentRetired', data: { departmentId: 'd-criminal' } }])
      .when(retire(ADMIN))
      .thenRefuses('conflict', 'department.already_retired');
    given([departmentCreated()]).when(retire(HEAD)).thenRefuses('forbidden', 'directory.admin_only');
  });
});

describe('separation of duties: the leader role and the secretary post', () => {
  const secretary = userRegistered({
    userId: 'u-zhang',
    username: 'zhang',
    displayName: '张书记',
    role: 'leader',
    departmentId: null,
    secretary: true,
  });
  const head = userRegistered();
  const court = [departmentCreated(), secretary, head];
  const changeUser = (actor: Actor, change: Partial<ChangeUser['data']>) =>
    ({
      type: 'ChangeUser',
      data: { userId: 'u-wang', grantId: 'g-1', ...change },
      context: ctx(actor),
    }) as const;
  const decide = (actor: Actor, type: 'ConfirmGrant' | 'RejectGrant', grantId = 'g-1') =>
    ({ type, data: { grantId }, context: ctx(actor) }) as const;
  const toLeader = { role: 'leader' as const, departmentId: null, secretary: false };
  const requested = (position = toLeader, confirmation: 'secretary' | 'none' = 'secretary') =>
    ({
      type: 'GrantRequested',
      data: { grantId: 'g-1', userId: 'u-wang', confirmation, ...position },
    }) as const;

  it('a department head made a leader stays a department head until the secretary confirms', () => {
    given(court)
      .when(changeUser(ADMIN, { role: 'leader', departmentId: null }))
      .then([requested()]);
    expect(fold(directoryDecider, [...court, requested()]).users[1]).toMatchObject({
      role: 'department_head',
      departmentId: 'd-criminal',
    });
    given([...court, requested()])
      .when(decide(LEADER, 'ConfirmGrant'))
      .then([
        { type: 'GrantConfirmed', data: { grantId: 'g-1' } },
        { type: 'UserPositionChanged', data: { userId: 'u-wang', grantId: 'g-1', ...toLeader } },
      ]);
  });

  it('a new account asked for as a leader waits for the confirmation before it can sign in', () => {
    given(court)
      .when(
        registerUser(ctx(ADMIN), {
          userId: 'u-li',
          username: 'li',
          role: 'leader',
          departmentId: null,
        }),
      )
      .then([
        {
          type: 'UserRegistered',
          data: {
            userId: 'u-li',
            username: 'li',
            displayName: '王芳',
            role: 'leader',
            departmentId: null,
            secretary: false,
            passwordHash: '$argon2id$v=19$hash',
            awaitingGrant: true,
          },
        },
        {
          type: 'GrantRequested',
          data: { grantId: 'g-1', userId: 'u-li', confirmation: 'secretary', ...toLeader },
        },
      ]);
  });

  it('a second secretary is a pending grant; on confirmation the post passes over, so there is one', () => {
    const leader = userRegistered({ userId: 'u-wang', username: 'wang', role: 'leader', departmentId: null });
    const asked = requested({ ...toLeader, secretary: true });
    given([departmentCreated(), secretary, leader])
      .when(changeUser(ADMIN, { secretary: true }))
      .then([asked]);
    const events = directoryDecider.decide(
      decide(LEADER, 'ConfirmGrant'),
      fold(directoryDecider, [departmentCreated(), secretary, leader, asked]),
    );
    const after = fold(directoryDecider, [departmentCreated(), secretary, leader, asked, ...events]);
    expect(after.users.filter((u) => u.secretary).map((u) => u.userId)).toEqual(['u-wang']);
    expect(after.grants).toEqual([expect.objectContaining({ grantId: 'g-1', status: 'confirmed' })]);
  });

  it('while the court has no active secretary, the appointment stands at once, marked unconfirmed', () => {
    const standing = { role: 'leader' as const, departmentId: null, secretary: true };
    given([departmentCreated(), head])
      .when(changeUser(ADMIN, standing))
      .then([
        requested(standing, 'none'),
        { type: 'UserPositionChanged', data: { userId: 'u-wang', grantId: 'g-1', ...standing } },
      ]);
    // A disabled secretary confirms nothing: the court has none.
    given([...court, { type: 'UserDisabled', data: { userId: 'u-zhang' } }])
      .when(changeUser(ADMIN, toLeader))
      .then([
        requested(toLeader, 'none'),
        { type: 'UserPositionChanged', data: { userId: 'u-wang', grantId: 'g-1', ...toLeader } },
      ]);
    expect(
      fold(directoryDecider, [departmentCreated(), head, requested(standing, 'none')]).grants[0].status,
    ).toBe('unconfirmed');
  });

  it('only the active secretary decides a grant, once; a rejected grant leaves the position as it was', () => {
    const other: Actor = { ...LEADER, userId: 'u-other', secretary: false };
    for (const actor of [ADMIN, other, HEAD, INSPECTOR])
      given([...court, requested()])
        .when(decide(actor, 'ConfirmGrant'))
        .thenRefuses('forbidden', 'grant.secretary_only');
    given([...court, requested()])
      .when(decide(LEADER, 'RejectGrant'))
      .then([{ type: 'GrantRejected', data: { grantId: 'g-1' } }]);
    given([...court, requested(), { type: 'GrantRejected', data: { grantId: 'g-1' } }])
      .when(decide(LEADER, 'ConfirmGrant'))
      .thenRefuses('conflict', 'grant.decided');
    given(court)
      .when(decide(LEADER, 'ConfirmGrant', 'g-none'))
      .thenRefuses('not_found', 'grant.unknown');
    expect(
      fold(directoryDecider, [...court, requested(), { type: 'GrantRejected', data: { grantId: 'g-1' } }])
        .users[1].role,
    ).toBe('department_head');
  });

  it('lesser changes take effect at once; a second change waits for a pending grant to be decided', () => {
    given(court)
      .when(changeUser(ADMIN, { role: 'inspector', departmentId: null }))
      .then([
        {
          type: 'UserPositionChanged',
          data: { userId: 'u-wang', grantId: null, role: 'inspector', departmentId: null, secretary: false },
        },
      ]);
    given(court)
      .when(changeUser(ADMIN, { displayName: ' 王芳芳 ' }))
      .then([{ type: 'UserRenamed', data: { userId: 'u-wang', displayName: '王芳芳' } }]);
    given(court)
      .when(changeUser(ADMIN, { displayName: '王芳' }))
      .then([]);
    given([...court, requested()])
      .when(changeUser(ADMIN, { role: 'inspector', departmentId: null }))
      .thenRefuses('conflict', 'grant.pending');
  });

  it('the secretary is not demoted by the administrator: the post passes only to a confirmed successor', () => {
    const toSecretary = { userId: 'u-zhang' };
    given(court)
      .when(changeUser(ADMIN, { ...toSecretary, secretary: false }))
      .thenRefuses('rule', 'user.secretary_handover');
    given(court)
      .when(changeUser(ADMIN, { ...toSecretary, role: 'inspector' }))
      .thenRefuses('rule', 'user.secretary_handover');
  });

  it('positions stay sensible: a department head has a live department, only the administrator changes them', () => {
    given(court)
      .when(changeUser(ADMIN, { departmentId: null }))
      .thenRefuses('invalid', 'user.department_required', 'departmentId');
    given([...court, { type: 'DepartmentRetired', data: { departmentId: 'd-criminal' } }])
      .when(changeUser(ADMIN, { role: 'department_head', departmentId: 'd-criminal', displayName: '王' }))
      .thenRefuses('invalid', 'department.retired', 'departmentId');
    given(court)
      .when(changeUser(ADMIN, { role: 'inspector', secretary: true }))
      .thenRefuses('invalid', 'user.secretary_is_leader', 'secretary');
    given(court)
      .when(changeUser(LEADER, { displayName: '改名' }))
      .thenRefuses('forbidden', 'directory.admin_only');
  });
});

describe('the first administrator’s password', () => {
  it('may be registered as temporary, to be replaced at the first sign-in', () => {
    given([])
      .when(
        registerUser(ctx(SYSTEM_ACTOR), {
          userId: 'u-admin',
          username: 'admin',
          role: 'admin',
          departmentId: null,
          passwordTemporary: true,
        }),
      )
      .then([
        userRegistered({
          userId: 'u-admin',
          username: 'admin',
          role: 'admin',
          departmentId: null,
          passwordTemporary: true,
        }),
      ]);
  });
});
