import { DepartmentCreated, UserRegistered } from '@tracker/domain';
import { projectionSpec } from '../testing/projection-spec';
import { DirectoryView } from './directory.view';

const department = (departmentId: string, name: string): DepartmentCreated => ({
  type: 'DepartmentCreated',
  data: { departmentId, name },
});
const user = (
  userId: string,
  username: string,
  overrides: Partial<UserRegistered['data']> = {},
): UserRegistered => ({
  type: 'UserRegistered',
  data: {
    userId,
    username,
    displayName: username,
    role: 'department_head',
    departmentId: 'd-criminal',
    secretary: false,
    passwordHash: `hash-${username}`,
    ...overrides,
  },
});

const spec = projectionSpec(() => [new DirectoryView()]);

describe('DirectoryView', () => {
  it('given departments and users, lists them in the order they were recorded', async () => {
    const [directory] = await spec.given([
      department('d-zz', '刑事审判庭'),
      department('d-aa', '民事审判庭'),
      user('u-9', 'wang'),
      user('u-1', 'li', { role: 'leader', departmentId: null, secretary: true }),
    ]);
    expect(directory.listDepartments().map((d) => d.name)).toEqual(['刑事审判庭', '民事审判庭']);
    expect(directory.listUsers().map((u) => u.username)).toEqual(['wang', 'li']);
    expect(directory.department('d-aa')).toEqual({
      id: 'd-aa',
      name: '民事审判庭',
      createdAt: '2026-03-02T01:01:00.000Z',
      retired: false,
    });
    expect(directory.isLeader('u-1')).toBe(true);
    expect(directory.isLeader('u-9')).toBe(false);
    expect(directory.departmentExists('d-zz')).toBe(true);
    expect(directory.departmentExists('d-none')).toBe(false);
  });

  it('finds a user by username, whatever the case and surrounding spaces typed at login', async () => {
    const [directory] = await spec.given([user('u-1', 'zhangsan')]);
    expect(directory.userByUsername('  ZhangSan ')?.id).toBe('u-1');
    expect(directory.userByUsername('lisi')).toBeUndefined();
    expect(directory.user('u-1')?.passwordHash).toBe('hash-zhangsan');
  });

  it("keeps the directory stream's revision, which directory commands are checked against", async () => {
    const [empty] = await spec.given([]);
    expect(empty.revision).toBeNull();
    expect(empty.hasUsers()).toBe(false);
    const [directory] = await spec.given([department('d-1', '办公室'), user('u-1', 'a'), user('u-2', 'b')]);
    expect(directory.revision).toBe(2n);
    expect(directory.hasUsers()).toBe(true);
  });

  it('ignores events of other streams', async () => {
    const [directory] = await spec.given([
      {
        type: 'CampaignLaunched',
        data: { campaignId: 'c1', title: 't', source: 'audit', issuedOn: '2026-03-01', description: null },
      },
    ]);
    expect(directory.revision).toBeNull();
    expect(directory.listDepartments()).toEqual([]);
  });
});

describe('DirectoryView: an account’s sessions and status', () => {
  it('counts what ends every session (a password change, disabling), and keeps the latest hash', async () => {
    const [directory] = await spec.given([
      department('d-criminal', '刑事审判庭'),
      user('u-9', 'wang'),
      { type: 'PasswordChanged', data: { userId: 'u-9', passwordHash: 'hash-temporary', temporary: true } },
      { type: 'UserDisabled', data: { userId: 'u-9' } },
      { type: 'UserEnabled', data: { userId: 'u-9' } },
    ]);
    expect(directory.user('u-9')).toMatchObject({
      passwordHash: 'hash-temporary',
      mustChangePassword: true,
      disabled: false,
      sessionVersion: 2,
    });
  });

  it('an own change clears the must-change mark', async () => {
    const [directory] = await spec.given([
      department('d-criminal', '刑事审判庭'),
      user('u-9', 'wang'),
      { type: 'PasswordChanged', data: { userId: 'u-9', passwordHash: 'hash-temporary', temporary: true } },
      { type: 'PasswordChanged', data: { userId: 'u-9', passwordHash: 'hash-own', temporary: false } },
    ]);
    expect(directory.user('u-9')).toMatchObject({
      passwordHash: 'hash-own',
      mustChangePassword: false,
      sessionVersion: 2,
    });
  });
});

describe('DirectoryView: departments renamed and retired', () => {
  it('keeps a department under its new name, marked retired, and says so to the deciders', async () => {
    const [directory] = await spec.given([
      department('d-criminal', '刑事审判庭'),
      { type: 'DepartmentRenamed', data: { departmentId: 'd-criminal', name: '刑事审判第一庭' } },
      { type: 'DepartmentRetired', data: { departmentId: 'd-criminal' } },
    ]);
    expect(directory.department('d-criminal')).toMatchObject({ name: '刑事审判第一庭', retired: true });
    expect(directory.departmentExists('d-criminal')).toBe(true);
    expect(directory.departmentRetired('d-criminal')).toBe(true);
    expect(directory.departmentRetired('d-none')).toBe(false);
  });
});

describe('DirectoryView: grants of the leader role and the secretary post', () => {
  const ADMIN = { userId: 'u-admin', role: 'admin' as const };
  const SECRETARY = { userId: 'u-zhang', role: 'leader' as const };
  const toLeader = { role: 'leader' as const, departmentId: null, secretary: false };

  it('a pending grant shows who asked, from which position to which; confirmed, it moves the account and ends its sessions', async () => {
    const asked = {
      event: {
        type: 'GrantRequested',
        data: { grantId: 'g-1', userId: 'u-9', confirmation: 'secretary', ...toLeader },
      },
      actor: ADMIN,
    } as const;
    const [pending] = await spec.given([department('d-criminal', '刑事审判庭'), user('u-9', 'wang'), asked]);
    expect(pending.listGrants()).toEqual([
      expect.objectContaining({
        id: 'g-1',
        userId: 'u-9',
        ...toLeader,
        from: { role: 'department_head', departmentId: 'd-criminal', secretary: false },
        status: 'pending',
        requestedBy: 'u-admin',
        decidedBy: null,
      }),
    ]);
    expect(pending.user('u-9')).toMatchObject({ role: 'department_head', sessionVersion: 0 });

    const [confirmed] = await spec.given([
      department('d-criminal', '刑事审判庭'),
      user('u-9', 'wang'),
      asked,
      { event: { type: 'GrantConfirmed', data: { grantId: 'g-1' } }, actor: SECRETARY },
      {
        event: { type: 'UserPositionChanged', data: { userId: 'u-9', grantId: 'g-1', ...toLeader } },
        actor: SECRETARY,
      },
    ]);
    expect(confirmed.listGrants()[0]).toMatchObject({ status: 'confirmed', decidedBy: 'u-zhang' });
    expect(confirmed.user('u-9')).toMatchObject({ ...toLeader, sessionVersion: 1, awaitingGrant: false });
    expect(confirmed.isLeader('u-9')).toBe(true);
  });

  it('a new account waiting for its grant is marked so, and its grant has no earlier position', async () => {
    const [directory] = await spec.given([
      user('u-li', 'li', { ...toLeader, awaitingGrant: true }),
      {
        event: {
          type: 'GrantRequested',
          data: { grantId: 'g-2', userId: 'u-li', confirmation: 'secretary', ...toLeader },
        },
        actor: ADMIN,
      },
      { event: { type: 'GrantRejected', data: { grantId: 'g-2' } }, actor: SECRETARY },
    ]);
    expect(directory.user('u-li')).toMatchObject({ awaitingGrant: true });
    expect(directory.listGrants()[0]).toMatchObject({ from: null, status: 'rejected', decidedBy: 'u-zhang' });
  });

  it('an appointment made with no secretary in office is kept as unconfirmed; a new display name is kept', async () => {
    const [directory] = await spec.given([
      user('u-1', 'zhang', { role: 'leader', departmentId: null, secretary: true }),
      {
        event: {
          type: 'GrantRequested',
          data: {
            grantId: 'g-3',
            userId: 'u-1',
            confirmation: 'none',
            role: 'leader',
            departmentId: null,
            secretary: true,
          },
        },
        actor: ADMIN,
      },
      { type: 'UserRenamed', data: { userId: 'u-1', displayName: '张书记' } },
    ]);
    expect(directory.listGrants()[0]).toMatchObject({ status: 'unconfirmed', from: null });
    expect(directory.user('u-1')).toMatchObject({
      displayName: '张书记',
      secretary: true,
      awaitingGrant: false,
    });
  });
});
