import { bearer, Court, setUpCourt } from './support/court';
import { startTestApp, TestApp } from './support/test-app';

/** One measure through its whole life, as the leader, the department head and the inspector would drive it. */
describe('a measure from assignment to look-back review, over HTTP', () => {
  let t: TestApp;
  let court: Court;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
  });
  afterAll(() => t.close());

  it('records every step with its actor and time, in order, and shows the state after each', async () => {
    const { secretary, leader, civilHead, inspector } = court.users;
    const campaign = await t.http
      .post('/api/v1/campaigns')
      .set(bearer(secretary.token))
      .send({ title: '巡察反馈问题整改', source: 'inspection_feedback', issuedOn: '2026-03-01' })
      .expect(201);
    const problem = await t.http
      .post(`/api/v1/campaigns/${campaign.body.id}/problems`)
      .set(bearer(secretary.token))
      .send({ title: '长期未结案件清理不力', departmentIds: [court.departments.civil] })
      .expect(201);
    expect(problem.body.number).toBe(1);

    const measure = await t.http
      .post(`/api/v1/problems/${problem.body.id}/measures`)
      .set(bearer(secretary.token))
      .send({
        content: '逐案建立台账，挂牌督办',
        kind: 'deadline',
        responsibleLeaderId: leader.id,
        departmentId: court.departments.civil,
        responsiblePerson: '刘洋',
        dueDate: '2026-04-30',
        milestones: [{ title: '完成台账', dueDate: '2026-03-15' }],
      })
      .expect(201);
    expect(measure.body.number).toBe('1.1');
    const id = measure.body.id as string;
    const url = `/api/v1/measures/${id}`;

    const assigned = await t.http.get(url).set(bearer(inspector.token)).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', dueDate: '2026-04-30', deadlineVersion: 1 });
    expect(assigned.headers.etag).toBe('"0"');

    t.clock.set('2026-03-10T03:00:00Z');
    const progressed = await t.http
      .post(`${url}/progress`)
      .set(bearer(civilHead.token))
      .send({ note: '台账已建立', percent: 30 })
      .expect(200);
    expect(progressed.body.measure).toMatchObject({ status: 'in_progress', percent: 30 });
    expect(progressed.headers.etag).toBe('"1"');

    t.clock.set('2026-04-20T03:00:00Z');
    const requested = await t.http
      .post(`${url}/extension-requests`)
      .set(bearer(civilHead.token))
      .send({ newDueDate: '2026-05-31', reason: '等待鉴定结论' })
      .expect(201);
    const requestId = requested.body.requestId as string;
    expect(requestId).toEqual(expect.any(String));

    t.clock.set('2026-04-21T03:00:00Z');
    const approved = await t.http
      .post(`${url}/extension-requests/${requestId}/approve`)
      .set(bearer(leader.token))
      .send({ opinion: '同意' })
      .expect(200);
    expect(approved.body.measure).toMatchObject({
      dueDate: '2026-05-31',
      originalDueDate: '2026-04-30',
      deadlineVersion: 2,
      extensionsGranted: 1,
    });

    t.clock.set('2026-05-20T03:00:00Z');
    await t.http
      .post(`${url}/completion`)
      .set(bearer(civilHead.token))
      .send({ summary: '已清结', evidence: '台账、结案报告' })
      .expect(200);
    t.clock.set('2026-05-21T03:00:00Z');
    const returned = await t.http
      .post(`${url}/return`)
      .set(bearer(leader.token))
      .send({ reason: '佐证材料不全' })
      .expect(200);
    expect(returned.body.measure).toMatchObject({ status: 'in_progress', returned: true });

    t.clock.set('2026-05-25T03:00:00Z');
    await t.http
      .post(`${url}/completion`)
      .set(bearer(civilHead.token))
      .send({ summary: '已补充材料', evidence: '补充结案报告' })
      .expect(200);
    t.clock.set('2026-05-26T03:00:00Z');
    const signedOff = await t.http
      .post(`${url}/sign-off`)
      .set(bearer(leader.token))
      .send({ opinion: '同意销号' })
      .expect(200);
    // Signed off after the original deadline (30 April), so not on time even though the extension was granted.
    expect(signedOff.body.measure).toMatchObject({
      status: 'signed_off',
      signOff: { signedOffOn: '2026-05-26', onTime: false },
    });

    await t.http
      .post(`${url}/outcomes`)
      .set(bearer(civilHead.token))
      .send({ title: '《长期未结案件管理办法》' })
      .expect(201);

    t.clock.set('2026-09-01T03:00:00Z');
    const reopened = await t.http
      .post(`${url}/reopen`)
      .set(bearer(secretary.token))
      .send({ reason: '回头看发现反弹', newDueDate: '2026-10-31' })
      .expect(200);
    expect(reopened.body.measure).toMatchObject({
      status: 'in_progress',
      reopened: true,
      dueDate: '2026-10-31',
      deadlineVersion: 3,
    });

    t.clock.set('2026-09-02T03:00:00Z');
    const cancelled = await t.http
      .post(`${url}/cancel`)
      .set(bearer(leader.token))
      .send({ reason: '并入新一轮整改' })
      .expect(200);
    expect(cancelled.body.measure).toMatchObject({ status: 'cancelled' });

    const history = await t.http.get(`${url}/history`).set(bearer(inspector.token)).expect(200);
    const steps = history.body.map(
      (e: { type: string; actor: { userId: string; role: string }; recordedAt: string }) => [
        e.type,
        e.actor.userId,
        e.actor.role,
        e.recordedAt,
      ],
    );
    expect(steps).toEqual([
      ['MeasureAssigned', secretary.id, 'leader', '2026-03-02T02:00:00.000Z'],
      ['ProgressReported', civilHead.id, 'department_head', '2026-03-10T03:00:00.000Z'],
      ['ExtensionRequested', civilHead.id, 'department_head', '2026-04-20T03:00:00.000Z'],
      ['ExtensionApproved', leader.id, 'leader', '2026-04-21T03:00:00.000Z'],
      ['CompletionSubmitted', civilHead.id, 'department_head', '2026-05-20T03:00:00.000Z'],
      ['MeasureReturned', leader.id, 'leader', '2026-05-21T03:00:00.000Z'],
      ['CompletionSubmitted', civilHead.id, 'department_head', '2026-05-25T03:00:00.000Z'],
      ['MeasureSignedOff', leader.id, 'leader', '2026-05-26T03:00:00.000Z'],
      ['OutcomeRecorded', civilHead.id, 'department_head', '2026-05-26T03:00:00.000Z'],
      ['MeasureReopened', secretary.id, 'leader', '2026-09-01T03:00:00.000Z'],
      ['MeasureCancelled', leader.id, 'leader', '2026-09-02T03:00:00.000Z'],
    ]);
    expect(history.body[2].data).toMatchObject({
      currentDueDate: '2026-04-30',
      newDueDate: '2026-05-31',
      reason: '等待鉴定结论',
    });

    const campaignView = await t.http
      .get(`/api/v1/campaigns/${campaign.body.id}`)
      .set(bearer(civilHead.token))
      .expect(200);
    expect(campaignView.body.problems[0].measures[0]).toMatchObject({
      id,
      number: '1.1',
      status: 'cancelled',
    });

    const integrity = await t.http.get('/api/v1/audit/integrity').set(bearer(inspector.token)).expect(200);
    expect(integrity.body).toMatchObject({ ok: true, failures: [] });
  });

  it('refuses signing off a measure that was never submitted, naming the rule', async () => {
    const { secretary, leader } = court.users;
    const c = await t.http
      .post('/api/v1/campaigns')
      .set(bearer(secretary.token))
      .send({ title: '专项', source: 'audit', issuedOn: '2026-03-01' })
      .expect(201);
    const p = await t.http
      .post(`/api/v1/campaigns/${c.body.id}/problems`)
      .set(bearer(secretary.token))
      .send({ title: '问题', departmentIds: [court.departments.civil] })
      .expect(201);
    const m = await t.http
      .post(`/api/v1/problems/${p.body.id}/measures`)
      .set(bearer(secretary.token))
      .send({
        content: '措施',
        kind: 'immediate',
        responsibleLeaderId: leader.id,
        departmentId: court.departments.civil,
        responsiblePerson: '刘洋',
        dueDate: '2026-03-31',
      })
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/measures/${m.body.id}/sign-off`)
      .set(bearer(leader.token))
      .send({})
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'measure.not_submitted' });
    expect(refused.body.message).toContain('销号');
    const english = await t.http
      .post(`/api/v1/measures/${m.body.id}/sign-off`)
      .set(bearer(leader.token))
      .set('Accept-Language', 'en')
      .send({})
      .expect(422);
    expect(english.body.message).toMatch(/not submitted/);
  });
});
