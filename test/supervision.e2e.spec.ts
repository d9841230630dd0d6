import { binaryBody } from './support/raw-http';
import mammoth from 'mammoth';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { bearer, Court, setUpCourt } from './support/court';
import { CHINESE, DUE_DATE, Fixtures, MeasureFixture, noticeIssuerOf } from './support/fixtures';
import { raiseDeadlineAlert } from './support/raise-alert';
import { startTestApp, TestApp } from './support/test-app';

/** Supervision over HTTP (issue 16): urging (催办), numbered notices (督办单). One app for the file. */
describe('supervision', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
  }, 120_000);
  afterAll(() => t?.close());

  describe('催办: POST /measures/:id/urge', () => {
    let m: MeasureFixture;
    beforeAll(async () => {
      m = await fixtures.measure('assigned');
    });

    const urge = (token: string, body: object, key?: string) => {
      const request = t.http.post(`${m.url}/urge`).set(bearer(token));
      if (key) request.set('Idempotency-Key', key);
      return request.send(body);
    };
    const inboxOf = async (token: string) =>
      (await t.http.get('/api/v1/me/urgings').set(bearer(token)).expect(200)).body as {
        measureId: string;
        urgeId: string;
        message: string;
        urgedByName: string | null;
      }[];

    it('the responsible leader urges once per Idempotency-Key; the department head finds it in the inbox', async () => {
      const first = await urge(
        court.users.leader.token,
        { message: '请本周内报告进展' },
        'urge-key-1',
      ).expect(201);
      const before = (await t.dump()).length;
      const retry = await urge(
        court.users.leader.token,
        { message: '请本周内报告进展' },
        'urge-key-1',
      ).expect(201);
      expect(retry.body.urgeId).toBe(first.body.urgeId);
      expect((await t.dump()).length).toBe(before);

      const inbox = await inboxOf(court.users.civilHead.token);
      expect(inbox.filter((u) => u.measureId === m.id)).toEqual([
        expect.objectContaining({ urgeId: first.body.urgeId, message: '请本周内报告进展' }),
      ]);
      // Another department's head is not urged.
      expect((await inboxOf(court.users.enforcementHead.token)).some((u) => u.measureId === m.id)).toBe(
        false,
      );
      const history = (
        await t.http.get(`${m.url}/history`).set(bearer(court.users.inspector.token)).expect(200)
      ).body as { type: string }[];
      expect(history.filter((e) => e.type === 'MeasureUrged')).toHaveLength(1);
    });

    it('reporting progress answers the urging: it leaves the inbox', async () => {
      await t.http
        .post(`${m.url}/progress`)
        .set(bearer(court.users.civilHead.token))
        .send({ note: '已召开专题会部署', percent: 30 })
        .expect(200);
      expect((await inboxOf(court.users.civilHead.token)).some((u) => u.measureId === m.id)).toBe(false);
    });

    it('a blank message is refused naming the field, and nothing is written', async () => {
      const before = (await t.dump()).length;
      const response = await urge(court.users.leader.token, { message: '   ' }).expect(400);
      expect(JSON.stringify(response.body)).toContain('message');
      expect(response.body.message).toMatch(CHINESE);
      expect((await t.dump()).length).toBe(before);
    });

    it('a department head or an inspector is refused with 403, and nothing is written', async () => {
      const before = (await t.dump()).length;
      for (const token of [court.users.civilHead.token, court.users.inspector.token]) {
        const response = await urge(token, { message: '请加快进度' }).expect(403);
        expect(response.body.message).toMatch(CHINESE);
      }
      expect((await t.dump()).length).toBe(before);
    });
  });

  describe('督办单: issued by the overdue step, read, received and answered', () => {
    let m: MeasureFixture;
    let noticeId: string;

    beforeAll(async () => {
      m = await fixtures.measure('assigned');
      // Five days after the deadline, the worker records the overdue step and issues its notice (as AlertRecorder does).
      t.clock.set('2026-05-05T02:00:00Z');
      const alertId = await raiseDeadlineAlert(t, m.id, 'overdue');
      const state = t.app.get(CatalogueView).measure(m.id)!.state;
      const issuer = noticeIssuerOf(t.app);
      const alert = state.alerts.find((a) => a.alertId === alertId)!;
      await issuer.issueFor(alert, state);
      await issuer.issueFor(alert, state); // a second delivery of the step issues nothing more
      await t.app.get(ReadModels).catchUp((await t.dump()).at(-1)!.position);
    });

    it('lists the notice with its number to leaders and the department, not to another department', async () => {
      const list = (await t.http.get('/api/v1/notices').set(bearer(court.users.leader.token)).expect(200))
        .body;
      const mine = list.filter((n: { measure: { measureId: string } }) => n.measure.measureId === m.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        numberText: expect.stringMatching(/^督〔2026〕\d+号$/),
        title: '督办通知书',
        daysOverdue: 5,
        replyBy: '2026-05-10',
        measure: { dueDate: DUE_DATE, departmentName: '民一庭' },
        receipt: null,
        reply: null,
      });
      noticeId = mine[0].id;
      const other = (
        await t.http.get('/api/v1/notices').set(bearer(court.users.enforcementHead.token)).expect(200)
      ).body as { id: string }[];
      expect(other.some((n) => n.id === noticeId)).toBe(false);
      await t.http
        .get(`/api/v1/notices/${noticeId}`)
        .set(bearer(court.users.enforcementHead.token))
        .expect(403);
    });

    it('the .docx opens and names the number, the measure and the dates', async () => {
      const response = await t.http
        .get(`/api/v1/notices/${noticeId}.docx`)
        .set(bearer(court.users.inspector.token))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(response.headers['content-type']).toContain('wordprocessingml');
      const text = (await mammoth.extractRawText({ buffer: response.body as Buffer })).value;
      const { numberText, measure } = (
        await t.http.get(`/api/v1/notices/${noticeId}`).set(bearer(court.users.inspector.token)).expect(200)
      ).body;
      expect(text).toContain('督办通知书');
      expect(text).toContain(numberText);
      expect(text).toContain(measure.content);
      expect(text).toContain('2026年4月30日');
      expect(text).toContain('已逾期5天');
      expect(text).toContain('2026年5月10日前书面回复');
    });

    it('a reply before receipt is refused; the head receives, then answers citing the measure’s evidence', async () => {
      const head = bearer(court.users.civilHead.token);
      await t.http
        .post(`/api/v1/notices/${noticeId}/reply`)
        .set(head)
        .send({ content: '已整改' })
        .expect(422);
      await t.http
        .post(`/api/v1/notices/${noticeId}/receipt`)
        .set(bearer(court.users.leader.token))
        .expect(403);
      const received = await t.http.post(`/api/v1/notices/${noticeId}/receipt`).set(head).expect(200);
      expect(received.body.receipt).toMatchObject({
        receivedOn: '2026-05-05',
        receivedByName: expect.any(String),
      });

      const before = (await t.dump()).length;
      const bad = await t.http
        .post(`/api/v1/notices/${noticeId}/reply`)
        .set(head)
        .send({ content: '已整改', attachmentIds: ['not-a-file'] })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('attachmentIds');
      expect((await t.dump()).length).toBe(before);

      const attachmentId = await fixtures.attachment(m.url);
      const replied = await t.http
        .post(`/api/v1/notices/${noticeId}/reply`)
        .set(head)
        .set('Idempotency-Key', 'reply-1')
        .send({ content: '已制定清理计划，5月底前完成', attachmentIds: [attachmentId] })
        .expect(200);
      expect(replied.body.reply).toMatchObject({
        content: '已制定清理计划，5月底前完成',
        attachmentIds: [attachmentId],
      });
      const after = (await t.dump()).length;
      await t.http
        .post(`/api/v1/notices/${noticeId}/reply`)
        .set(head)
        .set('Idempotency-Key', 'reply-1')
        .send({ content: '已制定清理计划，5月底前完成', attachmentIds: [attachmentId] })
        .expect(200);
      expect((await t.dump()).length).toBe(after);
    });
  });
});
