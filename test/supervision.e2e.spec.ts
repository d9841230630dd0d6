import { bearer, Court, setUpCourt } from './support/court';
import { CHINESE, Fixtures, MeasureFixture } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Supervision over HTTP (issue 16): urging (催办). One app for the file. */
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
      const first = await urge(court.users.leader.token, { message: '请本周内报告进展' }, 'urge-key-1').expect(201);
      const before = (await t.dump()).length;
      const retry = await urge(court.users.leader.token, { message: '请本周内报告进展' }, 'urge-key-1').expect(201);
      expect(retry.body.urgeId).toBe(first.body.urgeId);
      expect((await t.dump()).length).toBe(before);

      const inbox = await inboxOf(court.users.civilHead.token);
      expect(inbox.filter((u) => u.measureId === m.id)).toEqual([
        expect.objectContaining({ urgeId: first.body.urgeId, message: '请本周内报告进展' }),
      ]);
      // Another department's head is not urged.
      expect((await inboxOf(court.users.enforcementHead.token)).some((u) => u.measureId === m.id)).toBe(false);
      const history = (await t.http.get(`${m.url}/history`).set(bearer(court.users.inspector.token)).expect(200))
        .body as { type: string }[];
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
});
