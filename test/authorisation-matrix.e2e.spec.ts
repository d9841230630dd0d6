import {
  bearer,
  Court,
  MATRIX_ROLES,
  MatrixRole,
  PASSWORD,
  setUpCourt,
  tokensByMatrixRole,
} from './support/court';
import {
  CHINESE,
  EVIDENCE_PDF,
  EXTENDED_TO,
  Fixtures,
  ISSUED_ON,
  measureBody,
  unique,
} from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Who may do what (DESIGN.md §2, the deciders): every role against every write route.
 * Each case builds a fresh fixture in which the action is legal for an allowed actor, so an
 * allowed actor gets 2xx and anyone else gets 403 for being who they are, with nothing written.
 */

const ROLES = MATRIX_ROLES;
type Role = MatrixRole;

type Route =
  | 'POST /departments'
  | 'POST /users'
  | 'POST /campaigns'
  | 'POST /campaigns/:id/problems'
  | 'POST /campaigns/:id/problems (self-inspection, own department)'
  | 'POST /campaigns/:id/problems (self-inspection, two departments)'
  | 'POST /problems/:id/measures'
  | 'POST /measures/:id/progress'
  | 'POST /measures/:id/extension-requests'
  | 'POST /measures/:id/extension-requests/:requestId/approve'
  | 'POST /measures/:id/extension-requests/:requestId/reject'
  | 'POST /measures/:id/completion'
  | 'POST /measures/:id/sign-off'
  | 'POST /measures/:id/return'
  | 'POST /measures/:id/reopen'
  | 'POST /measures/:id/cancel'
  | 'POST /measures/:id/outcomes'
  | 'POST /measures/:id/urge'
  | 'POST /measures/:id/look-back'
  | 'POST /notices/:id/receipt'
  | 'POST /notices/:id/reply'
  | 'PATCH /users/:id'
  | 'POST /users/:id/disable'
  | 'POST /users/:id/enable'
  | 'POST /users/:id/reset-password'
  | 'PATCH /departments/:id'
  | 'POST /departments/:id/retire'
  | 'POST /grants/:id/confirm'
  | 'POST /grants/:id/reject'
  | 'POST /bulletins'
  | 'POST /measures/:id/attachments'
  | 'POST /measures/:id/attachments/:attachmentId/withdraw'
  | 'POST /audit/anchors';

const Y = true; // may: 2xx
const _ = false; // may not: 403, nothing written

// "own" = the measure's department is the civil division (民一庭), its responsible leader is `responsibleLeader`;
// for campaign-level routes (no measure yet) every leader counts as planning, and "own head" is the civil head.
// prettier-ignore
const MATRIX: [Route, boolean, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  //                                                                 admin  secretary  responsible  other    own    other  inspector
  //                                                                                   Leader       Leader   Head   Head
  ['POST /departments',                                               Y,     _,         _,           _,       _,     _,     _],
  ['POST /users',                                                     Y,     _,         _,           _,       _,     _,     _],
  ['POST /campaigns',                                                 _,     Y,         Y,           Y,       _,     _,     _],
  ['POST /campaigns/:id/problems',                                    _,     Y,         Y,           Y,       _,     _,     _],
  ['POST /campaigns/:id/problems (self-inspection, own department)',  _,     Y,         Y,           Y,       Y,     _,     _],
  ['POST /campaigns/:id/problems (self-inspection, two departments)', _,     Y,         Y,           Y,       _,     _,     _],
  ['POST /problems/:id/measures',                                     _,     Y,         Y,           Y,       _,     _,     _],
  ['POST /measures/:id/progress',                                     _,     _,         _,           _,       Y,     _,     _],
  ['POST /measures/:id/extension-requests',                           _,     _,         _,           _,       Y,     _,     _],
  ['POST /measures/:id/extension-requests/:requestId/approve',        _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/extension-requests/:requestId/reject',         _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/completion',                                   _,     _,         _,           _,       Y,     _,     _],
  ['POST /measures/:id/sign-off',                                     _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/return',                                       _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/reopen',                                       _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/cancel',                                       _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/outcomes',                                     _,     Y,         Y,           _,       Y,     _,     _],
  ['POST /measures/:id/urge',                                         _,     Y,         Y,           _,       _,     _,     _],
  ['POST /measures/:id/look-back',                                    _,     Y,         Y,           _,       _,     _,     _],
  ['POST /notices/:id/receipt',                                       _,     _,         _,           _,       Y,     _,     _],
  ['POST /notices/:id/reply',                                         _,     _,         _,           _,       Y,     _,     _],
  ['PATCH /users/:id',                                                Y,     _,         _,           _,       _,     _,     _],
  ['POST /users/:id/disable',                                         Y,     _,         _,           _,       _,     _,     _],
  ['POST /users/:id/enable',                                          Y,     _,         _,           _,       _,     _,     _],
  ['POST /users/:id/reset-password',                                  Y,     _,         _,           _,       _,     _,     _],
  ['PATCH /departments/:id',                                          Y,     _,         _,           _,       _,     _,     _],
  ['POST /departments/:id/retire',                                    Y,     _,         _,           _,       _,     _,     _],
  ['POST /grants/:id/confirm',                                        _,     Y,         _,           _,       _,     _,     _],
  ['POST /grants/:id/reject',                                         _,     Y,         _,           _,       _,     _,     _],
  ['POST /bulletins',                                                 _,     Y,         _,           _,       _,     _,     Y],
  ['POST /measures/:id/attachments',                                  _,     _,         _,           _,       Y,     _,     _],
  ['POST /measures/:id/attachments/:attachmentId/withdraw',           _,     _,         _,           _,       Y,     _,     _],
  ['POST /audit/anchors',                                             _,     _,         _,           _,       _,     _,     Y],
];

interface Call {
  path: string;
  body: object;
  method?: 'post' | 'patch';
  /** Sent as multipart/form-data with the body's fields, instead of a JSON body. */
  file?: Buffer;
}

/** The call as a request: JSON (POST, or PATCH where it says), or the file upload form. */
function send(http: TestApp['http'], call: Call, token?: string) {
  const request = http[call.method ?? 'post'](call.path);
  if (token) request.set(bearer(token));
  if (!call.file) return request.send(call.body);
  for (const [name, value] of Object.entries(call.body)) request.field(name, String(value));
  return request.attach('file', call.file, { filename: '整改通知.pdf' });
}

/** A fresh account made by the administrator (a leader one waits for the secretary's confirmation). */
async function newAccount(f: Fixtures, court: Court, role = 'inspector', disabled = false): Promise<string> {
  const admin = bearer(court.users.admin.token);
  const id = (
    await f.http
      .post('/api/v1/users')
      .set(admin)
      .send({ username: unique('user'), password: PASSWORD, displayName: '王芳', role })
      .expect(201)
  ).body.id as string;
  if (disabled) await f.http.post(`/api/v1/users/${id}/disable`).set(admin).expect(200);
  return id;
}

async function pendingGrant(f: Fixtures, court: Court): Promise<string> {
  const userId = await newAccount(f, court, 'leader');
  const grants = (await f.http.get('/api/v1/grants').set(bearer(court.users.admin.token)).expect(200)).body;
  return grants.find((g: { user: { id: string } }) => g.user.id === userId).id;
}

async function newDepartment(f: Fixtures, court: Court): Promise<string> {
  return (
    await f.http
      .post('/api/v1/departments')
      .set(bearer(court.users.admin.token))
      .send({ name: unique('审管办') })
      .expect(201)
  ).body.id;
}

/** For each route: a fresh fixture in which the call is legal for an allowed actor, and the call. */
const PREPARE: Record<Route, (f: Fixtures, court: Court) => Promise<Call>> = {
  'POST /departments': async () => ({ path: '/api/v1/departments', body: { name: unique('审管办') } }),
  'POST /users': async () => ({
    path: '/api/v1/users',
    body: { username: unique('user'), password: PASSWORD, displayName: '王芳', role: 'inspector' },
  }),
  'POST /campaigns': async () => ({
    path: '/api/v1/campaigns',
    body: { title: unique('专项整治'), source: 'special_campaign', issuedOn: ISSUED_ON },
  }),
  'POST /campaigns/:id/problems': async (f, court) => ({
    path: `/api/v1/campaigns/${await f.campaign('inspection_feedback')}/problems`,
    body: { title: '长期未结案件清理不力', departmentIds: [court.departments.civil] },
  }),
  'POST /campaigns/:id/problems (self-inspection, own department)': async (f, court) => ({
    path: `/api/v1/campaigns/${await f.campaign('self_inspection')}/problems`,
    body: { title: '卷宗归档不及时', departmentIds: [court.departments.civil] },
  }),
  'POST /campaigns/:id/problems (self-inspection, two departments)': async (f, court) => ({
    path: `/api/v1/campaigns/${await f.campaign('self_inspection')}/problems`,
    body: {
      title: '立审执衔接不畅',
      departmentIds: [court.departments.civil, court.departments.enforcement],
    },
  }),
  'POST /problems/:id/measures': async (f, court) => ({
    path: `/api/v1/problems/${await f.problem()}/measures`,
    body: measureBody(court),
  }),
  'POST /measures/:id/progress': async (f) => ({
    path: `${(await f.measure('assigned')).url}/progress`,
    body: { note: '台账已建立', percent: 30 },
  }),
  'POST /measures/:id/extension-requests': async (f) => ({
    path: `${(await f.measure('assigned')).url}/extension-requests`,
    body: { newDueDate: EXTENDED_TO, reason: '等待鉴定结论' },
  }),
  'POST /measures/:id/extension-requests/:requestId/approve': async (f) => {
    const m = await f.measure('extension_pending');
    return { path: `${m.url}/extension-requests/${m.requestId}/approve`, body: { opinion: '同意' } };
  },
  'POST /measures/:id/extension-requests/:requestId/reject': async (f) => {
    const m = await f.measure('extension_pending');
    return { path: `${m.url}/extension-requests/${m.requestId}/reject`, body: { reason: '理由不充分' } };
  },
  'POST /measures/:id/completion': async (f) => ({
    path: `${(await f.measure('assigned')).url}/completion`,
    body: { summary: '已清结', evidence: '结案报告' },
  }),
  'POST /measures/:id/sign-off': async (f) => ({
    path: `${(await f.measure('submitted')).url}/sign-off`,
    body: { opinion: '同意销号' },
  }),
  'POST /measures/:id/return': async (f) => ({
    path: `${(await f.measure('submitted')).url}/return`,
    body: { reason: '佐证材料不全' },
  }),
  'POST /measures/:id/reopen': async (f) => ({
    path: `${(await f.measure('signed_off')).url}/reopen`,
    body: { reason: '回头看发现反弹', newDueDate: '2026-10-31' },
  }),
  'POST /measures/:id/cancel': async (f) => ({
    path: `${(await f.measure('assigned')).url}/cancel`,
    body: { reason: '并入新一轮整改' },
  }),
  'POST /measures/:id/outcomes': async (f) => ({
    path: `${(await f.measure('assigned')).url}/outcomes`,
    body: { title: unique('《长期未结案件管理办法》') },
  }),
  'POST /measures/:id/urge': async (f) => ({
    path: `${(await f.measure('assigned')).url}/urge`,
    body: { message: '请加快进度，本周内报告进展' },
  }),
  'POST /measures/:id/look-back': async (f) => ({
    path: `${(await f.measure('signed_off')).url}/look-back`,
    body: { finding: '经回头看，制度执行到位，未发现反弹' },
  }),
  'POST /notices/:id/receipt': async (f) => ({
    path: `/api/v1/notices/${await f.notice()}/receipt`,
    body: {},
  }),
  'POST /notices/:id/reply': async (f) => ({
    path: `/api/v1/notices/${await f.notice(true)}/reply`,
    body: { content: '已制定清理计划，月底前完成' },
  }),
  'PATCH /users/:id': async (f, court) => ({
    method: 'patch',
    path: `/api/v1/users/${await newAccount(f, court)}`,
    body: { displayName: unique('李') },
  }),
  'POST /users/:id/disable': async (f, court) => ({
    path: `/api/v1/users/${await newAccount(f, court)}/disable`,
    body: {},
  }),
  'POST /users/:id/enable': async (f, court) => ({
    path: `/api/v1/users/${await newAccount(f, court, 'inspector', true)}/enable`,
    body: {},
  }),
  'POST /users/:id/reset-password': async (f, court) => ({
    path: `/api/v1/users/${await newAccount(f, court)}/reset-password`,
    body: {},
  }),
  'PATCH /departments/:id': async (f, court) => ({
    method: 'patch',
    path: `/api/v1/departments/${await newDepartment(f, court)}`,
    body: { name: unique('审管办') },
  }),
  'POST /departments/:id/retire': async (f, court) => ({
    path: `/api/v1/departments/${await newDepartment(f, court)}/retire`,
    body: {},
  }),
  'POST /grants/:id/confirm': async (f, court) => ({
    path: `/api/v1/grants/${await pendingGrant(f, court)}/confirm`,
    body: {},
  }),
  'POST /grants/:id/reject': async (f, court) => ({
    path: `/api/v1/grants/${await pendingGrant(f, court)}/reject`,
    body: {},
  }),
  'POST /bulletins': async () => ({ path: '/api/v1/bulletins', body: {} }),
  'POST /measures/:id/attachments': async (f) => ({
    path: `${(await f.measure('assigned')).url}/attachments`,
    body: { note: '党组会审议通过' },
    file: EVIDENCE_PDF,
  }),
  'POST /measures/:id/attachments/:attachmentId/withdraw': async (f) => {
    const { url } = await f.measure('assigned');
    return { path: `${url}/attachments/${await f.attachment(url)}/withdraw`, body: { reason: '传错文件' } };
  },
  'POST /audit/anchors': async () => ({ path: '/api/v1/audit/anchors', body: {} }),
};

const CASES = MATRIX.flatMap(([route, ...may]) =>
  ROLES.map((role, i) => ({ route, role, may: may[i], expected: may[i] ? '2xx' : '403' })),
);

describe('authorisation: every role against every write route', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;
  let tokenOf: Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
    tokenOf = tokensByMatrixRole(court);
  }, 30_000); // argon2 hashes a password for each account: slow when the machine is busy
  afterAll(() => t.close());

  it('covers every route and every role', () => {
    expect(MATRIX.map(([route]) => route).sort()).toEqual(Object.keys(PREPARE).sort());
    expect(CASES).toHaveLength(Object.keys(PREPARE).length * ROLES.length);
  });

  it.each(CASES)('$route as $role → $expected', async ({ route, role, may }) => {
    const call = await PREPARE[route](fixtures, court);
    const before = await t.dump();
    const response = await send(t.http, call, tokenOf[role]);
    const after = await t.dump();
    if (may) {
      // On failure this shows the refusal the allowed actor got.
      expect(
        response.status >= 200 && response.status < 300
          ? '2xx'
          : { status: response.status, body: response.body },
      ).toBe('2xx');
      expect(after.length).toBeGreaterThan(before.length);
    } else {
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(CHINESE) }),
      });
      expect(after).toEqual(before);
    }
  });

  describe('without a token', () => {
    it.each(MATRIX.map(([route]) => route))('%s → 401, nothing written', async (route) => {
      const call = await PREPARE[route](fixtures, court);
      const before = await t.dump();
      const response = await send(t.http, call);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        code: 'unauthenticated',
        message: expect.stringMatching(CHINESE),
      });
      expect(await t.dump()).toEqual(before);
    });

    it('refuses a forged token the same way', async () => {
      const { path, body } = await PREPARE['POST /campaigns'](fixtures, court);
      const before = await t.dump();
      const response = await t.http.post(path).set(bearer('not.a.jwt')).send(body);
      expect(response.status).toBe(401);
      expect(await t.dump()).toEqual(before);
    });
  });

  describe('reading', () => {
    it.each(ROLES.filter((r) => r !== 'admin'))('GET /api/v1/users as %s → 403', async (role) => {
      const response = await t.http.get('/api/v1/users').set(bearer(tokenOf[role]));
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: expect.any(String),
        message: expect.stringMatching(CHINESE),
      });
    });

    it('GET /api/v1/users as admin → 200, without password hashes', async () => {
      const response = await t.http.get('/api/v1/users').set(bearer(tokenOf.admin)).expect(200);
      expect(response.body.length).toBeGreaterThanOrEqual(7);
      expect(JSON.stringify(response.body)).not.toContain('passwordHash');
    });

    it.each(['/api/v1/audit/events', '/api/v1/audit/integrity'])(
      'GET %s as inspector → 200',
      async (path) => {
        await t.http.get(path).set(bearer(tokenOf.inspector)).expect(200);
      },
    );

    it.each([
      ['/api/v1/audit/events', 'ownHead'],
      ['/api/v1/audit/integrity', 'ownHead'],
      ['/api/v1/audit/events', 'otherHead'],
      ['/api/v1/audit/integrity', 'otherHead'],
    ] as [string, Role][])('GET %s as %s → 403', async (path, role) => {
      const response = await t.http.get(path).set(bearer(tokenOf[role]));
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: expect.any(String),
        message: expect.stringMatching(CHINESE),
      });
    });
  });
});

type ReadRoute =
  | 'GET /board'
  | 'GET /campaigns'
  | 'GET /campaigns/:id'
  | 'GET /campaigns/:id/summary'
  | 'GET /campaigns/:id/report.docx'
  | 'GET /campaigns/:id/summary.xlsx'
  | 'GET /measures/:id'
  | 'GET /measures/:id/history'
  | 'GET /measures/:id/attachments'
  | 'GET /attachments/:id'
  | 'GET /ledger'
  | 'GET /ledger.xlsx'
  | 'GET /bulletins'
  | 'GET /alerts'
  | 'GET /me/approvals'
  | 'GET /me/measures'
  | 'GET /audit/events'
  | 'GET /audit/integrity'
  | 'GET /audit/filters'
  | 'GET /audit/anchors'
  | 'GET /audit/public-key'
  | 'GET /audit/export'
  | 'GET /audit/access'
  | 'GET /audit/findings'
  | 'GET /users'
  | 'GET /departments'
  | 'GET /leaders'
  | 'GET /supervision-ladder'
  | 'GET /grants';

// The measure read is one of 民一庭's (ownHead's), led by responsibleLeader. A department head's
// ledger is their department's rows (200 for both heads; another department's is tested elsewhere).
// prettier-ignore
const READ_MATRIX: [ReadRoute, boolean, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  //                             admin  secretary  responsible  other    own    other  inspector
  //                                               Leader       Leader   Head   Head
  ['GET /board',                  Y,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /campaigns',              Y,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /campaigns/:id',          _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /campaigns/:id/summary',  _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /campaigns/:id/report.docx', _,  Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /campaigns/:id/summary.xlsx', _,  Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /measures/:id',           _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /measures/:id/history',   _,     Y,         Y,           Y,       Y,     _,     Y],
  ['GET /measures/:id/attachments', _,   Y,         Y,           Y,       Y,     _,     Y],
  ['GET /attachments/:id',        _,     Y,         Y,           Y,       Y,     _,     Y],
  ['GET /ledger',                 _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /ledger.xlsx',            _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /bulletins',              _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /alerts',                 _,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /me/approvals',           _,     Y,         Y,           Y,       _,     _,     _],
  ['GET /me/measures',            _,     Y,         Y,           Y,       Y,     Y,     _],
  ['GET /audit/events',           _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/integrity',        _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/filters',          _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/anchors',          _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/public-key',       _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/export',           _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/access',           _,     _,         _,           _,       _,     _,     Y],
  ['GET /audit/findings',         _,     _,         _,           _,       _,     _,     Y],
  ['GET /users',                  Y,     _,         _,           _,       _,     _,     _],
  ['GET /departments',            Y,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /leaders',                Y,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /supervision-ladder',     Y,     Y,         Y,           Y,       Y,     Y,     Y],
  ['GET /grants',                 Y,     Y,         Y,           Y,       _,     _,     Y],
];

describe('authorisation: every role against every read route', () => {
  let t: TestApp;
  let court: Court;
  let tokenOf: Record<Role, string>;
  let paths: Record<ReadRoute, string>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    tokenOf = tokensByMatrixRole(court);
    const campaignId = await fixtures.campaign();
    const measure = await fixtures.measure('assigned');
    paths = {
      'GET /board': '/api/v1/board',
      'GET /campaigns': '/api/v1/campaigns',
      'GET /campaigns/:id': `/api/v1/campaigns/${campaignId}`,
      'GET /campaigns/:id/summary': `/api/v1/campaigns/${campaignId}/summary`,
      'GET /campaigns/:id/report.docx': `/api/v1/campaigns/${campaignId}/report.docx`,
      'GET /campaigns/:id/summary.xlsx': `/api/v1/campaigns/${campaignId}/summary.xlsx`,
      'GET /measures/:id': measure.url,
      'GET /measures/:id/history': `${measure.url}/history`,
      'GET /measures/:id/attachments': `${measure.url}/attachments`,
      'GET /attachments/:id': `/api/v1/attachments/${await fixtures.attachment(measure.url)}`,
      'GET /ledger': '/api/v1/ledger',
      'GET /ledger.xlsx': '/api/v1/ledger.xlsx',
      'GET /bulletins': '/api/v1/bulletins',
      'GET /alerts': '/api/v1/alerts',
      'GET /me/approvals': '/api/v1/me/approvals',
      'GET /me/measures': '/api/v1/me/measures',
      'GET /audit/events': '/api/v1/audit/events',
      'GET /audit/integrity': '/api/v1/audit/integrity',
      'GET /audit/filters': '/api/v1/audit/filters',
      'GET /audit/anchors': '/api/v1/audit/anchors',
      'GET /audit/public-key': '/api/v1/audit/public-key',
      'GET /audit/export': `/api/v1/audit/export?campaignId=${campaignId}`,
      'GET /audit/access': '/api/v1/audit/access',
      'GET /audit/findings': '/api/v1/audit/findings',
      'GET /users': '/api/v1/users',
      'GET /departments': '/api/v1/departments',
      'GET /leaders': '/api/v1/leaders',
      'GET /supervision-ladder': '/api/v1/supervision-ladder',
      'GET /grants': '/api/v1/grants',
    };
  }, 60_000);
  afterAll(() => t.close());

  const CASES = READ_MATRIX.flatMap(([route, ...allowed]) =>
    ROLES.map((role, i) => ({ route, role, may: allowed[i], expected: allowed[i] ? '200' : '403' })),
  );

  it.each(CASES)('$route as $role → $expected, nothing written', async ({ route, role, may }) => {
    const before = await t.written();
    const logged = (await t.dump()).length;
    const response = await t.http.get(paths[route]).set(bearer(tokenOf[role]));
    if (may) expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    else
      expect({ status: response.status, body: response.body }).toEqual({
        status: 403,
        body: expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(CHINESE) }),
      });
    expect(await t.written()).toEqual(before);
    // A sensitive read, answered or refused, is in the access log once; any other read leaves no trace.
    const recorded = (await t.dump()).slice(logged).map((e) => [e.type, e.data]);
    expect(recorded).toEqual(
      RECORDED[route]
        ? [
            [
              'SensitiveRead',
              expect.objectContaining({ kind: RECORDED[route], outcome: may ? 'granted' : 'refused' }),
            ],
          ]
        : [],
    );
  });
});

/** The read routes the access log records (@RecordsRead), by kind. */
const RECORDED: Partial<Record<ReadRoute, string>> = {
  'GET /campaigns/:id/report.docx': 'report_export',
  'GET /campaigns/:id/summary.xlsx': 'report_export',
  'GET /measures/:id/history': 'measure_history',
  'GET /attachments/:id': 'attachment_download',
  'GET /ledger.xlsx': 'ledger_export',
  'GET /audit/events': 'audit_feed',
  'GET /audit/access': 'access_log',
  'GET /audit/findings': 'audit_findings',
  'GET /audit/export': 'audit_export',
};
