import { bearer, Court, PASSWORD, setUpCourt } from './support/court';
import { Fixtures } from './support/fixtures';
import { login, startTestApp, TestApp } from './support/test-app';

/** Issue 12, separation of duties: the administrator asks, the secretary confirms, inspectors see. */
describe('separation of duties: grants of the leader role and the secretary post', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;
  const as = (token: string) => bearer(token);
  const admin = () => as(court.users.admin.token);
  const secretary = () => as(court.users.secretary.token);
  const grants = async (token: string) =>
    (await t.http.get('/api/v1/grants').set(as(token)).expect(200)).body;
  const eventCount = async () => (await t.dump()).length;

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
  }, 60_000);
  afterAll(() => t.close());

  it('an administrator-made secretary cannot sign off until the secretary confirms; then the post passes over', async () => {
    const measure = await fixtures.measure('submitted');
    // otherLeader neither leads this measure nor holds the post: refused before and while pending.
    const asked = await t.http
      .patch(`/api/v1/users/${court.users.otherLeader.id}`)
      .set(admin())
      .send({ secretary: true })
      .expect(200);
    expect(asked.body).toMatchObject({
      secretary: false,
      pendingGrant: { role: 'leader', secretary: true, id: expect.any(String) },
    });
    const before = await eventCount();
    await t.http
      .post(`${measure.url}/sign-off`)
      .set(as(court.users.otherLeader.token))
      .send({ opinion: '同意销号' })
      .expect(403);
    expect(await eventCount()).toBe(before);

    // The administrator cannot confirm their own request.
    const grantId = asked.body.pendingGrant.id as string;
    const refused = await t.http.post(`/api/v1/grants/${grantId}/confirm`).set(admin()).expect(403);
    expect(refused.body.message).toContain('只有党组书记');

    const pending = (await grants(court.users.secretary.token)).find((g: { id: string }) => g.id === grantId);
    expect(pending).toMatchObject({
      status: 'pending',
      secretary: true,
      from: { role: 'leader', secretary: false },
      user: { id: court.users.otherLeader.id, displayName: 'other-leader' },
      requestedBy: { id: court.users.admin.id },
      decidedBy: null,
    });

    const confirmed = await t.http.post(`/api/v1/grants/${grantId}/confirm`).set(secretary()).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      decidedBy: { id: court.users.secretary.id },
    });
    // Both positions changed, so both accounts' sessions ended.
    await t.http.get('/api/v1/me').set(as(court.users.otherLeader.token)).expect(401);
    await t.http.get('/api/v1/me').set(secretary()).expect(401);
    const successor = await login(t.http, 'other-leader', PASSWORD);
    expect((await t.http.get('/api/v1/me').set(as(successor)).expect(200)).body.secretary).toBe(true);
    const predecessor = await login(t.http, 'secretary', PASSWORD);
    expect((await t.http.get('/api/v1/me').set(as(predecessor)).expect(200)).body.secretary).toBe(false);
    await t.http.post(`${measure.url}/sign-off`).set(as(successor)).send({ opinion: '同意销号' }).expect(200);
    // There is one secretary: the users list shows exactly one.
    const users = (await t.http.get('/api/v1/users').set(admin()).expect(200)).body as {
      secretary: boolean;
    }[];
    expect(users.filter((u) => u.secretary)).toHaveLength(1);
    court.users.secretary = { id: court.users.otherLeader.id, token: successor };
    court.users.otherLeader = { id: court.users.otherLeader.id, token: successor };
  });

  it('a new leader account cannot sign in until confirmed; a rejected one never can, and nothing else changes', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({ username: 'xin-lingdao', password: PASSWORD, displayName: '新领导', role: 'leader' })
      .expect(201);
    const refused = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'xin-lingdao', password: PASSWORD })
      .expect(401);
    expect(refused.body).toMatchObject({ code: 'account_awaiting_grant' });
    expect(refused.body.message).toContain('待党组书记确认');
    const grant = (await grants(court.users.secretary.token)).find(
      (g: { user: { id: string } }) => g.user.id === created.body.id,
    );
    expect(grant).toMatchObject({ status: 'pending', from: null, role: 'leader' });
    await t.http.post(`/api/v1/grants/${grant.id}/reject`).set(secretary()).expect(200);
    await t.http.post('/api/v1/auth/login').send({ username: 'xin-lingdao', password: PASSWORD }).expect(401);
    await t.http.post(`/api/v1/grants/${grant.id}/confirm`).set(secretary()).expect(409);
  });

  it('lesser changes take effect at once and end the account’s sessions; the secretary cannot be demoted directly', async () => {
    const inspector = court.users.inspector;
    const changed = await t.http
      .patch(`/api/v1/users/${inspector.id}`)
      .set(admin())
      .send({ displayName: '纪检组长', role: 'department_head', departmentId: court.departments.civil })
      .expect(200);
    expect(changed.body).toMatchObject({
      displayName: '纪检组长',
      role: 'department_head',
      departmentId: court.departments.civil,
      pendingGrant: null,
    });
    await t.http.get('/api/v1/me').set(as(inspector.token)).expect(401);
    const demoted = await t.http
      .patch(`/api/v1/users/${court.users.secretary.id}`)
      .set(admin())
      .send({ role: 'inspector' })
      .expect(422);
    expect(demoted.body.code).toBe('user.secretary_handover');
    const bad = await t.http
      .patch(`/api/v1/users/${inspector.id}`)
      .set(admin())
      .send({ role: 'emperor' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('role');
  });

  it('grants are read by the Party group, inspectors and the administrator; decided only by the secretary', async () => {
    await t.http.get('/api/v1/grants').set(as(court.users.civilHead.token)).expect(403);
    await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({ username: 'jijian2', password: PASSWORD, displayName: '纪检二', role: 'inspector' })
      .expect(201);
    const inspector = await login(t.http, 'jijian2', PASSWORD);
    const all = await grants(inspector);
    // The court's first secretary was appointed with no secretary in office: flagged as unconfirmed.
    expect(all).toContainEqual(
      expect.objectContaining({ status: 'unconfirmed', secretary: true, decidedBy: null }),
    );
    expect((await grants(court.users.admin.token)).length).toBe(all.length);
    const asked = await t.http
      .patch(`/api/v1/users/${court.users.civilHead.id}`)
      .set(admin())
      .send({ role: 'leader', departmentId: null })
      .expect(200);
    const grantId = asked.body.pendingGrant.id;
    for (const token of [inspector, court.users.leader.token, court.users.admin.token])
      await t.http.post(`/api/v1/grants/${grantId}/confirm`).set(as(token)).expect(403);
    // A second change waits for the pending one.
    await t.http
      .patch(`/api/v1/users/${court.users.civilHead.id}`)
      .set(admin())
      .send({ role: 'inspector' })
      .expect(409);
    await t.http.post(`/api/v1/grants/${grantId}/reject`).set(secretary()).expect(200);
    await t.http
      .patch(`/api/v1/users/${court.users.civilHead.id}`)
      .set(secretary())
      .send({ displayName: '改名' })
      .expect(403);
  });
});
