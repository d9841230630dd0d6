import { MEASURE_ACTIONS, MeasureAction } from '@tracker/domain';
import { bearer, Court, MATRIX_ROLES, MatrixRole, setUpCourt, tokensByMatrixRole } from './support/court';
import {
  CHINESE,
  EXTENDED_TO,
  expectStatus,
  Fixtures,
  MeasureFixture,
  MeasureStage,
  unique,
} from './support/fixtures';
import { raiseDeadlineAlert } from './support/raise-alert';
import { login, startTestApp, TestApp } from './support/test-app';

/**
 * The API the web UI's pages stand on: who I am (GET /me), what awaits my decision
 * (GET /me/approvals), my department's measures (GET /me/measures), and on every measure the
 * actions I may take now (allowedActions), which must be exactly what the write routes accept.
 */

const PASSWORD = 'Demo@2026';
// Each matrix case makes several measures over HTTP; on a shared 2-core machine that can take seconds,
// and a case cut off by the default 5 s would keep writing into the next case's "nothing written".
jest.setTimeout(60_000);

/**
 * The store's feed head, read on from where the last call left off (re-reading the whole feed for
 * every check would make this suite slow on a busy machine). `written(since)` says whether any
 * event was recorded after that head.
 */
function feedHead(t: () => TestApp) {
  let head: bigint | undefined;
  return {
    async now(): Promise<bigint | undefined> {
      const newer = await t().store.readAll({ after: head, maxCount: 1_000_000 });
      if (newer.length > 0) head = newer[newer.length - 1].position;
      return head;
    },
    async written(since: bigint | undefined): Promise<boolean> {
      return (await t().store.readAll({ after: since, maxCount: 1 })).length > 0;
    },
  };
}

interface MeasureBody {
  id: string;
  number: string;
  content: string;
  departmentName: string;
  status: string;
  allowedActions: MeasureAction[];
  revision: string;
}

interface MyMeasure extends MeasureBody {
  light: string;
  nextDueDate: string | null;
  daysLeft: number | null;
  etag: string;
}

interface BoardLine {
  id: string;
  light: string;
}

describe('GET /me, /me/approvals, /me/measures on the demo court', () => {
  let t: TestApp;
  const feed = feedHead(() => t);
  const token: Record<string, string> = {};
  /** Demo measures by the first characters of their content. */
  const measureId: Record<string, string> = {};

  const get = (path: string, as: string) => t.http.get(`/api/v1${path}`).set(bearer(token[as]));
  const ok = async (path: string, as: string) => (await get(path, as).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-03-02T02:00:00Z' });
    for (const u of ['shuji', 'limin', 'zhaogang', 'minyi', 'lian', 'zhengzhibu', 'jijian', 'admin'])
      token[u] = await login(t.http, u, PASSWORD);
    const board = await ok('/board', 'shuji');
    for (const m of board.groups.flatMap(
      (g: { measures: (BoardLine & { content: string })[] }) => g.measures,
    ))
      measureId[m.content.slice(0, 6)] = m.id;
  }, 120_000);
  afterAll(() => t?.close());

  describe('GET /me', () => {
    it('says who I am, my department by name, and how many of my alerts I have not read', async () => {
      expect(await ok('/me', 'minyi')).toEqual({
        id: expect.any(String),
        username: 'minyi',
        displayName: '刘洋',
        role: 'department_head',
        departmentId: expect.any(String),
        departmentName: '民一庭',
        secretary: false,
        mustChangePassword: false,
        unreadAlerts: 0,
      });
      expect(await ok('/me', 'shuji')).toMatchObject({
        displayName: '王建国',
        role: 'leader',
        departmentId: null,
        departmentName: null,
        secretary: true,
      });
      expect(await ok('/me', 'jijian')).toMatchObject({ role: 'inspector', departmentName: '纪检监察室' });
      expect(await ok('/me', 'admin')).toMatchObject({ role: 'admin', secretary: false });
    });

    it('counts the alerts GET /me/alerts shows me unacknowledged, and the count falls when I acknowledge', async () => {
      const late = measureId['优化立案窗口']; // 立案庭, led by 李敏, five days overdue
      const alertId = await raiseDeadlineAlert(t, late, 'overdue');
      const unread = async (as: string) => (await ok('/me', as)).unreadAlerts;
      const inboxUnread = async (as: string) =>
        (await ok('/me/alerts', as)).filter((a: { acknowledged: boolean }) => !a.acknowledged).length;
      for (const [who, count] of [
        ['lian', 1],
        ['limin', 1],
        ['shuji', 1],
        ['minyi', 0],
        ['zhaogang', 0],
        ['jijian', 0], // an overdue alert is not for the inspectors; an escalation would be
      ] as const) {
        expect({ who, unread: await unread(who) }).toEqual({ who, unread: count });
        expect(await inboxUnread(who)).toBe(count);
      }
      await t.http
        .post(`/api/v1/measures/${late}/alerts/${alertId}/acknowledge`)
        .set(bearer(token.limin))
        .expect(200);
      expect(await unread('limin')).toBe(0);
      expect(await unread('shuji')).toBe(1);
    });

    it('refuses without a session', async () => {
      const response = await t.http.get('/api/v1/me').expect(401);
      expect(response.body.message).toMatch(CHINESE);
    });
  });

  describe('allowedActions on GET /measures/:id', () => {
    const actions = async (start: string, as: string) =>
      ((await ok(`/measures/${measureId[start]}`, as)) as MeasureBody).allowedActions;

    it('a department head may work on their own department’s measure, and on no other', async () => {
      expect(await actions('对一年以上未', 'minyi')).toEqual([
        'reportProgress',
        'requestExtension',
        'submitCompletion',
        'recordOutcome',
      ]);
      expect(await actions('优化立案窗口', 'minyi')).toEqual([]);
      // A submitted measure waits for the leader: the department may only record outcomes.
      expect(await actions('开展培训需求', 'zhengzhibu')).toEqual(['recordOutcome']);
    });

    it('the responsible leader and the secretary decide; another leader, inspectors and admins may not', async () => {
      const decisions = ['signOff', 'return', 'cancel', 'recordOutcome', 'urge'];
      expect(await actions('开展培训需求', 'zhaogang')).toEqual(decisions);
      expect(await actions('开展培训需求', 'shuji')).toEqual(decisions);
      expect(await actions('开展培训需求', 'limin')).toEqual([]);
      expect(await actions('修订党组理论', 'shuji')).toEqual(['reopen', 'recordOutcome', 'lookBack']);
      expect(await actions('开展培训需求', 'jijian')).toEqual([]);
      // The administrator reads no business record at all.
      const campaigns = await ok('/campaigns', 'shuji');
      const anyMeasure = (await ok(`/campaigns/${campaigns[0].id}`, 'shuji')).problems[0].measures[0].id;
      expect((await get(`/measures/${anyMeasure}`, 'admin').expect(403)).body.code).toBe('read_forbidden');
    });

    it('the campaign page shows each measure with the viewer’s own actions', async () => {
      const campaigns = await ok('/campaigns', 'minyi');
      const campaign = await ok(`/campaigns/${campaigns[0].id}`, 'minyi');
      const measures: MeasureBody[] = campaign.problems.flatMap(
        (p: { measures: MeasureBody[] }) => p.measures,
      );
      const withActions = measures.filter((m) => m.allowedActions.length > 0);
      expect(withActions.map((m) => m.departmentName)).toEqual(['民一庭']);
    });
  });

  describe('GET /me/approvals', () => {
    interface Approval {
      kind: 'extension' | 'completion';
      measure: { id: string; etag: string; allowedActions: string[]; departmentName: string };
      request: {
        requestId: string;
        newDueDate: string;
        reason: string;
        requestedBy: { displayName: string };
      } | null;
      submission: { summary: string; submittedBy: { displayName: string }; submittedAt: string } | null;
    }
    const approvals = async (as: string, query = ''): Promise<Approval[]> => ok(`/me/approvals${query}`, as);

    it('lists the submitted completions a leader may sign off, with who submitted what and when', async () => {
      const [item, ...rest] = await approvals('zhaogang');
      expect(rest).toEqual([]);
      expect(item).toMatchObject({
        kind: 'completion',
        measure: {
          id: measureId['开展培训需求'],
          number: expect.any(String),
          content: expect.stringContaining('培训需求调研'),
          departmentName: '政治部',
          responsibleLeaderName: '赵刚',
          dueDate: expect.any(String),
          etag: expect.stringMatching(/^"\d+"$/),
          allowedActions: ['signOff', 'return', 'cancel', 'recordOutcome', 'urge'],
        },
        request: null,
        submission: {
          summary: '年度培训计划已印发，首期培训已举办',
          evidence: '培训计划、课程表',
          submittedBy: { displayName: '马丽' },
          submittedAt: expect.any(String),
        },
      });
      // Not theirs to decide; the secretary decides everything.
      expect(await approvals('limin')).toEqual([]);
      expect((await approvals('shuji')).map((a) => a.measure.id)).toEqual([measureId['开展培训需求']]);
    });

    it('shows an extension request to its deciders as soon as it is made, and the decision then succeeds', async () => {
      const id = measureId['对一年以上未'];
      const requested = await t.http
        .post(`/api/v1/measures/${id}/extension-requests`)
        .set(bearer(token.minyi))
        .send({ newDueDate: '2026-04-30', reason: '鉴定结论尚未作出' })
        .expect(201);
      const mine = await approvals('limin');
      expect(mine).toEqual([
        expect.objectContaining({
          kind: 'extension',
          measure: expect.objectContaining({
            id,
            allowedActions: ['approveExtension', 'rejectExtension', 'cancel', 'recordOutcome', 'urge'],
          }),
          request: expect.objectContaining({
            requestId: requested.body.requestId,
            newDueDate: '2026-04-30',
            reason: '鉴定结论尚未作出',
            requestedBy: { userId: expect.any(String), displayName: '刘洋' },
            requestedAt: expect.any(String),
          }),
          submission: null,
        }),
      ]);
      expect((await approvals('shuji')).map((a) => a.kind).sort()).toEqual(['completion', 'extension']);
      expect((await approvals('shuji', '?kind=extension')).map((a) => a.measure.id)).toEqual([id]);
      expect(await approvals('zhaogang', '?kind=extension')).toEqual([]);

      await t.http
        .post(`/api/v1/measures/${id}/extension-requests/${mine[0].request!.requestId}/approve`)
        .set(bearer(token.limin))
        .set('If-Match', mine[0].measure.etag)
        .send({ opinion: '同意' })
        .expect(200);
      expect(await approvals('limin')).toEqual([]);
    });

    it.each(['minyi', 'jijian', 'admin'])('is for leaders only: %s → 403, nothing written', async (who) => {
      const before = await feed.now();
      const response = await get('/me/approvals', who).expect(403);
      expect(response.body).toMatchObject({
        code: 'read_forbidden',
        message: expect.stringMatching(CHINESE),
      });
      expect(await feed.written(before)).toBe(false);
    });
  });

  describe('GET /me/measures', () => {
    const mine = async (as: string, query = ''): Promise<MyMeasure[]> => ok(`/me/measures${query}`, as);
    const boardLights = async () => {
      const board = await ok('/board', 'shuji');
      return new Map<string, string>(
        board.groups.flatMap((g: { measures: BoardLine[] }) => g.measures.map((m) => [m.id, m.light])),
      );
    };

    it('a department head gets their department’s measures only, with the board’s light and their actions', async () => {
      const list = await mine('minyi');
      expect(list.map((m) => m.departmentName)).toEqual(['民一庭']);
      expect(list[0]).toMatchObject({
        id: measureId['对一年以上未'],
        light: (await boardLights()).get(measureId['对一年以上未']),
        allowedActions: expect.arrayContaining(['reportProgress', 'submitCompletion']),
        etag: `"${list[0].revision}"`,
      });
    });

    it('every measure’s own page (GET /measures/:id) shows the light the wall chart shows', async () => {
      const lights = await boardLights();
      expect(lights.size).toBeGreaterThan(3);
      expect(new Set(lights.values())).toEqual(new Set(['green', 'blue', 'yellow', 'red']));
      for (const [id, light] of lights) {
        expect({ id, light: (await ok(`/measures/${id}`, 'shuji')).light }).toEqual({ id, light });
      }
    });

    it('puts the most urgent first: the longest overdue, then the soonest due; signed off last', async () => {
      const lights = await boardLights();
      const limin = await mine('limin'); // leads 立案庭 (5 days overdue), 执行局 (due in 2 days), 民一庭
      expect(limin.map((m) => m.content.slice(0, 6))).toEqual([
        '优化立案窗口',
        '开展执行案款',
        '对一年以上未',
      ]);
      expect(limin.map((m) => m.light)).toEqual(['red', 'yellow', 'blue']);
      expect(limin[0].daysLeft).toBe(-5);
      expect(limin[1].daysLeft).toBe(2);
      for (const m of limin) expect(m.light).toBe(lights.get(m.id));

      // 政治部: the submitted measure due in 5 days before the 长期坚持 one whose next report is in 20.
      const politics = await mine('zhengzhibu');
      expect(politics.map((m) => [m.content.slice(0, 6), m.daysLeft])).toEqual([
        ['开展培训需求', 5],
        ['建立意识形态', 20],
      ]);

      // The secretary leads one reopened measure and two signed off (the latest sign-off first).
      const shuji = await mine('shuji');
      expect(shuji.map((m) => [m.content.slice(0, 6), m.status])).toEqual([
        ['开展庭审规范', 'in_progress'],
        ['梳理重大事项', 'signed_off'],
        ['修订党组理论', 'signed_off'],
      ]);
      expect(shuji[1]).toMatchObject({ light: 'green', nextDueDate: null, daysLeft: null });
    });

    it('filters by light and by campaign', async () => {
      expect((await mine('limin', '?light=red')).map((m) => m.content.slice(0, 6))).toEqual(['优化立案窗口']);
      const campaignId = (await ok('/campaigns', 'limin'))[0].id;
      expect(await mine('limin', `?campaignId=${campaignId}`)).toHaveLength(3);
      expect(await mine('limin', '?campaignId=no-such-campaign')).toEqual([]);
    });

    it.each(['jijian', 'admin'])(
      'is for department heads and leaders: %s → 403, nothing written',
      async (who) => {
        const before = await feed.now();
        const response = await get('/me/measures', who).expect(403);
        expect(response.body).toMatchObject({
          code: 'read_forbidden',
          message: expect.stringMatching(CHINESE),
        });
        expect(await feed.written(before)).toBe(false);
      },
    );
  });

  describe('bad query input: 400 naming the field and the rule, nothing written', () => {
    it.each([
      ['/me/measures?light=purple', 'minyi', 'light', 'isIn'],
      ['/me/measures?campaignId=' + 'x'.repeat(65), 'minyi', 'campaignId', 'maxLength'],
      ['/me/approvals?kind=everything', 'shuji', 'kind', 'isIn'],
      ['/me/approvals?sort=oldest', 'shuji', 'sort', 'whitelistValidation'],
      ['/me?with=alerts', 'minyi', 'with', 'whitelistValidation'],
    ])('%s → %s … %s/%s', async (path, who, field, rule) => {
      const before = await feed.now();
      const { body } = await get(path, who).expect(400);
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(body.message).toMatch(CHINESE);
      expect(await feed.written(before)).toBe(false);
    });

    // One vocabulary on every route: campaignId, departmentId, leaderId, measureId (issue 10).
    it.each([
      ['/alerts', 'campaign', 200],
      ['/alerts', 'department', 200],
      ['/alerts', 'leader', 200],
      ['/alerts', 'measure', 200],
      ['/board', 'campaign', 404], // the renamed parameter is read: no such campaign
      ['/ledger', 'department', 200],
      ['/ledger', 'leader', 200],
      ['/me/measures', 'campaign', 200],
      ['/me/approvals', 'campaign', 200],
    ])('%s refuses the old name %s, naming it; the name with Id is taken (%s)', async (path, old, status) => {
      const before = await feed.now();
      const { body } = await get(`${path}?${old}=x`, 'shuji').expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: old, rule: 'whitelistValidation' })]);
      expect(body.errors[0].message).toMatch(CHINESE);
      await get(`${path}?${old}Id=x`, 'shuji').expect(status);
      expect(await feed.written(before)).toBe(false);
    });
  });
});

// ---------------------------------------------------------------- allowedActions ⇔ the write routes

type Who = MatrixRole;
const WHO: readonly Who[] = MATRIX_ROLES;
type Stage = MeasureStage | 'cancelled' | 'overdue_alert';
const STAGES: Stage[] = [
  'assigned',
  'extension_pending',
  'submitted',
  'signed_off',
  'cancelled',
  'overdue_alert',
];

interface Prepared extends MeasureFixture {
  alertId?: string;
}

/** The route and a well-formed body for each action, so only who acts and the measure's state decide. */
function call(action: MeasureAction, m: Prepared): { path: string; body: object } {
  switch (action) {
    case 'reportProgress':
      return { path: `${m.url}/progress`, body: { note: '已清结一半', percent: 50 } };
    case 'requestExtension':
      return {
        path: `${m.url}/extension-requests`,
        body: { newDueDate: EXTENDED_TO, reason: '等待鉴定结论' },
      };
    case 'approveExtension':
      return {
        path: `${m.url}/extension-requests/${m.requestId ?? 'none'}/approve`,
        body: { opinion: '同意' },
      };
    case 'rejectExtension':
      return {
        path: `${m.url}/extension-requests/${m.requestId ?? 'none'}/reject`,
        body: { reason: '理由不足' },
      };
    case 'submitCompletion':
      return { path: `${m.url}/completion`, body: { summary: '已清结', evidence: '结案报告' } };
    case 'signOff':
      return { path: `${m.url}/sign-off`, body: { opinion: '同意销号' } };
    case 'return':
      return { path: `${m.url}/return`, body: { reason: '佐证材料不全' } };
    case 'reopen':
      return { path: `${m.url}/reopen`, body: { reason: '回头看发现反弹', newDueDate: '2026-10-31' } };
    case 'cancel':
      return { path: `${m.url}/cancel`, body: { reason: '并入新一轮整改' } };
    case 'recordOutcome':
      return { path: `${m.url}/outcomes`, body: { title: unique('《案件管理办法》') } };
    case 'acknowledgeAlert':
      return { path: `${m.url}/alerts/${m.alertId ?? 'none'}/acknowledge`, body: {} };
    case 'urge':
      return { path: `${m.url}/urge`, body: { message: '请加快进度，本周内报告进展' } };
    case 'lookBack':
      return { path: `${m.url}/look-back`, body: { finding: '经回头看，制度执行到位，未发现反弹' } };
  }
}

describe('allowedActions: every action listed succeeds over HTTP, every other is refused and writes nothing', () => {
  let t: TestApp;
  const feed = feedHead(() => t);
  let court: Court;
  let fixtures: Fixtures;
  let tokenOf: Record<Who, string>;

  async function prepare(stage: Stage): Promise<Prepared> {
    const m: Prepared = await fixtures.measure(
      stage === 'cancelled' || stage === 'overdue_alert' ? 'assigned' : stage,
    );
    if (stage === 'cancelled') {
      await expectStatus(
        t.http.post(`${m.url}/cancel`).set(bearer(court.users.leader.token)).send({ reason: '并入' }),
        200,
      );
    }
    if (stage === 'overdue_alert') m.alertId = await raiseDeadlineAlert(t, m.id, 'overdue');
    return m;
  }

  // The administrator may not even read the measure (403): it is offered nothing.
  const allowedFor = async (m: Prepared, who: Who): Promise<MeasureAction[]> =>
    who === 'admin'
      ? (await t.http.get(m.url).set(bearer(tokenOf[who])).expect(403), [])
      : (await t.http.get(m.url).set(bearer(tokenOf[who])).expect(200)).body.allowedActions;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
    tokenOf = tokensByMatrixRole(court);
  }, 120_000);
  afterAll(() => t?.close());

  const CASES = STAGES.flatMap((stage) => WHO.map((who) => ({ stage, who })));

  it.each(CASES)('a measure $stage, as $who', async ({ stage, who }) => {
    const measure = await prepare(stage);
    const listed = await allowedFor(measure, who);
    expect(MEASURE_ACTIONS).toEqual(expect.arrayContaining(listed));

    for (const action of MEASURE_ACTIONS.filter((a) => !listed.includes(a))) {
      const { path, body } = call(action, measure);
      const before = await feed.now();
      const response = await t.http.post(path).set(bearer(tokenOf[who])).send(body);
      // 404 only where the thing to decide or acknowledge does not exist at all.
      expect({
        action,
        status: response.status,
        refused: [403, 404, 409, 422].includes(response.status),
      }).toEqual({
        action,
        status: response.status,
        refused: true,
      });
      expect(response.body.message).toMatch(CHINESE);
      expect(await feed.written(before)).toBe(false);
    }

    for (const action of listed) {
      // Each on a fresh measure in the same stage: one action changes what the next may do.
      const fresh = await prepare(stage);
      expect(await allowedFor(fresh, who)).toEqual(listed);
      const { path, body } = call(action, fresh);
      const before = await feed.now();
      const response = await t.http.post(path).set(bearer(tokenOf[who])).send(body);
      expect({ action, status: response.status, body: response.status < 300 ? 'ok' : response.body }).toEqual(
        {
          action,
          status: expect.any(Number),
          body: 'ok',
        },
      );
      expect(await feed.written(before)).toBe(true);
    }
  });

  it('the answer to an action carries the actions that follow it', async () => {
    const m = await prepare('assigned');
    const { body } = await t.http
      .post(`${m.url}/completion`)
      .set(bearer(tokenOf.ownHead))
      .send({ summary: '已清结', evidence: null })
      .expect(200);
    expect(body.measure.allowedActions).toEqual(['recordOutcome']);
    expect(await allowedFor(m, 'responsibleLeader')).toEqual([
      'signOff',
      'return',
      'cancel',
      'recordOutcome',
      'urge',
    ]);
  });

  it('somebody, somewhere, may take every action: the listing is not vacuous', async () => {
    const seen = new Set<MeasureAction>();
    for (const stage of STAGES) {
      const m = await prepare(stage);
      for (const who of WHO) for (const a of await allowedFor(m, who)) seen.add(a);
    }
    expect([...seen].sort()).toEqual([...MEASURE_ACTIONS].sort());
  });
});
