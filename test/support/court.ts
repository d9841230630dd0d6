import { TestApp, login } from './test-app';

/** A small court set up through the API as its administrator would: departments and one account per role. */
export interface Court {
  departments: { civil: string; enforcement: string };
  users: {
    admin: { id: string; token: string };
    secretary: { id: string; token: string };
    leader: { id: string; token: string };
    otherLeader: { id: string; token: string };
    civilHead: { id: string; token: string };
    enforcementHead: { id: string; token: string };
    inspector: { id: string; token: string };
  };
}

export const PASSWORD = 'Qiang-Mima-2026!';

export async function setUpCourt(t: TestApp): Promise<Court> {
  const adminToken = await login(t.http, 'admin', 'admin-password');
  const auth = { Authorization: `Bearer ${adminToken}` };
  const dep = async (name: string) =>
    (await t.http.post('/api/v1/departments').set(auth).send({ name }).expect(201)).body.id as string;
  const civil = await dep('民一庭');
  const enforcement = await dep('执行局');
  const user = async (username: string, role: string, extra: object = {}, confirmedBy?: string) => {
    const id = (
      await t.http
        .post('/api/v1/users')
        .set(auth)
        .send({ username, password: PASSWORD, displayName: username, role, ...extra })
        .expect(201)
    ).body.id as string;
    // A leader account takes effect once the secretary confirms it (the first secretary stands).
    if (confirmedBy) await confirmGrantsOf(t, confirmedBy, id);
    return { id, token: await login(t.http, username, PASSWORD) };
  };
  const adminId = (await t.http.get('/api/v1/users').set(auth).expect(200)).body.find(
    (u: { username: string }) => u.username === 'admin',
  ).id;
  const secretary = await user('secretary', 'leader', { secretary: true });
  return {
    departments: { civil, enforcement },
    users: {
      admin: { id: adminId, token: adminToken },
      secretary,
      leader: await user('leader', 'leader', {}, secretary.token),
      otherLeader: await user('other-leader', 'leader', {}, secretary.token),
      civilHead: await user('civil-head', 'department_head', { departmentId: civil }),
      enforcementHead: await user('enforcement-head', 'department_head', { departmentId: enforcement }),
      inspector: await user('inspector', 'inspector'),
    },
  };
}

/** The secretary confirms every pending grant for an account, as 授权确认 does. */
export async function confirmGrantsOf(t: TestApp, secretaryToken: string, userId: string): Promise<void> {
  const grants = (await t.http.get('/api/v1/grants').set(bearer(secretaryToken)).expect(200)).body as {
    id: string;
    status: string;
    user: { id: string };
  }[];
  for (const grant of grants.filter((g) => g.user.id === userId && g.status === 'pending'))
    await t.http.post(`/api/v1/grants/${grant.id}/confirm`).set(bearer(secretaryToken)).expect(200);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The seven people every authorisation matrix asks about, for a measure of 民一庭 led by `leader`. */
export const MATRIX_ROLES = [
  'admin',
  'secretary',
  'responsibleLeader',
  'otherLeader',
  'ownHead',
  'otherHead',
  'inspector',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export function tokensByMatrixRole({ users: u }: Court): Record<MatrixRole, string> {
  return {
    admin: u.admin.token,
    secretary: u.secretary.token,
    responsibleLeader: u.leader.token,
    otherLeader: u.otherLeader.token,
    ownHead: u.civilHead.token,
    otherHead: u.enforcementHead.token,
    inspector: u.inspector.token,
  };
}
