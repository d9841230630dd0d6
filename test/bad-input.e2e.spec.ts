import { Response } from 'supertest';
import { bearer, Court, PASSWORD, setUpCourt } from './support/court';
import { CHINESE, DUE_DATE, EXTENDED_TO, Fixtures, ISSUED_ON, measureBody } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Bad input on every write route (DESIGN.md §4): a 400 that names the field and the rule,
 * in Chinese by default and in English on request, and nothing written.
 *
 * Each route is exercised on a fixture where its valid body is legal for the allowed actor;
 * the last test of each route sends that valid body, proving every 400 before it was caused by
 * the one thing that was wrong and not by the fixture.
 */

type Actor = 'admin' | 'secretary' | 'leader' | 'civilHead';

/**
 * One bad request: the valid body with `set` merged over it (or `omit` taken out of it), or a raw
 * text body, or extra headers; and the field and rule the 400 must name.
 */
interface BadCase {
  label: string;
  set?: object | ((court: Court) => object);
  omit?: string;
  raw?: string;
  headers?: Record<string, string>;
  field: string;
  rule: string;
}

interface RouteSpec {
  route: string;
  actor: Actor;
  /** Builds a fixture in which `valid` is legal for `actor`; returns the path to post to. */
  prepare: (f: Fixtures, court: Court) => Promise<string>;
  valid: (court: Court) => Record<string, unknown>;
  success: number;
  /** Required fields and the rule their absence breaks. */
  required: Record<string, string>;
  cases: BadCase[];
}

const chars = (n: number) => '字'.repeat(n);
const IMPOSSIBLE_DATES = ['2025-02-30', '2026-13-01', '2026-1-5'];
const dateCases = (field: string, put: (date: string) => object): BadCase[] =>
  IMPOSSIBLE_DATES.map((date) => ({
    label: `${field} ${date}`,
    set: put(date),
    field,
    rule: 'isCalendarDate',
  }));

// prettier-ignore
const SPECS: RouteSpec[] = [
  {
    route: 'POST /departments',
    actor: 'admin',
    prepare: async () => '/api/v1/departments',
    valid: () => ({ name: '审判管理办公室' }),
    success: 201,
    required: { name: 'isNotEmpty' },
    cases: [
      { label: 'name as a number', set: { name: 42 }, field: 'name', rule: 'isString' },
      { label: 'name of 51 characters', set: { name: chars(51) }, field: 'name', rule: 'maxLength' },
      { label: 'name only blanks', set: { name: '   ' }, field: 'name', rule: 'department.name_blank' },
      { label: 'name with a bidi isolate', set: { name: '立案\u2067庭' }, field: 'name', rule: 'isPlainText' },
    ],
  },
  {
    route: 'POST /users',
    actor: 'admin',
    prepare: async () => '/api/v1/users',
    valid: (court) => ({
      username: 'new-head',
      password: PASSWORD,
      displayName: '王芳',
      role: 'department_head',
      departmentId: court.departments.civil,
      secretary: false,
    }),
    success: 201,
    required: { username: 'isNotEmpty', password: 'isNotEmpty', displayName: 'isNotEmpty', role: 'isNotEmpty' },
    cases: [
      { label: 'username as a number', set: { username: 42 }, field: 'username', rule: 'isString' },
      { label: 'username of 65 characters', set: { username: 'u'.repeat(65) }, field: 'username', rule: 'matches' },
      { label: 'username with a zero-width space', set: { username: 'shu\u200bji' }, field: 'username', rule: 'matches' },
      { label: 'username with Cyrillic look-alikes', set: { username: 'r\u043e\u043et' }, field: 'username', rule: 'matches' },
      { label: 'username with a NUL', set: { username: 'ro\u0000ot' }, field: 'username', rule: 'matches' },
      { label: 'username in capitals', set: { username: 'ZhangSan' }, field: 'username', rule: 'matches' },
      { label: 'password of 9 characters', set: { password: 'Sh0rt@12a' }, field: 'password', rule: 'minLength' },
      { label: 'password of ten blanks', set: { password: ' '.repeat(10) }, field: 'password', rule: 'isNotBlank' },
      { label: 'a common password', set: { password: '1234567890' }, field: 'password', rule: 'isStrongPassword' },
      { label: 'a keyboard run', set: { password: 'qwertyuiop' }, field: 'password', rule: 'isStrongPassword' },
      { label: 'password holding the username', set: { password: 'New-Head-Qiang-2026' }, field: 'password', rule: 'notContainUsername' },
      { label: 'password of 201 characters', set: { password: 'p'.repeat(201) }, field: 'password', rule: 'maxLength' },
      { label: 'displayName of 51 characters', set: { displayName: chars(51) }, field: 'displayName', rule: 'maxLength' },
      { label: 'displayName only blanks', set: { displayName: '   ' }, field: 'displayName', rule: 'user.display_name_blank' },
      { label: 'displayName with an RTL override', set: { displayName: '王\u202e芳' }, field: 'displayName', rule: 'isPlainText' },
      { label: 'displayName with a zero-width joiner', set: { displayName: '王\u200d芳' }, field: 'displayName', rule: 'isPlainText' },
      { label: 'displayName with a control character', set: { displayName: '王\u0007芳' }, field: 'displayName', rule: 'isPlainText' },
      { label: 'an unknown role', set: { role: 'superuser' }, field: 'role', rule: 'isIn' },
      { label: 'secretary as a string', set: { secretary: 'yes' }, field: 'secretary', rule: 'isBoolean' },
      { label: 'an unknown departmentId', set: { departmentId: 'no-such-department' }, field: 'departmentId', rule: 'department.unknown' },
      { label: 'departmentId as a number', set: { departmentId: 7 }, field: 'departmentId', rule: 'isString' },
      { label: 'a department head without a department', set: { departmentId: undefined }, field: 'departmentId', rule: 'user.department_required' },
      { label: 'a secretary who is not a leader', set: { secretary: true }, field: 'secretary', rule: 'user.secretary_is_leader' },
    ],
  },
  {
    route: 'POST /campaigns',
    actor: 'secretary',
    prepare: async () => '/api/v1/campaigns',
    valid: () => ({ title: '2026年巡察反馈问题整改', source: 'inspection_feedback', issuedOn: ISSUED_ON, description: '按巡察组反馈意见整改' }),
    success: 201,
    required: { title: 'isNotEmpty', source: 'isNotEmpty', issuedOn: 'isNotEmpty' },
    cases: [
      { label: 'title as a number', set: { title: 42 }, field: 'title', rule: 'isString' },
      { label: 'title of 201 characters', set: { title: chars(201) }, field: 'title', rule: 'maxLength' },
      { label: 'description of 5001 characters', set: { description: chars(5001) }, field: 'description', rule: 'maxLength' },
      { label: 'an unknown source', set: { source: 'rumour' }, field: 'source', rule: 'isIn' },
      { label: 'issuedOn as a number', set: { issuedOn: 20260301 }, field: 'issuedOn', rule: 'isCalendarDate' },
      ...dateCases('issuedOn', (issuedOn) => ({ issuedOn })),
    ],
  },
  {
    route: 'POST /campaigns/:id/problems',
    actor: 'secretary',
    prepare: async (f) => `/api/v1/campaigns/${await f.campaign()}/problems`,
    valid: (court) => ({
      title: '长期未结案件清理不力',
      description: '超过18个月未结案件23件',
      category: '审判执行',
      rootCause: '台账管理不到位',
      departmentIds: [court.departments.civil],
    }),
    success: 201,
    required: { title: 'isNotEmpty', departmentIds: 'isArray' },
    cases: [
      { label: 'title as a number', set: { title: 42 }, field: 'title', rule: 'isString' },
      { label: 'title of 501 characters', set: { title: chars(501) }, field: 'title', rule: 'maxLength' },
      { label: 'category of 101 characters', set: { category: chars(101) }, field: 'category', rule: 'maxLength' },
      { label: 'rootCause of 5001 characters', set: { rootCause: chars(5001) }, field: 'rootCause', rule: 'maxLength' },
      { label: 'departmentIds as a string', set: (court) => ({ departmentIds: court.departments.civil }), field: 'departmentIds', rule: 'isArray' },
      { label: 'departmentIds empty', set: { departmentIds: [] }, field: 'departmentIds', rule: 'arrayMinSize' },
      { label: 'departmentIds holding a number', set: { departmentIds: [42] }, field: 'departmentIds', rule: 'isString' },
      { label: 'departmentIds with 21 items', set: (court) => ({ departmentIds: Array(21).fill(court.departments.civil) }), field: 'departmentIds', rule: 'arrayMaxSize' },
      { label: 'an unknown departmentId', set: (court) => ({ departmentIds: [court.departments.civil, 'no-such-department'] }), field: 'departmentIds', rule: 'department.unknown' },
    ],
  },
  {
    route: 'POST /problems/:id/measures',
    actor: 'secretary',
    prepare: async (f) => `/api/v1/problems/${await f.problem()}/measures`,
    valid: (court) => measureBody(court),
    success: 201,
    required: {
      content: 'isNotEmpty',
      kind: 'isNotEmpty',
      responsibleLeaderId: 'isNotEmpty',
      departmentId: 'isNotEmpty',
      responsiblePerson: 'isNotEmpty',
    },
    cases: [
      { label: 'content as a number', set: { content: 42 }, field: 'content', rule: 'isString' },
      { label: 'content of 2001 characters', set: { content: chars(2001) }, field: 'content', rule: 'maxLength' },
      { label: 'target of 1001 characters', set: { target: chars(1001) }, field: 'target', rule: 'maxLength' },
      { label: 'responsiblePerson of 101 characters', set: { responsiblePerson: chars(101) }, field: 'responsiblePerson', rule: 'maxLength' },
      { label: 'an unknown kind', set: { kind: 'urgent' }, field: 'kind', rule: 'isIn' },
      ...dateCases('dueDate', (dueDate) => ({ dueDate, milestones: [] })),
      ...dateCases('milestones.0.dueDate', (dueDate) => ({ milestones: [{ title: '完成台账', dueDate }] })),
      { label: 'a milestone without a date', set: { milestones: [{ title: '完成台账' }] }, field: 'milestones.0.dueDate', rule: 'isNotEmpty' },
      { label: 'a milestone title of 201 characters', set: { milestones: [{ title: chars(201), dueDate: '2026-03-15' }] }, field: 'milestones.0.title', rule: 'maxLength' },
      { label: 'an unknown field in a milestone', set: { milestones: [{ title: '完成台账', dueDate: '2026-03-15', owner: '刘洋' }] }, field: 'milestones.0.owner', rule: 'whitelistValidation' },
      { label: 'milestones as a string', set: { milestones: '2026-03-15' }, field: 'milestones', rule: 'isArray' },
      { label: 'reportEveryDays as a string', set: { kind: 'long_term', dueDate: undefined, milestones: [], reportEveryDays: '14' }, field: 'reportEveryDays', rule: 'isInt' },
      { label: 'reportEveryDays of 0', set: { kind: 'long_term', dueDate: undefined, milestones: [], reportEveryDays: 0 }, field: 'reportEveryDays', rule: 'min' },
      { label: 'a deadline before the campaign was issued', set: { dueDate: '2026-02-28', milestones: [] }, field: 'dueDate', rule: 'measure.due_before_issued' },
      { label: 'a milestone before the campaign was issued', set: { milestones: [{ title: '完成台账', dueDate: '2026-02-20' }] }, field: 'milestones', rule: 'milestone.due_before_issued' },
      { label: "a milestone after the measure's deadline", set: { milestones: [{ title: '完成台账', dueDate: '2026-05-15' }] }, field: 'milestones', rule: 'milestone.after_due_date' },
      { label: 'long_term without reportEveryDays', set: { kind: 'long_term', dueDate: undefined, milestones: [] }, field: 'reportEveryDays', rule: 'measure.report_period_required' },
      { label: 'long_term with a dueDate', set: { kind: 'long_term', reportEveryDays: 14, milestones: [] }, field: 'dueDate', rule: 'measure.long_term_no_due_date' },
      { label: 'deadline without a dueDate', set: { dueDate: undefined, milestones: [] }, field: 'dueDate', rule: 'measure.due_date_required' },
      { label: 'deadline with reportEveryDays', set: { reportEveryDays: 14 }, field: 'reportEveryDays', rule: 'measure.report_period_long_term_only' },
      { label: 'an unknown responsibleLeaderId', set: { responsibleLeaderId: 'no-such-leader' }, field: 'responsibleLeaderId', rule: 'measure.leader_unknown' },
      { label: 'a responsibleLeaderId who is not a leader', set: (court) => ({ responsibleLeaderId: court.users.civilHead.id }), field: 'responsibleLeaderId', rule: 'measure.leader_unknown' },
      { label: 'an unknown departmentId', set: { departmentId: 'no-such-department' }, field: 'departmentId', rule: 'department.unknown' },
    ],
  },
  {
    route: 'POST /measures/:id/progress',
    actor: 'civilHead',
    prepare: async (f) => `${(await f.measure('assigned')).url}/progress`,
    valid: () => ({ note: '台账已建立', percent: 30 }),
    success: 200,
    required: { note: 'isNotEmpty', percent: 'isInt' },
    cases: [
      { label: 'note as a number', set: { note: 42 }, field: 'note', rule: 'isString' },
      { label: 'note of 2001 characters', set: { note: chars(2001) }, field: 'note', rule: 'maxLength' },
      { label: 'percent as a string', set: { percent: '30' }, field: 'percent', rule: 'isInt' },
      { label: 'percent as a fraction', set: { percent: 30.5 }, field: 'percent', rule: 'isInt' },
      { label: 'percent 101', set: { percent: 101 }, field: 'percent', rule: 'max' },
      { label: 'percent -1', set: { percent: -1 }, field: 'percent', rule: 'min' },
    ],
  },
  {
    route: 'POST /measures/:id/extension-requests',
    actor: 'civilHead',
    prepare: async (f) => `${(await f.measure('assigned')).url}/extension-requests`,
    valid: () => ({ newDueDate: EXTENDED_TO, reason: '等待鉴定结论' }),
    success: 201,
    required: { newDueDate: 'isNotEmpty', reason: 'isNotEmpty' },
    cases: [
      { label: 'reason as a number', set: { reason: 42 }, field: 'reason', rule: 'isString' },
      { label: 'reason of 1001 characters', set: { reason: chars(1001) }, field: 'reason', rule: 'maxLength' },
      ...dateCases('newDueDate', (newDueDate) => ({ newDueDate })),
      { label: 'newDueDate not later than the deadline', set: { newDueDate: DUE_DATE }, field: 'newDueDate', rule: 'extension.not_later' },
    ],
  },
  {
    route: 'POST /measures/:id/extension-requests/:requestId/approve',
    actor: 'leader',
    prepare: async (f) => {
      const m = await f.measure('extension_pending');
      return `${m.url}/extension-requests/${m.requestId}/approve`;
    },
    valid: () => ({ opinion: '同意' }),
    success: 200,
    required: {},
    cases: [
      { label: 'opinion as a number', set: { opinion: 42 }, field: 'opinion', rule: 'isString' },
      { label: 'opinion of 1001 characters', set: { opinion: chars(1001) }, field: 'opinion', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/extension-requests/:requestId/reject',
    actor: 'leader',
    prepare: async (f) => {
      const m = await f.measure('extension_pending');
      return `${m.url}/extension-requests/${m.requestId}/reject`;
    },
    valid: () => ({ reason: '理由不充分' }),
    success: 200,
    required: { reason: 'isNotEmpty' },
    cases: [
      { label: 'reason as a number', set: { reason: 42 }, field: 'reason', rule: 'isString' },
      { label: 'reason of 1001 characters', set: { reason: chars(1001) }, field: 'reason', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/completion',
    actor: 'civilHead',
    prepare: async (f) => `${(await f.measure('assigned')).url}/completion`,
    valid: () => ({ summary: '已清结', evidence: '台账、结案报告' }),
    success: 200,
    required: { summary: 'isNotEmpty' },
    cases: [
      { label: 'summary as a number', set: { summary: 42 }, field: 'summary', rule: 'isString' },
      { label: 'summary of 5001 characters', set: { summary: chars(5001) }, field: 'summary', rule: 'maxLength' },
      { label: 'evidence as an array', set: { evidence: ['结案报告'] }, field: 'evidence', rule: 'isString' },
      { label: 'evidence of 5001 characters', set: { evidence: chars(5001) }, field: 'evidence', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/sign-off',
    actor: 'leader',
    prepare: async (f) => `${(await f.measure('submitted')).url}/sign-off`,
    valid: () => ({ opinion: '同意销号' }),
    success: 200,
    required: {},
    cases: [
      { label: 'opinion as a number', set: { opinion: 42 }, field: 'opinion', rule: 'isString' },
      { label: 'opinion of 1001 characters', set: { opinion: chars(1001) }, field: 'opinion', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/return',
    actor: 'leader',
    prepare: async (f) => `${(await f.measure('submitted')).url}/return`,
    valid: () => ({ reason: '佐证材料不全' }),
    success: 200,
    required: { reason: 'isNotEmpty' },
    cases: [
      { label: 'reason as a number', set: { reason: 42 }, field: 'reason', rule: 'isString' },
      { label: 'reason of 1001 characters', set: { reason: chars(1001) }, field: 'reason', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/reopen',
    actor: 'leader',
    prepare: async (f) => `${(await f.measure('signed_off')).url}/reopen`,
    valid: () => ({ reason: '回头看发现反弹', newDueDate: '2026-10-31' }),
    success: 200,
    required: { reason: 'isNotEmpty' },
    cases: [
      { label: 'reason as a number', set: { reason: 42 }, field: 'reason', rule: 'isString' },
      { label: 'reason of 1001 characters', set: { reason: chars(1001) }, field: 'reason', rule: 'maxLength' },
      ...dateCases('newDueDate', (newDueDate) => ({ newDueDate })),
      { label: 'newDueDate in the past', set: { newDueDate: ISSUED_ON }, field: 'newDueDate', rule: 'measure.due_in_past' },
    ],
  },
  {
    route: 'POST /measures/:id/cancel',
    actor: 'leader',
    prepare: async (f) => `${(await f.measure('assigned')).url}/cancel`,
    valid: () => ({ reason: '并入新一轮整改' }),
    success: 200,
    required: { reason: 'isNotEmpty' },
    cases: [
      { label: 'reason as a number', set: { reason: 42 }, field: 'reason', rule: 'isString' },
      { label: 'reason of 1001 characters', set: { reason: chars(1001) }, field: 'reason', rule: 'maxLength' },
    ],
  },
  {
    route: 'POST /measures/:id/outcomes',
    actor: 'civilHead',
    prepare: async (f) => `${(await f.measure('assigned')).url}/outcomes`,
    valid: () => ({ title: '《长期未结案件管理办法》' }),
    success: 201,
    required: { title: 'isNotEmpty' },
    cases: [
      { label: 'title as a number', set: { title: 42 }, field: 'title', rule: 'isString' },
      { label: 'title of 201 characters', set: { title: chars(201) }, field: 'title', rule: 'maxLength' },
      { label: 'title only blanks', set: { title: '   ' }, field: 'title', rule: 'outcome.title_blank' },
    ],
  },
  {
    route: 'POST /bulletins',
    actor: 'secretary',
    prepare: async () => '/api/v1/bulletins',
    valid: () => ({ periodStart: '2026-02-23', periodEnd: '2026-03-01' }),
    success: 201,
    required: {},
    cases: [
      ...dateCases('periodStart', (date) => ({ periodStart: date })),
      ...dateCases('periodEnd', (date) => ({ periodEnd: date })),
      { label: 'periodStart as a number', set: { periodStart: 20260301 }, field: 'periodStart', rule: 'isCalendarDate' },
      { label: 'periodEnd after today', set: { periodEnd: '2026-03-03' }, field: 'periodEnd', rule: 'bulletin.period_in_future' },
      { label: 'periodStart after periodEnd', set: { periodStart: '2026-03-01', periodEnd: '2026-02-28' }, field: 'periodStart', rule: 'bulletin.period_reversed' },
    ],
  },
];

/** Cases every write route must handle, whatever its body. */
function commonCases(spec: RouteSpec): BadCase[] {
  return [
    ...Object.entries(spec.required).map(([field, rule]) => ({
      label: `${field} missing`,
      omit: field,
      field,
      rule,
    })),
    {
      label: 'an unknown field',
      set: { unexpected: true },
      field: 'unexpected',
      rule: 'whitelistValidation',
    },
    // Which name the body as a whole goes by is the product's choice; that it names one and a rule is not.
    {
      label: 'a malformed JSON body',
      raw: '{"reason": "未闭合',
      field: expect.any(String),
      rule: expect.any(String),
    },
    {
      label: 'a bad If-Match header',
      headers: { 'If-Match': 'revision 3' },
      field: 'If-Match',
      rule: 'format',
    },
    {
      label: 'a bad Idempotency-Key header (a space)',
      headers: { 'Idempotency-Key': 'not a key' },
      field: 'Idempotency-Key',
      rule: 'format',
    },
    {
      label: 'a bad Idempotency-Key header (129 characters)',
      headers: { 'Idempotency-Key': 'k'.repeat(129) },
      field: 'Idempotency-Key',
      rule: 'format',
    },
  ];
}

const ENGLISH = /^[^\u4e00-\u9fff]*[A-Za-z][^\u4e00-\u9fff]*$/;

/** The 400 names the field and the rule, with messages in the caller's language. */
function expectFieldAndRule(response: Response, field: string, rule: string, language: RegExp) {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 400,
    body: expect.objectContaining({
      code: expect.any(String),
      message: expect.stringMatching(language),
      errors: expect.arrayContaining([
        expect.objectContaining({ field, rule, message: expect.stringMatching(language) }),
      ]),
    }),
  });
  // `field` at the top, when given, names one of the fields the errors list.
  if (response.body.field !== undefined) {
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(response.body.field);
  }
}

describe('bad input on every write route: 400 naming the field and the rule, nothing written', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
  }, 30_000); // argon2 hashes a password for each account: slow when the machine is busy
  afterAll(() => t.close());

  /** Sends one bad case as the route's allowed actor; proves the store did not change. */
  async function sendBad(spec: RouteSpec, path: string, bad: BadCase, language?: string): Promise<Response> {
    const request = t.http.post(path).set(bearer(court.users[spec.actor].token));
    if (language) request.set('Accept-Language', language);
    for (const [name, value] of Object.entries(bad.headers ?? {})) request.set(name, value);
    const { [bad.omit ?? '']: _omitted, ...valid } = spec.valid(court);
    const set = typeof bad.set === 'function' ? bad.set(court) : bad.set;
    const before = await t.dump();
    const response = await (bad.raw !== undefined
      ? request.set('Content-Type', 'application/json').send(bad.raw)
      : request.send({ ...valid, ...set }));
    expect(await t.dump()).toEqual(before);
    return response;
  }

  describe.each(SPECS)('$route', (spec) => {
    let path: string;
    beforeAll(async () => {
      path = await spec.prepare(fixtures, court);
    });

    it.each([...commonCases(spec), ...spec.cases])('$label → 400', async (bad) => {
      const response = await sendBad(spec, path, bad);
      expectFieldAndRule(response, bad.field, bad.rule, CHINESE);
    });

    it('answers in English with Accept-Language: en', async () => {
      const response = await sendBad(
        spec,
        path,
        { label: 'en', set: { unexpected: true }, field: 'unexpected', rule: 'whitelistValidation' },
        'en',
      );
      expectFieldAndRule(response, 'unexpected', 'whitelistValidation', ENGLISH);
      expect(response.body.errors).toContainEqual({
        field: 'unexpected',
        rule: 'whitelistValidation',
        message: 'unexpected is not an allowed field',
      });
    });

    it(`accepts the valid body (control) → ${spec.success}`, async () => {
      const response = await t.http
        .post(path)
        .set(bearer(court.users[spec.actor].token))
        .send(spec.valid(court));
      expect(
        response.status === spec.success ? spec.success : { status: response.status, body: response.body },
      ).toBe(spec.success);
    });
  });

  describe('English on request, Chinese by default', () => {
    const specOf = (route: string) => SPECS.find((s) => s.route === route) as RouteSpec;
    const tooLongTitle: BadCase = {
      label: 'long title',
      set: { title: chars(201) },
      field: 'title',
      rule: 'maxLength',
    };

    it('a field rule: title of 201 characters on POST /campaigns', async () => {
      const response = await sendBad(specOf('POST /campaigns'), '/api/v1/campaigns', tooLongTitle, 'en');
      expectFieldAndRule(response, 'title', 'maxLength', ENGLISH);
      expect(response.body.errors).toContainEqual({
        field: 'title',
        rule: 'maxLength',
        message: 'must be at most 200 characters',
      });
    });

    it('a date rule: an impossible issuedOn on POST /campaigns', async () => {
      const impossible: BadCase = {
        label: 'date',
        set: { issuedOn: '2025-02-30' },
        field: 'issuedOn',
        rule: 'isCalendarDate',
      };
      const response = await sendBad(specOf('POST /campaigns'), '/api/v1/campaigns', impossible, 'en');
      expect(response.body.errors).toContainEqual({
        field: 'issuedOn',
        rule: 'isCalendarDate',
        message: 'must be a real calendar date YYYY-MM-DD',
      });
    });

    it('a domain rule: a measure deadline before the campaign was issued', async () => {
      const spec = specOf('POST /problems/:id/measures');
      const early: BadCase = {
        label: 'early',
        set: { dueDate: '2026-02-28', milestones: [] },
        field: 'dueDate',
        rule: 'measure.due_before_issued',
      };
      const response = await sendBad(spec, await spec.prepare(fixtures, court), early, 'en-US,en;q=0.9');
      expectFieldAndRule(response, 'dueDate', 'measure.due_before_issued', ENGLISH);
      expect(response.body.message).toContain(ISSUED_ON);
    });

    it('a header rule: a bad Idempotency-Key', async () => {
      const badKey: BadCase = {
        label: 'key',
        headers: { 'Idempotency-Key': 'not a key' },
        field: 'Idempotency-Key',
        rule: 'format',
      };
      const response = await sendBad(specOf('POST /campaigns'), '/api/v1/campaigns', badKey, 'en');
      expectFieldAndRule(response, 'Idempotency-Key', 'format', ENGLISH);
    });

    it('Chinese when no language is asked for', async () => {
      const response = await sendBad(specOf('POST /campaigns'), '/api/v1/campaigns', tooLongTitle);
      expect(response.body.errors).toContainEqual({
        field: 'title',
        rule: 'maxLength',
        message: '专项名称不能超过200个字符',
      });
    });
  });

  it('stores text in one normal form (NFC): a name typed with a combining accent reads as the composed one', async () => {
    const admin = bearer(court.users.admin.token);
    const created = await t.http
      .post('/api/v1/departments')
      .set(admin)
      .send({ name: 'Cafe\u0301 法庭' })
      .expect(201);
    const departments: { id: string; name: string }[] = (await t.http.get('/api/v1/departments').set(admin))
      .body;
    expect(departments.find((d) => d.id === created.body.id)?.name).toBe('Caf\u00e9 法庭');
  });

  it('every route is covered', () => {
    expect(SPECS.map((s) => s.route)).toEqual([
      'POST /departments',
      'POST /users',
      'POST /campaigns',
      'POST /campaigns/:id/problems',
      'POST /problems/:id/measures',
      'POST /measures/:id/progress',
      'POST /measures/:id/extension-requests',
      'POST /measures/:id/extension-requests/:requestId/approve',
      'POST /measures/:id/extension-requests/:requestId/reject',
      'POST /measures/:id/completion',
      'POST /measures/:id/sign-off',
      'POST /measures/:id/return',
      'POST /measures/:id/reopen',
      'POST /measures/:id/cancel',
      'POST /measures/:id/outcomes',
      'POST /bulletins',
    ]);
  });
});
