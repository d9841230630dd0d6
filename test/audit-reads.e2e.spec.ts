import { bearer, confirmGrantsOf, Court, PASSWORD, setUpCourt } from './support/court';
import { CHINESE, Fixtures, measureBody, unique } from './support/fixtures';
import { login, startTestApp, TestApp } from './support/test-app';

/**
 * The inspectors' access log (who read what, who signed in) and findings (what deserves a look),
 * over one app: the access log first, then a history built day by day on the test's clock in
 * which each finding rule is met exactly once, beside an ordinary measure that meets none.
 */

/** An instant in court time (UTC+8), as the test's clock takes it. */
const court = (local: string) => new Date(`${local}+08:00`).toISOString();

interface AccessEntry {
  position: string;
  at: string;
  kind: string;
  type: string;
  who: { id: string; name: string | null; role: string; departmentName: string | null };
  what: Record<string, unknown> | null;
  address: string | null;
  outcome: string;
  status: number | null;
  code: string | null;
}

describe('inspectors: the access log and the findings', () => {
  let t: TestApp;
  let c: Court;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ now: court('2026-03-02T10:00:00') });
    c = await setUpCourt(t);
    f = new Fixtures(t, c);
  }, 60_000);
  afterAll(() => t.close());

  const accessLog = (query: Record<string, string> = {}, token = c.users.inspector.token) =>
    t.http.get('/api/v1/audit/access').query(query).set(bearer(token));

  describe('GET /api/v1/audit/access', () => {
    let measure: { id: string; url: string };
    let attachmentId: string;

    beforeAll(async () => {
      t.clock.set(court('2026-03-02T10:30:00'));
      measure = await f.measure('assigned');
      attachmentId = await f.attachment(measure.url, '整改方案（定稿）.pdf');
      t.clock.set(court('2026-03-02T11:00:00'));
      await t.http.get('/api/v1/ledger.xlsx').set(bearer(c.users.leader.token)).expect(200);
      t.clock.set(court('2026-03-02T11:05:00'));
      await t.http
        .get(`/api/v1/attachments/${attachmentId}`)
        .set(bearer(c.users.civilHead.token))
        .expect(200);
    });

    it("shows a leader's ledger export and a department head's attachment download, with who, when and what", async () => {
      const response = await accessLog({ kind: 'ledger_export,attachment_download' }).expect(200);
      expect(response.headers['x-has-more']).toBe('false');
      const entries = response.body as AccessEntry[];
      expect(entries).toEqual([
        expect.objectContaining({
          kind: 'ledger_export',
          type: 'SensitiveRead',
          at: court('2026-03-02T11:00:00'),
          who: { id: c.users.leader.id, name: 'leader', role: 'leader', departmentName: null },
          what: expect.objectContaining({ path: '/api/v1/ledger.xlsx' }),
          address: expect.stringMatching(/127\.0\.0\.1/),
          outcome: 'granted',
          status: 200,
        }),
        expect.objectContaining({
          kind: 'attachment_download',
          at: court('2026-03-02T11:05:00'),
          who: {
            id: c.users.civilHead.id,
            name: 'civil-head',
            role: 'department_head',
            departmentName: '民一庭',
          },
          what: expect.objectContaining({
            attachmentId,
            measureId: measure.id,
            fileName: '整改方案（定稿）.pdf',
            measure: { number: expect.any(String), content: '逐案建立台账，挂牌督办' },
          }),
          outcome: 'granted',
        }),
      ]);
      // Recorded in the day's access stream, hash-chained, not in the measure's own stream.
      const history = await t.store.readStream(`measure-${measure.id}`);
      expect(history.map((e) => e.type)).not.toContain('SensitiveRead');
      const day = await t.store.readStream('access-2026-03-02');
      const reads = day.filter((e) => e.type === 'SensitiveRead');
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads.every((e) => e.previousHash !== null && e.hash.length === 64)).toBe(true);
    });

    it('holds the sign-ins too, and filters by actor and date', async () => {
      const mine = (await accessLog({ actor: c.users.leader.id }).expect(200)).body as AccessEntry[];
      expect(mine.map((e) => e.kind)).toEqual(['sign_in', 'ledger_export']);
      expect(mine.every((e) => e.who.id === c.users.leader.id)).toBe(true);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'leader', password: 'wrong-password' })
        .expect(401);
      const failed = (await accessLog({ kind: 'sign_in_failed' }).expect(200)).body as AccessEntry[];
      expect(failed).toEqual([
        expect.objectContaining({
          who: expect.objectContaining({ id: c.users.leader.id, name: 'leader' }),
          outcome: 'refused',
          code: 'wrong_password',
        }),
      ]);
      expect((await accessLog({ from: '2026-03-03' }).expect(200)).body).toEqual([]);
      const thatDay = (
        await accessLog({ from: '2026-03-02', to: '2026-03-02', kind: 'ledger_export' }).expect(200)
      ).body as AccessEntry[];
      expect(thatDay).toHaveLength(1);
    });

    it('refuses anyone but an inspector with 403, and records the attempt', async () => {
      t.clock.set(court('2026-03-02T11:10:00'));
      for (const token of [c.users.civilHead.token, c.users.secretary.token, c.users.admin.token]) {
        const refused = await accessLog({}, token);
        expect({ status: refused.status, body: refused.body }).toEqual({
          status: 403,
          body: expect.objectContaining({ code: 'read_forbidden', message: '无权查看访问日志' }),
        });
      }
      // Another department's file: refused by the department's scope, recorded as refused.
      const other = await t.http
        .get(`/api/v1/attachments/${attachmentId}`)
        .set(bearer(c.users.enforcementHead.token));
      expect(other.status).toBe(403);
      const attempts = (await accessLog({ kind: 'access_log,attachment_download' }).expect(200))
        .body as AccessEntry[];
      expect(
        attempts.filter((e) => e.outcome === 'refused').map((e) => [e.kind, e.who.name, e.status, e.code]),
      ).toEqual([
        ['access_log', 'civil-head', 403, 'read_forbidden'],
        ['access_log', 'secretary', 403, 'read_forbidden'],
        ['access_log', '系统管理员', 403, 'read_forbidden'],
        ['attachment_download', 'enforcement-head', 403, 'read_forbidden'],
      ]);
    });

    it('names the parameter and the rule of a bad query', async () => {
      const bad = await accessLog({ kind: 'ledger_export,peeking', from: '2026-13-01', actorId: 'x' }).expect(
        400,
      );
      expect(bad.body.message).toMatch(CHINESE);
      expect(bad.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]).sort()).toEqual([
        ['actorId', 'whitelistValidation'],
        ['from', 'isDateOrDateTime'],
        ['kind', 'isAccessKind'],
      ]);
    });
  });

  describe('GET /api/v1/audit/findings', () => {
    const ids: Record<string, string> = {};
    let civilLeader: { id: string; token: string };

    /** Sets the clock, then makes the call as that user; expects 2xx. */
    const as = async (at: string, token: string, path: string, body: object = {}) => {
      t.clock.set(court(at));
      const response = await t.http.post(path).set(bearer(token)).send(body);
      // On a refusal this shows which call and why.
      if (response.status >= 300)
        expect({ path, at, status: response.status, body: response.body }).toEqual({ path, at, status: 200 });
      return response.body;
    };
    const url = (name: string) => `/api/v1/measures/${ids[name]}`;
    const extend = async (
      name: string,
      requestedAt: string,
      approvedAt: string,
      newDueDate: string,
      token?: string,
    ) => {
      const { requestId } = await as(
        requestedAt,
        c.users.civilHead.token,
        `${url(name)}/extension-requests`,
        {
          newDueDate,
          reason: '等待鉴定结论',
        },
      );
      await as(
        approvedAt,
        token ?? c.users.leader.token,
        `${url(name)}/extension-requests/${requestId}/approve`,
        {
          opinion: '同意',
        },
      );
    };
    const submit = (name: string, at: string) =>
      as(at, c.users.civilHead.token, `${url(name)}/completion`, { summary: '已清结', evidence: '结案报告' });
    const signOff = (name: string, at: string, token = c.users.leader.token) =>
      as(at, token, `${url(name)}/sign-off`, { opinion: '同意销号' });

    beforeAll(async () => {
      // A Party-group member who belongs to 民一庭, as some courts' leaders do.
      t.clock.set(court('2026-03-02T14:00:00'));
      const created = await t.http
        .post('/api/v1/users')
        .set(bearer(c.users.admin.token))
        .send({
          username: 'civil-leader',
          password: PASSWORD,
          displayName: '民一庭分管领导',
          role: 'leader',
          departmentId: c.departments.civil,
        })
        .expect(201);
      await confirmGrantsOf(t, c.users.secretary.token, created.body.id);
      civilLeader = { id: created.body.id, token: await login(t.http, 'civil-leader', PASSWORD) };

      // Seven measures, due 2026-04-30, eleven minutes apart so no one's writes make a burst.
      const names = ['lateApproval', 'thrice', 'quick', 'onlyByExtension', 'night', 'burst', 'ordinary'];
      for (const [i, name] of names.entries()) {
        t.clock.set(new Date(Date.parse(court('2026-03-03T09:00:00')) + i * 11 * 60_000).toISOString());
        const problemId = await f.problem();
        const leaderId = name === 'quick' ? civilLeader.id : c.users.leader.id;
        const measure = await t.http
          .post(`/api/v1/problems/${problemId}/measures`)
          .set(bearer(c.users.secretary.token))
          .send(measureBody(c, { responsibleLeaderId: leaderId, content: unique(name) }))
          .expect(201);
        ids[name] = measure.body.id;
      }

      await extend('thrice', '2026-04-19T10:00:00', '2026-04-20T10:00:00', '2026-05-31');
      await extend('onlyByExtension', '2026-04-19T11:00:00', '2026-04-20T11:00:00', '2026-05-31');
      await extend('ordinary', '2026-04-19T12:00:00', '2026-04-20T12:00:00', '2026-05-31');
      // 民一庭's head submits, 民一庭's own leader signs off five minutes later.
      await submit('quick', '2026-04-21T10:00:00');
      await signOff('quick', '2026-04-21T10:05:00', civilLeader.token);
      // Signed off at two in the morning.
      await submit('night', '2026-04-21T15:00:00');
      await signOff('night', '2026-04-22T02:00:00');
      // 51 progress reports within a minute from one account.
      for (let i = 0; i < 51; i++)
        await as(
          `2026-04-23T10:00:${String(i).padStart(2, '0')}`,
          c.users.civilHead.token,
          `${url('burst')}/progress`,
          {
            note: `第${i + 1}次进展`,
            percent: 1 + i,
          },
        );
      // An ordinary measure: extended once in good time, signed off the next day before the first deadline.
      await submit('ordinary', '2026-04-25T10:00:00');
      await signOff('ordinary', '2026-04-26T10:00:00');
      // Asked before the deadline, approved two days after it had passed.
      await extend('lateApproval', '2026-04-28T10:00:00', '2026-05-02T10:00:00', '2026-05-31');
      // Late against 30 April, on time only against the extended 31 May.
      await submit('onlyByExtension', '2026-05-10T10:00:00');
      await signOff('onlyByExtension', '2026-05-12T10:00:00');
      // A third extension.
      await extend('thrice', '2026-05-19T10:00:00', '2026-05-20T10:00:00', '2026-06-30');
      await extend('thrice', '2026-06-19T10:00:00', '2026-06-20T10:00:00', '2026-07-31');
      t.clock.set(court('2026-06-21T10:00:00'));
    }, 120_000);

    it('lists exactly the cases of the history, each with the measure and stream to look at', async () => {
      const response = await t.http
        .get('/api/v1/audit/findings')
        .set(bearer(c.users.inspector.token))
        .expect(200);
      const findings = response.body.findings as Record<string, unknown>[];
      expect(findings.map((x) => [x.rule, x.measureId])).toEqual([
        ['quick_same_department_sign_off', ids.quick],
        ['night_decision', ids.night],
        ['write_burst', null],
        ['late_extension_approval', ids.lateApproval],
        ['on_time_only_by_extension', ids.onlyByExtension],
        ['repeated_extensions', ids.thrice],
      ]);
      const byRule = Object.fromEntries(findings.map((x) => [x.rule, x]));
      expect(byRule.quick_same_department_sign_off).toMatchObject({
        streamName: `measure-${ids.quick}`,
        submittedBy: c.users.civilHead.id,
        signedOffBy: civilLeader.id,
        departmentName: '民一庭',
        minutes: 5,
        names: { [c.users.civilHead.id]: 'civil-head', [civilLeader.id]: '民一庭分管领导' },
        measure: { number: expect.any(String), content: expect.stringContaining('quick') },
      });
      expect(byRule.night_decision).toMatchObject({ decision: 'sign_off', at: court('2026-04-22T02:00:00') });
      expect(byRule.write_burst).toMatchObject({
        actorId: c.users.civilHead.id,
        writes: 51,
        from: court('2026-04-23T10:00:00'),
        streamName: null,
      });
      expect(byRule.late_extension_approval).toMatchObject({
        previousDueDate: '2026-04-30',
        approvedOn: '2026-05-02',
        newDueDate: '2026-05-31',
      });
      expect(byRule.on_time_only_by_extension).toMatchObject({
        originalDueDate: '2026-04-30',
        dueDate: '2026-05-31',
        signedOffOn: '2026-05-12',
      });
      expect(byRule.repeated_extensions).toMatchObject({ extensions: 3 });
      expect(response.body.settings).toMatchObject({
        maxExtensions: 2,
        burstWrites: 50,
        timeZone: 'Asia/Shanghai',
      });
    });

    it('is for inspectors only, and takes no parameters', async () => {
      for (const token of [c.users.secretary.token, c.users.civilHead.token, c.users.admin.token])
        expect((await t.http.get('/api/v1/audit/findings').set(bearer(token))).status).toBe(403);
      const bad = await t.http
        .get('/api/v1/audit/findings?rule=x')
        .set(bearer(c.users.inspector.token))
        .expect(400);
      expect(bad.body).toMatchObject({
        field: 'rule',
        errors: [{ field: 'rule', rule: 'whitelistValidation' }],
      });
    });
  });
});
