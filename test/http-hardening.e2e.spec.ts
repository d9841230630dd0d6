import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { RecordedEvent } from '@tracker/event-store';
import { PASSWORD } from './support/court';
import { CHINESE } from './support/fixtures';
import { rawRequest, RawResponse } from './support/raw-http';
import { login, startTestApp, TestApp } from './support/test-app';

/**
 * The HTTP layer before any route: a malformed request is a 4xx in the usual error shape
 * (413 over the 1 MB limit, 415 for a charset or encoding the API does not read, 400 for JSON
 * nested deeper than 32 or not JSON at all), refused before authentication and validation see
 * it, and writes nothing; every answer carries helmet's headers and none says X-Powered-By.
 */

const JSON_TYPE = 'application/json';
const MB = 1024 * 1024;
const ENGLISH = /^[^\u4e00-\u9fff]*[A-Za-z][^\u4e00-\u9fff]*$/;

/** `{"name": [[…"x"…]]}`: an object holding arrays, `depth` levels in all. */
const nested = (depth: number) => `{"name":${'['.repeat(depth - 1)}"x"${']'.repeat(depth - 1)}}`;

interface Malformed {
  label: string;
  headers: Record<string, string>;
  body: Buffer | string;
  status: number;
  code: string;
  field: string;
  rule: string;
}

const MALFORMED: Malformed[] = [
  {
    label: 'a body over 1 MB',
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify({ name: 'x'.repeat(MB) }),
    status: 413,
    code: 'payload_too_large',
    field: 'body',
    rule: 'maxSize',
  },
  {
    label: 'a gzip body that inflates to over 1 MB',
    headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ name: 'x'.repeat(2 * MB) })),
    status: 413,
    code: 'payload_too_large',
    field: 'body',
    rule: 'maxSize',
  },
  {
    label: 'JSON nested 1,500 deep',
    headers: { 'Content-Type': JSON_TYPE },
    body: nested(1500),
    status: 400,
    code: 'json_too_deep',
    field: 'body',
    rule: 'maxDepth',
  },
  {
    label: 'JSON nested 33 deep',
    headers: { 'Content-Type': JSON_TYPE },
    body: nested(33),
    status: 400,
    code: 'json_too_deep',
    field: 'body',
    rule: 'maxDepth',
  },
  {
    label: 'charset=latin1',
    headers: { 'Content-Type': 'application/json; charset=latin1' },
    body: Buffer.from('{"name":"caf\xe9"}', 'latin1'),
    status: 415,
    code: 'unsupported_charset',
    field: 'Content-Type',
    rule: 'charset',
  },
  {
    label: 'charset=utf-16le',
    headers: { 'Content-Type': 'application/json; charset=utf-16le' },
    body: Buffer.from('{"name":"民一庭"}', 'utf16le'),
    status: 415,
    code: 'unsupported_charset',
    field: 'Content-Type',
    rule: 'charset',
  },
  {
    label: 'Content-Encoding: gzip on a body that is not gzip',
    headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' },
    body: '{"name":"民一庭"}',
    status: 400,
    code: 'invalid_encoding',
    field: 'Content-Encoding',
    rule: 'encoding',
  },
  {
    label: 'Content-Encoding: deflate on a gzip body',
    headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'deflate' },
    body: gzipSync('{"name":"民一庭"}'),
    status: 400,
    code: 'invalid_encoding',
    field: 'Content-Encoding',
    rule: 'encoding',
  },
  {
    label: 'Content-Encoding: compress',
    headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'compress' },
    body: '{"name":"民一庭"}',
    status: 415,
    code: 'unsupported_encoding',
    field: 'Content-Encoding',
    rule: 'encoding',
  },
  {
    label: 'malformed JSON',
    headers: { 'Content-Type': JSON_TYPE },
    body: '{"name": "未闭合',
    status: 400,
    code: 'invalid_json',
    field: 'body',
    rule: 'isJson',
  },
  {
    label: 'a JSON string rather than an object',
    headers: { 'Content-Type': JSON_TYPE },
    body: '"民一庭"',
    status: 400,
    code: 'invalid_json',
    field: 'body',
    rule: 'isJson',
  },
  {
    label: 'a text/plain body',
    headers: { 'Content-Type': 'text/plain' },
    body: 'name=民一庭',
    status: 415,
    code: 'unsupported_media_type',
    field: 'Content-Type',
    rule: 'isJson',
  },
  {
    label: 'a form body',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'name=%E6%B0%91',
    status: 415,
    code: 'unsupported_media_type',
    field: 'Content-Type',
    rule: 'isJson',
  },
  {
    label: 'a body without a Content-Type',
    headers: {},
    body: '{"name":"民一庭"}',
    status: 415,
    code: 'unsupported_media_type',
    field: 'Content-Type',
    rule: 'isJson',
  },
];

describe('HTTP hardening', () => {
  let t: TestApp;
  let base: string;
  let adminToken: string;
  let inspectorToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.getUrl();
    adminToken = await login(t.http, 'admin', 'admin-password');
    await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username: 'inspector', password: PASSWORD, displayName: '纪检组', role: 'inspector' })
      .expect(201);
    inspectorToken = await login(t.http, 'inspector', PASSWORD);
  });
  afterAll(() => t.close());

  const send = (path: string, headers: Record<string, string>, body?: Buffer | string) =>
    rawRequest(base, 'POST', path, headers, body);

  function expectRefusal(
    response: RawResponse,
    bad: Omit<Malformed, 'label' | 'headers' | 'body'>,
    language: RegExp,
  ) {
    expect({ status: response.status, body: response.body }).toEqual({
      status: bad.status,
      body: {
        statusCode: bad.status,
        code: bad.code,
        message: expect.stringMatching(language),
        field: bad.field,
        errors: [{ field: bad.field, rule: bad.rule, message: expect.stringMatching(language) }],
      },
    });
  }

  describe('a malformed request is refused before any route, in the usual error shape', () => {
    let before: RecordedEvent[];
    beforeEach(async () => {
      before = await t.dump();
    });
    afterEach(async () => {
      expect(await t.dump()).toEqual(before);
    });

    it.each(MALFORMED)('$label, unauthenticated → $status $code (not 401, not 500)', async (bad) => {
      expectRefusal(await send('/api/v1/departments', bad.headers, bad.body), bad, CHINESE);
    });

    it.each(MALFORMED)('$label, as the administrator → $status $code, nothing written', async (bad) => {
      const headers = { ...bad.headers, Authorization: `Bearer ${adminToken}` };
      expectRefusal(await send('/api/v1/departments', headers, bad.body), bad, CHINESE);
    });

    it.each(MALFORMED)('$label on the public login → $status, in English on request', async (bad) => {
      const headers = { ...bad.headers, 'Accept-Language': 'en' };
      expectRefusal(await send('/api/v1/auth/login', headers, bad.body), bad, ENGLISH);
    });

    it('states the limits in the message: 1 MB and 32 levels', async () => {
      const tooLarge = await send('/api/v1/auth/login', { 'Content-Type': JSON_TYPE }, MALFORMED[0].body);
      expect((tooLarge.body as { message: string }).message).toBe('请求体过大：上限为 1 MB');
      const tooDeep = await send(
        '/api/v1/auth/login',
        { 'Content-Type': JSON_TYPE, 'Accept-Language': 'en' },
        nested(40),
      );
      expect((tooDeep.body as { message: string }).message).toBe(
        'The body nests objects and arrays more than 32 deep',
      );
    });
  });

  describe('what is within the limits reaches the route (controls)', () => {
    const auth = () => ({ 'Content-Type': JSON_TYPE, Authorization: `Bearer ${adminToken}` });

    it('a body just under 1 MB is read, and validated as usual (name too long, not too large)', async () => {
      const response = await send(
        '/api/v1/departments',
        auth(),
        JSON.stringify({ name: 'x'.repeat(MB - 100) }),
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'name' });
    });

    it('JSON 32 deep is read, and validated as usual', async () => {
      const response = await send('/api/v1/departments', auth(), nested(32));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'name' });
    });

    it('a key or string holding brackets does not count as nesting', async () => {
      const brackets = '[{'.repeat(100);
      const response = await send(
        '/api/v1/departments',
        auth(),
        JSON.stringify({ name: brackets, [brackets]: 1 }),
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
    });

    it.each([
      ['explicit charset=utf-8', { 'Content-Type': 'application/json; charset=utf-8' }, (s: string) => s],
      ['gzip', { 'Content-Encoding': 'gzip' }, (s: string) => gzipSync(s)],
      ['deflate', { 'Content-Encoding': 'deflate' }, (s: string) => deflateSync(s)],
      ['br', { 'Content-Encoding': 'br' }, (s: string) => brotliCompressSync(s)],
      ['identity', { 'Content-Encoding': 'identity' }, (s: string) => s],
    ])('a department created with %s', async (label, headers, encode) => {
      const name = `部门-${label}`;
      const response = await send(
        '/api/v1/departments',
        { ...auth(), ...headers },
        encode(JSON.stringify({ name })),
      );
      expect(response.status).toBe(201);
      const { id } = response.body as { id: string };
      const departments = await t.http
        .get('/api/v1/departments')
        .set('Authorization', `Bearer ${adminToken}`);
      expect(departments.body).toContainEqual(expect.objectContaining({ id, name }));
    });

    it('a POST without a body reaches validation (no 415)', async () => {
      const response = await send('/api/v1/departments', {
        Authorization: `Bearer ${adminToken}`,
        'Content-Length': '0',
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'name' });
    });
  });

  describe('security headers on every answer, and no X-Powered-By', () => {
    const CSP =
      "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';" +
      "frame-ancestors 'self';frame-src 'self' blob:;media-src 'self' blob:;img-src 'self' data: blob:;object-src 'none';script-src 'self';" +
      "script-src-attr 'none';style-src 'self' 'unsafe-inline';worker-src 'self' blob:";

    it.each([
      ['a public route', () => t.http.get('/api/v1/health'), 200],
      ['a refused request', () => t.http.get('/api/v1/me'), 401],
      ['an unknown path', () => t.http.get('/api/v1/no-such-thing'), 404],
      [
        'a malformed body',
        () => t.http.post('/api/v1/auth/login').set('Content-Type', JSON_TYPE).send('{'),
        400,
      ],
    ])('%s', async (_label, call, status) => {
      const response = await call();
      expect(response.status).toBe(status);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers).toMatchObject({
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
    });

    it('the policy names no other origin and does not upgrade plain-HTTP intranet requests', async () => {
      const csp = (await t.http.get('/api/v1/health')).headers['content-security-policy'] as string;
      expect(csp).not.toMatch(/https?:|\*|upgrade-insecure-requests/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    });
  });

  describe('the Bearer scheme is case-insensitive', () => {
    it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('%s <token> → 200', async (scheme) => {
      const response = await t.http.get('/api/v1/me').set('Authorization', `${scheme} ${adminToken}`);
      expect(response.status).toBe(200);
      expect(response.body.username).toBe('admin');
    });

    it.each([
      ['another scheme', () => `Basic ${adminToken}`],
      ['the scheme alone', () => 'Bearer'],
      ['the token alone', () => adminToken],
      ['two tokens', () => `Bearer ${adminToken} ${adminToken}`],
    ])('%s → 401', async (_label, header) => {
      const response = await t.http.get('/api/v1/me').set('Authorization', header());
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('unauthenticated');
    });
  });

  describe('query parameters a route does not read are a 400 naming them, never ignored', () => {
    const get = (path: string) =>
      t.http
        .get(path)
        .set('Authorization', `Bearer ${/\/(alerts|audit)/.test(path) ? inspectorToken : adminToken}`);

    it.each([
      ['/api/v1/campaigns?status=open', 'status'],
      ['/api/v1/departments?name=民一庭', 'name'],
      ['/api/v1/users?role=leader', 'role'],
      ['/api/v1/health?verbose=1', 'verbose'],
      ['/api/v1/me?campaignId=x', 'campaignId'],
    ])('%s → 400 naming %s', async (path, field) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        field,
        errors: [{ field, rule: 'whitelistValidation', message: `不允许的字段：${field}` }],
      });
    });

    it.each([
      ['/api/v1/board?groupBy=colour', 'groupBy', 'isIn'],
      ['/api/v1/board?page=abc', 'page', 'isInt'],
      ['/api/v1/board?pageSize=1.5', 'pageSize', 'isInt'],
      ['/api/v1/board?asOf=2026-02-30', 'asOf', 'isCalendarDate'],
      ['/api/v1/board?colour=red', 'colour', 'whitelistValidation'],
      ['/api/v1/alerts?level=urgent', 'level', 'isIn'],
      ['/api/v1/audit/events?limit=abc', 'limit', 'isInt'],
    ])('%s → 400 naming %s (%s)', async (path, field, rule) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    });

    it('the same routes answer without the stray parameter (control)', async () => {
      for (const path of [
        '/api/v1/campaigns',
        '/api/v1/departments',
        '/api/v1/users',
        '/api/v1/health',
        '/api/v1/me',
      ])
        expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    });
  });
});

describe('/api/docs', () => {
  it.each([
    [false, 404],
    [true, 200],
  ])('with apiDocs %s: the page and the JSON document answer %s', async (apiDocs, status) => {
    const t = await startTestApp({ config: { apiDocs } });
    try {
      const page = await t.http.get('/api/docs');
      const json = await t.http.get('/api/docs-json');
      expect({ page: page.status, json: json.status }).toEqual({ page: status, json: status });
      if (apiDocs) expect(json.body.openapi).toMatch(/^3\./);
      else expect(page.body).toMatchObject({ statusCode: 404 });
    } finally {
      await t.close();
    }
  });
});
