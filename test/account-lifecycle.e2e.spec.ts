import { createHmac } from 'node:crypto';
import { bearer, Court, PASSWORD, setUpCourt } from './support/court';
import { Fixtures } from './support/fixtures';
import { login, startTestApp, TestApp, testConfig } from './support/test-app';

/** A correctly signed HS256 token with exactly these claims (no exp unless given). */
function handMadeToken(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createHmac('sha256', testConfig('').jwtSecret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe('account lifecycle: disable, reset, change a password', () => {
  let t: TestApp;
  let court: Court;
  const admin = () => bearer(court.users.admin.token);
  const board = (token: string) => t.http.get('/api/v1/board').set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
  }, 60_000);
  afterAll(() => t.close());

  it('a disabled account’s token stops working at once, it cannot sign in, and enabling it lets it sign in again', async () => {
    const token = court.users.inspector.token;
    await board(token).expect(200);
    const disabled = await t.http
      .post(`/api/v1/users/${court.users.inspector.id}/disable`)
      .set(admin())
      .expect(200);
    expect(disabled.body).toMatchObject({ username: 'inspector', disabled: true });
    expect(disabled.body.passwordHash).toBeUndefined();

    await board(token).expect(401);
    const refused = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'inspector', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('该账号已停用，请联系系统管理员');
    // Disabling twice is a conflict, and writes nothing.
    const before = await t.dump();
    await t.http.post(`/api/v1/users/${court.users.inspector.id}/disable`).set(admin()).expect(409);
    expect(await t.dump()).toEqual(before);

    await t.http.post(`/api/v1/users/${court.users.inspector.id}/enable`).set(admin()).expect(200);
    // The old session stays ended; a new login works.
    await board(token).expect(401);
    court.users.inspector.token = await login(t.http, 'inspector', PASSWORD);
    await board(court.users.inspector.token).expect(200);
  });

  it('only the administrator disables; the last active administrator cannot be disabled, nor oneself', async () => {
    const before = await t.dump();
    for (const who of ['secretary', 'civilHead', 'inspector'] as const) {
      await t.http
        .post(`/api/v1/users/${court.users.leader.id}/disable`)
        .set(bearer(court.users[who].token))
        .expect(403);
    }
    const self = await t.http.post(`/api/v1/users/${court.users.admin.id}/disable`).set(admin()).expect(422);
    expect(self.body.code).toBe('user.disable_self');
    await t.http.post('/api/v1/users/no-such-user/disable').set(admin()).expect(404);
    expect(await t.dump()).toEqual(before);
  });

  it('a reset gives a temporary password that ends every session and opens nothing but the password change', async () => {
    const old = court.users.civilHead.token;
    const reset = await t.http
      .post(`/api/v1/users/${court.users.civilHead.id}/reset-password`)
      .set(admin())
      .expect(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await board(old).expect(401);

    const signedIn = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'civil-head', password: temporary })
      .expect(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const provisional = signedIn.body.accessToken as string;
    const blocked = await board(provisional).expect(403);
    expect(blocked.body.code).toBe('password_change_required');
    expect(
      (await t.http.get('/api/v1/me').set(bearer(provisional)).expect(200)).body.mustChangePassword,
    ).toBe(true);

    const change = (body: object) => t.http.post('/api/v1/me/password').set(bearer(provisional)).send(body);
    const wrongCurrent = await change({
      currentPassword: 'not-it',
      newPassword: 'Minyi-Xin-Mima-2026',
    }).expect(400);
    expect(wrongCurrent.body.errors).toEqual([
      { field: 'currentPassword', rule: 'isCurrentPassword', message: '当前密码不正确' },
    ]);
    const weak = await change({ currentPassword: temporary, newPassword: '1234567890' }).expect(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', rule: 'isStrongPassword' });
    const named = await change({ currentPassword: temporary, newPassword: 'civil-head-Mima-2026' }).expect(
      400,
    );
    expect(named.body.errors[0]).toMatchObject({ field: 'newPassword', rule: 'notContainUsername' });

    const changed = await change({ currentPassword: temporary, newPassword: 'Minyi-Xin-Mima-2026' }).expect(
      200,
    );
    await board(changed.body.accessToken).expect(200);
    await board(provisional).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: 'civil-head', password: temporary }).expect(401);
    court.users.civilHead.token = await login(t.http, 'civil-head', 'Minyi-Xin-Mima-2026');
    await board(court.users.civilHead.token).expect(200);
  });

  it('changing one’s own password ends the other sessions and keeps this one', async () => {
    const elsewhere = await login(t.http, 'leader', PASSWORD);
    const here = court.users.leader.token;
    const changed = await t.http
      .post('/api/v1/me/password')
      .set(bearer(here))
      .send({ currentPassword: PASSWORD, newPassword: 'Lingdao-Xin-Mima-2026' })
      .expect(200);
    await board(elsewhere).expect(401);
    await board(here).expect(401);
    await board(changed.body.accessToken).expect(200);
    await t.http.post('/api/v1/auth/login').send({ username: 'leader', password: PASSWORD }).expect(401);
    // Another person's password is the administrator's to reset, not anyone's to change.
    const before = await t.dump();
    await t.http
      .post('/api/v1/me/password')
      .set(bearer(changed.body.accessToken))
      .send({ currentPassword: 'Lingdao-Xin-Mima-2026', newPassword: 'Lingdao-Xin-Mima-2026' })
      .expect(400);
    expect(await t.dump()).toEqual(before);
  });

  it('refuses a correctly signed token without an expiry or a session, one issued before the sessions ended, and a session token as a bearer', async () => {
    const sub = court.users.secretary.id;
    const exp = Math.floor(Date.now() / 1000) + 600;
    await board(handMadeToken({ sub, role: 'leader', sv: 0, sid: 's-1', exp })).expect(200);
    await board(handMadeToken({ sub, role: 'leader', sv: 0, sid: 's-1' })).expect(401);
    await board(handMadeToken({ sub, role: 'leader', sv: 0, exp })).expect(401);
    await board(handMadeToken({ sub, role: 'leader', sv: 7, sid: 's-1', exp })).expect(401);
    await board(handMadeToken({ sub, role: 'leader', sv: 0, sid: 's-1', exp, typ: 'session' })).expect(401);
  });
});

describe('departments change with the court (机构改革): rename, retire', () => {
  let t: TestApp;
  let court: Court;
  const admin = () => bearer(court.users.admin.token);

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
  }, 60_000);
  afterAll(() => t.close());

  it('a renamed department shows its new name everywhere its measures appear', async () => {
    const fixtures = new Fixtures(t, court);
    const measure = await fixtures.measure('assigned');
    const renamed = await t.http
      .patch(`/api/v1/departments/${court.departments.civil}`)
      .set(admin())
      .send({ name: '民事审判第一庭' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      id: court.departments.civil,
      name: '民事审判第一庭',
      retired: false,
    });
    const shown = await t.http.get(measure.url).set(bearer(court.users.secretary.token)).expect(200);
    expect(shown.body.departmentName).toBe('民事审判第一庭');
    const taken = await t.http
      .patch(`/api/v1/departments/${court.departments.civil}`)
      .set(admin())
      .send({ name: '执行局' })
      .expect(409);
    expect(taken.body.code).toBe('department.name_taken');
  });

  it('a retired department keeps its measures but takes no new problem or measure; only the administrator retires', async () => {
    const before = await t.dump();
    await t.http
      .post(`/api/v1/departments/${court.departments.enforcement}/retire`)
      .set(bearer(court.users.secretary.token))
      .expect(403);
    expect(await t.dump()).toEqual(before);

    const fixtures = new Fixtures(t, court);
    const campaignId = await fixtures.campaign();
    const retired = await t.http
      .post(`/api/v1/departments/${court.departments.enforcement}/retire`)
      .set(admin())
      .expect(200);
    expect(retired.body).toMatchObject({ retired: true });
    const departments: { id: string; retired: boolean }[] = (
      await t.http.get('/api/v1/departments').set(admin())
    ).body;
    expect(departments.find((d) => d.id === court.departments.enforcement)?.retired).toBe(true);

    const afterRetiring = await t.dump();
    const problem = await t.http
      .post(`/api/v1/campaigns/${campaignId}/problems`)
      .set(bearer(court.users.secretary.token))
      .send({ title: '执行案款发放不及时', departmentIds: [court.departments.enforcement] })
      .expect(400);
    expect(problem.body.errors).toEqual([
      { field: 'departmentIds', rule: 'department.retired', message: '该部门已撤销，不能再承担新的整改任务' },
    ]);
    expect(await t.dump()).toEqual(afterRetiring);
    await t.http.post(`/api/v1/departments/${court.departments.enforcement}/retire`).set(admin()).expect(409);
  });
});

describe('the first administrator in production', () => {
  it('must replace the ADMIN_PASSWORD at the first sign-in before doing anything else', async () => {
    const t = await startTestApp({ config: { nodeEnv: 'production' } });
    try {
      const signedIn = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: 'admin-password' })
        .expect(200);
      expect(signedIn.body.user.mustChangePassword).toBe(true);
      const token = signedIn.body.accessToken as string;
      const refused = await t.http.get('/api/v1/users').set(bearer(token)).expect(403);
      expect(refused.body.code).toBe('password_change_required');
      const changed = await t.http
        .post('/api/v1/me/password')
        .set(bearer(token))
        .send({ currentPassword: 'admin-password', newPassword: 'Guanliyuan-Mima-2026' })
        .expect(200);
      await t.http.get('/api/v1/users').set(bearer(changed.body.accessToken)).expect(200);
    } finally {
      await t.close();
    }
  }, 60_000);
});
