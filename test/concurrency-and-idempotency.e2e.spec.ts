import { RecordedEvent, verifyStreamChain } from '@tracker/event-store';
import type { Response, Test } from 'supertest';
import { bearer, Court, PASSWORD, setUpCourt } from './support/court';
import { login, startTestApp, TestApp } from './support/test-app';

/**
 * "A stale write is refused, never silently merged" and "a retried command never records twice"
 * (DESIGN.md §4), over real HTTP against the embedded store: racing writers, retried requests,
 * and the If-Match / Idempotency-Key headers that carry those guarantees.
 */

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const is2xx = (r: Response) => r.status >= 200 && r.status < 300;
let keySeq = 0;
/** A fresh Idempotency-Key, unique within this file. */
const newKey = (label: string) => `e2e-${label}-${++keySeq}-${Date.now().toString(36)}`;

// Password hashing (argon2) in the court set-up and twenty-way races take a while on a busy machine.
jest.setTimeout(30_000);

describe('concurrency and idempotency over HTTP', () => {
  let t: TestApp;
  let court: Court;
  let campaignId: string;
  let problemId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    const campaign = await t.http
      .post('/api/v1/campaigns')
      .set(bearer(court.users.secretary.token))
      .send({ title: '巡察反馈问题整改', source: 'inspection_feedback', issuedOn: '2026-03-01' })
      .expect(201);
    campaignId = campaign.body.id;
    const problem = await t.http
      .post(`/api/v1/campaigns/${campaignId}/problems`)
      .set(bearer(court.users.secretary.token))
      .send({ title: '长期未结案件清理不力', departmentIds: [court.departments.civil] })
      .expect(201);
    problemId = problem.body.id;
  });
  afterAll(() => t.close());

  const measureBody = () => ({
    content: '逐案建立台账，挂牌督办',
    kind: 'deadline',
    responsibleLeaderId: court.users.leader.id,
    departmentId: court.departments.civil,
    responsiblePerson: '刘洋',
    dueDate: '2026-04-30',
  });

  /** A new measure of the civil division, owned by `leader`; answers its id. */
  async function newMeasure(): Promise<string> {
    const res = await t.http
      .post(`/api/v1/problems/${problemId}/measures`)
      .set(bearer(court.users.secretary.token))
      .send(measureBody())
      .expect(201);
    return res.body.id as string;
  }

  // The history read below is recorded in the access log: count what the writes wrote.
  const eventCount = async () => (await t.written()).length;

  /**
   * The measure's stream read raw and through the API: revisions 0..n with no gap, no event id
   * twice, the hash chain intact, and the history endpoint showing exactly the same events.
   */
  async function wellFormedStream(measureId: string): Promise<RecordedEvent[]> {
    const raw = await t.store.readStream(`measure-${measureId}`);
    expect(raw.map((e) => e.revision)).toEqual(raw.map((_, i) => BigInt(i)));
    expect(new Set(raw.map((e) => e.eventId)).size).toBe(raw.length);
    expect(verifyStreamChain(raw)).toEqual({ ok: true });
    const history = await t.http
      .get(`/api/v1/measures/${measureId}/history`)
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(history.body.map((e: { revision: string }) => e.revision)).toEqual(raw.map((_, i) => String(i)));
    expect(history.body.map((e: { eventId: string }) => e.eventId)).toEqual(raw.map((e) => e.eventId));
    const all = await t.dump();
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    return raw;
  }

  describe('racing writers on one measure', () => {
    it('20 concurrent writes with the same If-Match: exactly one is accepted, the rest refused (412/409), one event recorded', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      const current = await t.http.get(`/api/v1/measures/${id}`).set(bearer(civilHead.token)).expect(200);
      const etag = current.headers.etag as string;
      expect(etag).toBe('"0"');
      const before = await eventCount();

      const responses = await Promise.all(
        range(20).map((i) =>
          t.http
            .post(`/api/v1/measures/${id}/progress`)
            .set(bearer(civilHead.token))
            .set('If-Match', etag)
            .send({ note: `并发进展 ${i}`, percent: i + 1 }),
        ),
      );

      const accepted = responses.filter(is2xx);
      const refused = responses.filter((r) => !is2xx(r));
      expect({
        accepted: accepted.length,
        refusedStatuses: [...new Set(refused.map((r) => r.status))].filter((s) => s !== 409 && s !== 412),
      }).toEqual({
        accepted: 1,
        refusedStatuses: [],
      });
      for (const r of refused) {
        expect(r.body.code).toBe(r.status === 412 ? 'precondition_failed' : 'concurrent_write');
      }
      expect(accepted[0].headers.etag).toBe('"1"');

      const raw = await wellFormedStream(id);
      expect(raw.map((e) => e.type)).toEqual(['MeasureAssigned', 'ProgressReported']);
      expect((raw[1].data as { note: string }).note).toBe(`并发进展 ${accepted[0].body.measure.percent - 1}`);
      expect(await eventCount()).toBe(before + 1);

      // The read model agrees with the stream.
      const after = await t.http.get(`/api/v1/measures/${id}`).set(bearer(civilHead.token)).expect(200);
      expect(after.headers.etag).toBe('"1"');
      expect(after.body.percent).toBe(accepted[0].body.measure.percent);
    });

    it('20 concurrent writes without If-Match: each is recorded once or refused with 409; no gap, no duplicate', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      const before = await eventCount();

      const responses = await Promise.all(
        range(20).map((i) =>
          t.http
            .post(`/api/v1/measures/${id}/progress`)
            .set(bearer(civilHead.token))
            .send({ note: `无条件进展 ${i}`, percent: i + 1 }),
        ),
      );

      const accepted = responses.filter(is2xx);
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
      expect(accepted.length).toBeGreaterThan(0);

      const raw = await wellFormedStream(id);
      const reported = raw.filter((e) => e.type === 'ProgressReported');
      expect(reported).toHaveLength(accepted.length);
      expect(await eventCount()).toBe(before + accepted.length);
      // Every accepted request is in the stream exactly once, at the revision its ETag named.
      const noteAt = new Map(raw.map((e) => [`"${e.revision}"`, (e.data as { note?: string }).note]));
      for (const r of accepted) {
        expect(noteAt.get(r.headers.etag)).toBe(`无条件进展 ${r.body.measure.percent - 1}`);
      }
      expect(new Set(accepted.map((r) => r.headers.etag)).size).toBe(accepted.length);
      // Every refused request left nothing behind.
      const recordedNotes = new Set(reported.map((e) => (e.data as { note: string }).note));
      responses.forEach((r, i) => {
        if (!is2xx(r)) expect(recordedNotes.has(`无条件进展 ${i}`)).toBe(false);
      });

      const after = await t.http.get(`/api/v1/measures/${id}`).set(bearer(civilHead.token)).expect(200);
      expect(after.headers.etag).toBe(`"${raw.length - 1}"`);
    });
  });

  describe('Idempotency-Key: a retried command records once and answers the same', () => {
    /**
     * Sends the command twice in a row with one key, then (prepared afresh) five times at once with
     * another key; each time every answer is the same and the store grew by exactly one write.
     */
    async function expectIdempotent(options: {
      prepare: (round: 'sequential' | 'concurrent') => Promise<(key: string) => Test>;
      answer: (body: Record<string, unknown>) => unknown;
      eventsPerWrite: number;
      status: number;
    }) {
      const send = await options.prepare('sequential');
      const key = newKey('seq');
      const before = await eventCount();
      const first = await send(key);
      expect(first.status).toBe(options.status);
      const afterFirst = await eventCount();
      expect(afterFirst).toBe(before + options.eventsPerWrite);
      const second = await send(key);
      expect(second.status).toBe(options.status);
      expect(options.answer(second.body)).toEqual(options.answer(first.body));
      expect(await eventCount()).toBe(afterFirst);

      const sendAgain = await options.prepare('concurrent');
      const key2 = newKey('conc');
      const before2 = await eventCount();
      const answers = await Promise.all(range(5).map(() => sendAgain(key2)));
      expect(answers.map((r) => r.status)).toEqual(range(5).map(() => options.status));
      const distinct = new Set(answers.map((r) => JSON.stringify(options.answer(r.body))));
      expect(distinct.size).toBe(1);
      expect(await eventCount()).toBe(before2 + options.eventsPerWrite);
      return { first, answers };
    }

    it('POST /measures/:id/extension-requests answers the same requestId and records one request', async () => {
      const { civilHead } = court.users;
      const { first, answers } = await expectIdempotent({
        prepare: async () => {
          const id = await newMeasure();
          return (key) =>
            t.http
              .post(`/api/v1/measures/${id}/extension-requests`)
              .set(bearer(civilHead.token))
              .set('Idempotency-Key', key)
              .send({ newDueDate: '2026-05-31', reason: '等待鉴定结论' });
        },
        answer: (body) => body.requestId,
        eventsPerWrite: 1,
        status: 201,
      });
      expect(first.body.requestId).toEqual(expect.any(String));
      expect(answers[0].body.requestId).toEqual(expect.any(String));
      const measureId = answers[0].body.measure.id as string;
      const raw = await wellFormedStream(measureId);
      expect(raw.map((e) => e.type)).toEqual(['MeasureAssigned', 'ExtensionRequested']);
    });

    it('POST /problems/:id/measures answers the same id and number and numbers the measure once', async () => {
      const { secretary } = court.users;
      const { first, answers } = await expectIdempotent({
        prepare: async () => (key) =>
          t.http
            .post(`/api/v1/problems/${problemId}/measures`)
            .set(bearer(secretary.token))
            .set('Idempotency-Key', key)
            .send(measureBody()),
        answer: (body) => ({ id: body.id, number: body.number }),
        eventsPerWrite: 2, // MeasureAdded in the campaign, MeasureAssigned in the measure
        status: 201,
      });
      expect(first.body).toEqual({ id: expect.any(String), number: expect.stringMatching(/^1\.\d+$/) });
      expect(answers[0].body.number).not.toBe(first.body.number);
      // No number was skipped or used twice in the campaign.
      const view = await t.http
        .get(`/api/v1/campaigns/${campaignId}`)
        .set(bearer(secretary.token))
        .expect(200);
      const numbers = view.body.problems[0].measures.map((m: { number: string }) => m.number);
      expect(numbers).toEqual(numbers.map((_: string, i: number) => `1.${i + 1}`));
      await wellFormedStream(answers[0].body.id);
    });

    it('POST /campaigns answers the same id and launches one campaign', async () => {
      const { secretary } = court.users;
      const countBefore = (await t.http.get('/api/v1/campaigns').set(bearer(secretary.token)).expect(200))
        .body.length;
      await expectIdempotent({
        prepare: async (round) => (key) =>
          t.http
            .post('/api/v1/campaigns')
            .set(bearer(secretary.token))
            .set('Idempotency-Key', key)
            .send({ title: `专项整治（${round}）`, source: 'special_campaign', issuedOn: '2026-03-01' }),
        answer: (body) => body.id,
        eventsPerWrite: 1,
        status: 201,
      });
      const countAfter = (await t.http.get('/api/v1/campaigns').set(bearer(secretary.token)).expect(200)).body
        .length;
      expect(countAfter).toBe(countBefore + 2);
    });

    it('POST /campaigns/:id/problems answers the same id and number and records one problem', async () => {
      const { secretary } = court.users;
      const { first, answers } = await expectIdempotent({
        prepare: async () => (key) =>
          t.http
            .post(`/api/v1/campaigns/${campaignId}/problems`)
            .set(bearer(secretary.token))
            .set('Idempotency-Key', key)
            .send({ title: '执行案款发放不及时', departmentIds: [court.departments.enforcement] }),
        answer: (body) => ({ id: body.id, number: body.number }),
        eventsPerWrite: 1,
        status: 201,
      });
      expect(first.body).toEqual({ id: expect.any(String), number: expect.any(Number) });
      expect(answers[0].body.number).toBe(first.body.number + 1);
    });

    it('POST /departments answers the same id and creates one department', async () => {
      const { admin } = court.users;
      await expectIdempotent({
        prepare: async (round) => (key) =>
          t.http
            .post('/api/v1/departments')
            .set(bearer(admin.token))
            .set('Idempotency-Key', key)
            .send({ name: `立案庭-${round}` }),
        answer: (body) => body.id,
        eventsPerWrite: 1,
        status: 201,
      });
      const names = (await t.http.get('/api/v1/departments').set(bearer(admin.token)).expect(200)).body.map(
        (d: { name: string }) => d.name,
      );
      expect(names.filter((n: string) => n.startsWith('立案庭-')).sort()).toEqual([
        '立案庭-concurrent',
        '立案庭-sequential',
      ]);
    });

    it('POST /users answers the same id and registers one account, which can log in', async () => {
      const { admin } = court.users;
      await expectIdempotent({
        prepare: async (round) => (key) =>
          t.http
            .post('/api/v1/users')
            .set(bearer(admin.token))
            .set('Idempotency-Key', key)
            .send({
              username: `clerk-${round}`,
              password: PASSWORD,
              displayName: '书记员',
              role: 'inspector',
            }),
        answer: (body) => body.id,
        eventsPerWrite: 1,
        status: 201,
      });
      const users = (await t.http.get('/api/v1/users').set(bearer(admin.token)).expect(200)).body as {
        username: string;
      }[];
      expect(
        users
          .filter((u) => u.username.startsWith('clerk-'))
          .map((u) => u.username)
          .sort(),
      ).toEqual(['clerk-concurrent', 'clerk-sequential']);
      await login(t.http, 'clerk-sequential', PASSWORD);
      await login(t.http, 'clerk-concurrent', PASSWORD);
    });

    it('a retry after other writes (its If-Match now stale) still answers the first result, not 412', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      const key = newKey('late-retry');
      const send = () =>
        t.http
          .post(`/api/v1/measures/${id}/extension-requests`)
          .set(bearer(civilHead.token))
          .set('If-Match', '"0"')
          .set('Idempotency-Key', key)
          .send({ newDueDate: '2026-05-31', reason: '等待鉴定结论' });
      const first = await send().expect(201);
      expect(first.headers.etag).toBe('"1"');
      await t.http
        .post(`/api/v1/measures/${id}/progress`)
        .set(bearer(civilHead.token))
        .set('If-Match', '"1"')
        .send({ note: '继续推进', percent: 40 })
        .expect(200);
      const before = await eventCount();

      const retry = await send();

      expect(retry.status).toBe(201);
      expect(retry.body.requestId).toBe(first.body.requestId);
      expect(retry.headers.etag).toBe('"2"');
      expect(await eventCount()).toBe(before);
      const raw = await wellFormedStream(id);
      expect(raw.map((e) => e.type)).toEqual(['MeasureAssigned', 'ExtensionRequested', 'ProgressReported']);
    });

    it('the same key reused for a different command on the same measure is refused with 422 and writes nothing', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      const key = newKey('reused');
      await t.http
        .post(`/api/v1/measures/${id}/progress`)
        .set(bearer(civilHead.token))
        .set('Idempotency-Key', key)
        .send({ note: '已建台账', percent: 30 })
        .expect(200);
      const before = await t.dump();

      const reused = await t.http
        .post(`/api/v1/measures/${id}/completion`)
        .set(bearer(civilHead.token))
        .set('Idempotency-Key', key)
        .send({ summary: '已清结', evidence: '结案报告' });

      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'idempotency_key_reused' });
      expect(await t.dump()).toEqual(before);
      const measure = await t.http.get(`/api/v1/measures/${id}`).set(bearer(civilHead.token)).expect(200);
      expect(measure.body.status).toBe('in_progress');
    });

    it('different users sending the same key do not collide', async () => {
      const { civilHead, leader, secretary, otherLeader, admin } = court.users;
      const key = newKey('shared');

      // Department head requests, responsible leader approves: same key, two users, two commands.
      const id = await newMeasure();
      const requested = await t.http
        .post(`/api/v1/measures/${id}/extension-requests`)
        .set(bearer(civilHead.token))
        .set('Idempotency-Key', key)
        .send({ newDueDate: '2026-05-31', reason: '等待鉴定结论' })
        .expect(201);
      const approved = await t.http
        .post(`/api/v1/measures/${id}/extension-requests/${requested.body.requestId}/approve`)
        .set(bearer(leader.token))
        .set('Idempotency-Key', key)
        .send({ opinion: '同意' });
      expect(approved.status).toBe(200);
      expect(approved.body.measure).toMatchObject({ dueDate: '2026-05-31', extensionsGranted: 1 });
      expect((await wellFormedStream(id)).map((e) => e.type)).toEqual([
        'MeasureAssigned',
        'ExtensionRequested',
        'ExtensionApproved',
      ]);

      // Two leaders launch campaigns with the same key and body: two campaigns.
      const body = { title: '同键专项', source: 'audit', issuedOn: '2026-03-01' };
      const one = await t.http
        .post('/api/v1/campaigns')
        .set(bearer(secretary.token))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      const two = await t.http
        .post('/api/v1/campaigns')
        .set(bearer(otherLeader.token))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(two.body.id).not.toBe(one.body.id);
      const launchedBy = async (cid: string) =>
        (await t.http.get(`/api/v1/campaigns/${cid}`).set(bearer(secretary.token)).expect(200)).body
          .launchedBy;
      expect(await launchedBy(one.body.id)).not.toEqual(await launchedBy(two.body.id));

      // Two administrators create departments with the same key: two departments.
      await t.http
        .post('/api/v1/users')
        .set(bearer(admin.token))
        .send({ username: 'second-admin', password: PASSWORD, displayName: '第二管理员', role: 'admin' })
        .expect(201);
      const secondAdmin = await login(t.http, 'second-admin', PASSWORD);
      const d1 = await t.http
        .post('/api/v1/departments')
        .set(bearer(admin.token))
        .set('Idempotency-Key', key)
        .send({ name: '政治部' })
        .expect(201);
      const d2 = await t.http
        .post('/api/v1/departments')
        .set(bearer(secondAdmin))
        .set('Idempotency-Key', key)
        .send({ name: '办公室' })
        .expect(201);
      expect(d2.body.id).not.toBe(d1.body.id);
    });

    it("one user reusing a key in another campaign neither answers with nor overwrites the first campaign's problem or measure", async () => {
      const { secretary, leader } = court.users;
      const auth = bearer(secretary.token);
      const launch = async (title: string) =>
        (
          await t.http
            .post('/api/v1/campaigns')
            .set(auth)
            .send({ title, source: 'audit', issuedOn: '2026-03-01' })
            .expect(201)
        ).body.id as string;
      const first = await launch('第一轮整改');
      const second = await launch('第二轮整改');
      const problemKey = newKey('problem-elsewhere');
      const measureKey = newKey('measure-elsewhere');
      const p1 = await t.http
        .post(`/api/v1/campaigns/${first}/problems`)
        .set(auth)
        .set('Idempotency-Key', problemKey)
        .send({ title: '第一轮的问题', departmentIds: [court.departments.civil] })
        .expect(201);
      const m1 = await t.http
        .post(`/api/v1/problems/${p1.body.id}/measures`)
        .set(auth)
        .set('Idempotency-Key', measureKey)
        .send({ ...measureBody(), content: '第一轮的措施' })
        .expect(201);
      const firstView = (await t.http.get(`/api/v1/campaigns/${first}`).set(auth).expect(200)).body;

      // The same keys, by the same user, for new things in the other campaign.
      const p2 = await t.http
        .post(`/api/v1/campaigns/${second}/problems`)
        .set(auth)
        .set('Idempotency-Key', problemKey)
        .send({ title: '第二轮的问题', departmentIds: [court.departments.enforcement] });
      const other = await t.http
        .post(`/api/v1/campaigns/${second}/problems`)
        .set(auth)
        .send({ title: '第二轮的另一问题', departmentIds: [court.departments.civil] })
        .expect(201);
      const m2 = await t.http
        .post(`/api/v1/problems/${other.body.id}/measures`)
        .set(auth)
        .set('Idempotency-Key', measureKey)
        .send({ ...measureBody(), content: '第二轮的措施', responsibleLeaderId: leader.id });

      // Either refused as a reused key, or a new problem / measure of its own: never the first one's id.
      expect(p2.status === 422 ? p2.body.code : p2.body.id).not.toBe(p1.body.id);
      expect(m2.status === 422 ? m2.body.code : m2.body.id).not.toBe(m1.body.id);
      // And the first campaign's wall chart is exactly as it was.
      expect((await t.http.get(`/api/v1/campaigns/${first}`).set(auth).expect(200)).body).toEqual(firstView);
      // The second campaign lists only problems and measures recorded in it.
      const secondView = (await t.http.get(`/api/v1/campaigns/${second}`).set(auth).expect(200)).body;
      for (const problem of secondView.problems) {
        expect(problem.campaignId).toBe(second);
        for (const m of problem.measures)
          expect({ campaignId: m.campaignId, problemId: m.problemId }).toEqual({
            campaignId: second,
            problemId: problem.id,
          });
      }
    });

    it('a malformed Idempotency-Key is refused with 400 naming the header, and writes nothing', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      const before = await t.dump();
      const res = await t.http
        .post(`/api/v1/measures/${id}/progress`)
        .set(bearer(civilHead.token))
        .set('Idempotency-Key', 'not a key!')
        .send({ note: 'x', percent: 1 });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('Idempotency-Key');
      expect(await t.dump()).toEqual(before);
    });
  });

  describe('If-Match', () => {
    it('a stale If-Match ("0" after the measure moved on) is refused with 412 and writes nothing', async () => {
      const { civilHead } = court.users;
      const id = await newMeasure();
      await t.http
        .post(`/api/v1/measures/${id}/progress`)
        .set(bearer(civilHead.token))
        .set('If-Match', '"0"')
        .send({ note: '第一次', percent: 10 })
        .expect(200);
      const before = await t.dump();

      const stale = await t.http
        .post(`/api/v1/measures/${id}/progress`)
        .set(bearer(civilHead.token))
        .set('If-Match', '"0"')
        .send({ note: '过期', percent: 20 });

      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'precondition_failed', field: 'If-Match' });
      expect(await t.dump()).toEqual(before);
      const measure = await t.http.get(`/api/v1/measures/${id}`).set(bearer(civilHead.token)).expect(200);
      expect(measure.body.percent).toBe(10);
      expect(measure.headers.etag).toBe('"1"');
    });

    it.each(['abc', '"1', '"-1"', '1"', '"one"'])(
      'a malformed If-Match (%s) is refused with 400 naming the header, and writes nothing',
      async (header) => {
        const { civilHead } = court.users;
        const id = await newMeasure();
        const before = await t.dump();

        const res = await t.http
          .post(`/api/v1/measures/${id}/progress`)
          .set(bearer(civilHead.token))
          .set('If-Match', header)
          .send({ note: '格式错误', percent: 20 });

        expect(res.status).toBe(400);
        expect(res.body.field).toBe('If-Match');
        expect(await t.dump()).toEqual(before);
      },
    );
  });
});
