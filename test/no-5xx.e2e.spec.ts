import { STREAM_PREFIX } from '@tracker/domain';
import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { sign } from 'jsonwebtoken';
import { Court, setUpCourt } from './support/court';
import { Fixtures, MeasureFixture } from './support/fixtures';
import { rawRequest, RawResponse } from './support/raw-http';
import { startTestApp, TestApp, testConfig } from './support/test-app';

/**
 * No input makes a 5xx (issue 12). Every route the running app has — read from its Express
 * router, so a route added later is covered without touching this file — gets generated
 * requests: bodies (wrong types, over-long and control/bidi/zero-width text, nesting far past
 * the limit, bodies over 1 MB, not JSON at all), headers (charsets, encodings that do or do not
 * match the body, broken If-Match and Idempotency-Key, forged tokens), query strings and path
 * parameters (real ids and garbage), unauthenticated and as each role. Every answer is below
 * 500, every refusal (4xx) is in the API's error shape and leaves the event store exactly as it
 * was. Deterministic: a fixed seed per route and actor (NO_5XX_SEED), printed by fast-check
 * with the counterexample when a property fails; NO_5XX_RUNS sets the runs per route.
 */

const SEED = Number(process.env.NO_5XX_SEED ?? 20_261_201);
const RUNS = Number(process.env.NO_5XX_RUNS ?? 25);
const MB = 1024 * 1024;

interface Route {
  method: string;
  path: string;
}

/** The app's routes as Express holds them: `/api/v1/measures/:id/sign-off`, and so on. */
function routesOf(t: TestApp): Route[] {
  const server = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: unknown; methods: Record<string, boolean> } }[] };
  };
  return server.router.stack.flatMap((layer) => {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') return [];
    const path = route.path;
    return Object.keys(route.methods)
      .filter((m) => m !== '_all')
      .map((m) => ({ method: m.toUpperCase(), path }));
  });
}

// ---- What is sent ----

/** Text meant to break things: controls, bidi overrides, zero-width, look-alikes, lone surrogates, injection. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[31m',
  '\r\n',
  '\u202e（68%）',
  '\u2066\u2069',
  '\u200b\u200c\u200d\ufeff',
  'shu\u200bji',
  'rооt',
  '\ud800',
  '\udfff\ud800',
  '𠀀𪚥',
  'ﷺ',
  '%',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '__proto__',
  'constructor',
  'prototype',
  '{"$gt":""}',
  'null',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999999999999999999',
  '2026-02-30',
  '9999-12-31',
  'true',
];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...NASTY, '字', 'a', '民一庭'), { maxLength: 12 })
      .map((a) => a.join('')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 51, max: 6_000 }).map((n) => '字'.repeat(n)) },
);

/** The field names the API's bodies use, so generated bodies hit real validators with wrong values. */
const FIELDS = [
  'name',
  'username',
  'password',
  'displayName',
  'role',
  'departmentId',
  'secretary',
  'title',
  'source',
  'issuedOn',
  'description',
  'category',
  'rootCause',
  'departmentIds',
  'content',
  'kind',
  'target',
  'dueDate',
  'responsibleLeaderId',
  'responsiblePerson',
  'milestones',
  'reportEveryDays',
  'note',
  'percent',
  'newDueDate',
  'reason',
  'opinion',
  'summary',
  'evidence',
  'outcome',
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, 0.5),
);

const { value: jsonish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), nastyString), tie('value'), { maxKeys: 4 }),
  ),
}));

/** An object shaped like a request body: known fields with any values, and sometimes a stranger. */
const bodyObject = fc.dictionary(
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: nastyString }),
  jsonish,
  { maxKeys: 8 },
);

const deeplyNested = fc
  .tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"name":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

const OVER_LIMIT = JSON.stringify({ name: 'x'.repeat(MB + 10) });

/** The text of the body, or undefined for none. */
const bodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: bodyObject.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: jsonish.map((v) => JSON.stringify(v) ?? 'undefined') },
  { weight: 2, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{', '{"a":1,}', '[1,2', '{"name":"\\ud800"}', 'nul', '\ufeff{}', '{}{}'),
  },
  { weight: 1, arbitrary: fc.constant(OVER_LIMIT) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);

// ---- Bodies from the OpenAPI document: valid in shape, so they reach the handlers and the domain ----

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The request body schema the document gives for a route, if any. */
function bodySchemaOf(doc: OpenApi, route: Route): Schema | undefined {
  const path = route.path.replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
}

/** Text as a user might type it, with the characters that have bitten before, within the field's length. */
const fieldText = (min: number, max: number) =>
  fc
    .oneof(
      fc.constantFrom('民一庭', '长期未结案件清理不力', '同意销号', '台账已建立', 'a'),
      fc
        .array(fc.constantFrom(...NASTY, '字', '整改', 'a'), { minLength: 1, maxLength: 8 })
        .map((a) => a.join('')),
    )
    .map((text) => (text.length < min ? text.padEnd(min, '字') : text.slice(0, max)));

/** A value the schema allows (ids from the court's real ones), mostly; the domain still judges it. */
function valueOf(doc: OpenApi, schema: Schema, name: string, ids: Ids, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = doc.components?.schemas?.[schema.$ref.split('/').pop() as string];
    return target && depth < 3 ? objectOf(doc, target, ids, depth + 1) : fc.constant({});
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const anyId = [
    ...ids.users,
    ...ids.departments,
    ids.campaign,
    ids.problem,
    ...ids.measures.map((m) => m.id),
  ];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date')
        return fc.constantFrom('2026-03-01', '2026-03-15', '2026-04-30', '2026-12-31');
      if (/Id$/.test(name)) return fc.constantFrom(...anyId, 'no-such-id');
      return fieldText(schema.minLength ?? 1, schema.maxLength ?? 100);
    case 'number':
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (schema.items?.type === 'string')
        return fc.subarray(/Ids$/.test(name) ? ids.departments : ['a', '字'], { minLength: 1 });
      return fc.array(valueOf(doc, schema.items ?? {}, name, ids, depth + 1), { maxLength: 3 });
    default:
      return jsonish;
  }
}

function objectOf(doc: OpenApi, schema: Schema, ids: Ids, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  return fc.record(
    Object.fromEntries(properties.map(([name, p]) => [name, valueOf(doc, p, name, ids, depth)])),
    {
      requiredKeys: (schema.required ?? []).filter((name) => schema.properties?.[name] !== undefined),
    },
  );
}

/** The schema's body, or it with one field given any value at all (wrong type, nested, huge). */
function schemaBody(doc: OpenApi, schema: Schema, ids: Ids): fc.Arbitrary<string> {
  const valid = valueOf(doc, schema, 'body', ids) as fc.Arbitrary<Record<string, unknown>>;
  const oneWrong = fc
    .tuple(valid, fc.oneof(fc.constantFrom(...FIELDS), nastyString), jsonish)
    .map(([body, field, value]) => ({ ...body, [field]: value }));
  return fc.oneof(valid, oneWrong).map((body) => JSON.stringify(body));
}

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16le',
  'application/json; charset=no-such-charset',
  'application/json; charset=',
  'application/json;;;',
  'application/merge-patch+json',
  'text/plain',
  'text/html; charset=utf-8',
  'multipart/form-data; boundary=----x',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '*/*',
  'garbage',
];
const ENCODINGS = [
  undefined,
  'identity',
  'gzip',
  'deflate',
  'br',
  'compress',
  'zstd',
  'gzip, deflate',
  'GZIP',
  'x-garbage',
];

/** For paths and query strings: long enough to hit length rules, short enough to stay under Node's 16 KB header limit mostly. */
const urlString = nastyString.map((text) => text.slice(0, 60));

/** Header values must be Latin-1 without controls to be sendable at all. */
const headerValue = nastyString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 400));

interface Generated {
  method: string;
  params: Record<string, string>;
  query: [string, string][];
  body: string | undefined;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** Whether the body is really compressed as Content-Encoding says (when it names gzip/deflate/br). */
  encodeAsSaid: boolean;
  /** Whether a latin1/utf-16 charset is really used to encode the body. */
  encodeInCharset: boolean;
  auth: number;
  acceptLanguage: string | undefined;
  ifMatch: string | undefined;
  idempotencyKey: string | undefined;
}

const QUERY_KEYS = [
  'limit',
  'after',
  'page',
  'pageSize',
  'groupBy',
  'asOf',
  'campaignId',
  'departmentId',
  'leaderId',
  'measureId',
  'level',
  'light',
  'kind',
  'from',
  'to',
  'type',
  'streamName',
  'actorId',
  'token',
  'a[b]',
  'constructor',
  '__proto__',
];
const QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '1',
  '1.5',
  '1e3',
  '0x10',
  '',
  '9'.repeat(40),
  'overdue',
  'colour',
  '2026-02-30',
];

const encodeQuery = (pairs: [string, string][]) =>
  pairs.length === 0 ? '' : '?' + pairs.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join('&');

/** encodeURIComponent, which refuses lone surrogates: those go as an invalid escape instead. */
function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

const RAW_SEGMENTS = ['%', '%FF', '%E0%A4%A', '%00', '..', '%2e%2e', '%2F', '%252F', ';', '~', '%C0%AF'];

/** Each `:param` of the route: a real id (so the request gets past lookups), or garbage. */
function paramArbitrary(path: string, param: string, ids: Ids): fc.Arbitrary<string> {
  const real = realIds(path, param, ids).map((id) => encodeURIComponent(id));
  const garbage = fc.oneof(
    urlString.map(safeEncode),
    fc.constantFrom(...RAW_SEGMENTS),
    fc.integer({ min: 65, max: 3_000 }).map((n) => 'a'.repeat(n)),
  );
  return real.length === 0
    ? garbage
    : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 2, arbitrary: garbage });
}

interface Ids {
  campaign: string;
  problem: string;
  measures: MeasureFixture[];
  users: string[];
  departments: string[];
}

function realIds(path: string, param: string, ids: Ids): string[] {
  const before = path.slice(0, path.indexOf(`:${param}`));
  if (param === 'requestId') return ids.measures.flatMap((m) => (m.requestId ? [m.requestId] : []));
  if (before.endsWith('/measures/')) return ids.measures.map((m) => m.id);
  if (before.endsWith('/campaigns/')) return [ids.campaign];
  if (before.endsWith('/problems/')) return [ids.problem];
  if (before.endsWith('/users/')) return ids.users;
  if (before.endsWith('/departments/')) return ids.departments;
  return [];
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

function generated(route: Route, ids: Ids, authChoices: number, doc: OpenApi): fc.Arbitrary<Generated> {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const schema = bodySchemaOf(doc, route);
  const body = schema
    ? fc.oneof({ weight: 1, arbitrary: bodyText }, { weight: 1, arbitrary: schemaBody(doc, schema, ids) })
    : bodyText;
  const dirty = fc.record({
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
    ),
    params: fc.record(
      Object.fromEntries(params.map((p) => [p, paramArbitrary(route.path, p, ids)])),
    ) as fc.Arbitrary<Record<string, string>>,
    query: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...QUERY_KEYS), nastyString),
        fc.oneof(fc.constantFrom(...QUERY_VALUES), nastyString),
      ),
      { maxLength: 4 },
    ),
    body,
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    ),
    contentEncoding: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: fc.constantFrom(...ENCODINGS) },
    ),
    encodeAsSaid: fc.boolean(),
    encodeInCharset: fc.boolean(),
    auth: fc.integer({ min: 0, max: authChoices - 1 }),
    acceptLanguage: fc.option(fc.oneof(fc.constantFrom('en', 'zh-CN', 'en-US,en;q=0.9', '*'), headerValue), {
      nil: undefined,
    }),
    ifMatch: fc.option(
      fc.oneof(fc.constantFrom('"0"', '"3"', '"-1"', '*', 'W/"1"', `"${'9'.repeat(30)}"`), headerValue),
      {
        nil: undefined,
      },
    ),
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerValue), { nil: undefined }),
  });
  // Half the requests are clean but for the body (and path), so that bodies get past the transport
  // checks to the validation pipe, the handlers and the domain's rules.
  return fc.tuple(fc.boolean(), dirty).map(([clean, g]) =>
    clean
      ? {
          ...g,
          method: route.method,
          contentType: 'application/json',
          contentEncoding: undefined,
          query: [],
          ifMatch: undefined,
        }
      : g,
  );
}

function encodeBody(g: Generated): Buffer | undefined {
  if (g.body === undefined) return undefined;
  let bytes = Buffer.from(g.body, 'utf8');
  const charset = /charset=([\w-]+)/i.exec(g.contentType ?? '')?.[1]?.toLowerCase();
  if (g.encodeInCharset && charset === 'latin1') bytes = Buffer.from(g.body, 'latin1');
  if (g.encodeInCharset && charset === 'utf-16le') bytes = Buffer.from(g.body, 'utf16le');
  if (g.encodeAsSaid && g.contentEncoding === 'gzip') return gzipSync(bytes);
  if (g.encodeAsSaid && g.contentEncoding === 'deflate') return deflateSync(bytes);
  if (g.encodeAsSaid && g.contentEncoding === 'br') return brotliCompressSync(bytes);
  return bytes;
}

// ---- What must hold ----

/**
 * The whole store, every byte the API could change: a digest of every recorded event in feed
 * order — but the access log (access-<day>), which records refused sign-ins on purpose (every
 * wrong password and lock is kept for inspectors, issue 12).
 */
async function storeDigest(t: TestApp): Promise<{ digest: string; last: bigint | undefined }> {
  const all = await t.dump();
  const events = all.filter((e) => !isAccessLog(e));
  const hash = createHash('sha256');
  for (const e of events) {
    hash.update(
      JSON.stringify([
        e.position.toString(),
        e.streamName,
        e.revision.toString(),
        e.eventId,
        e.type,
        e.schemaVersion,
        e.data,
        e.metadata,
        e.hash,
        e.previousHash,
      ]),
    );
    hash.update('\n');
  }
  return { digest: `${events.length}:${hash.digest('hex')}`, last: all.at(-1)?.position };
}

const isAccessLog = (e: { streamName: string }) => e.streamName.startsWith(STREAM_PREFIX.access);

const SECRET = testConfig('').jwtSecret;

describe('no input makes a 5xx, and no refused request writes anything', () => {
  let t: TestApp;
  let court: Court;
  let base: string;
  let routes: Route[];
  let ids: Ids;
  let doc: OpenApi;
  /** The store as it was after the last accepted (2xx) request. */
  let expected: { digest: string; last: bigint | undefined };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    base = await t.app.getUrl();
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    const campaign = await fixtures.campaign();
    ids = {
      campaign,
      problem: await fixtures.problem(campaign),
      measures: [
        await fixtures.measure('assigned'),
        await fixtures.measure('extension_pending'),
        await fixtures.measure('submitted'),
        await fixtures.measure('signed_off'),
      ],
      users: Object.values(court.users).map((u) => u.id),
      departments: Object.values(court.departments),
    };
    routes = routesOf(t);
    doc = (await rawRequest(base, 'GET', '/api/docs-json', {})).body as OpenApi;
    expected = await storeDigest(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('finds every route the OpenAPI document lists, and the documents themselves', async () => {
    const document = (await rawRequest(base, 'GET', '/api/docs-json', {})).body as {
      paths: Record<string, object>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const found = routes.map((r) => `${r.method} ${r.path}`);
    expect(documented.length).toBeGreaterThan(30);
    expect(found).toEqual(expect.arrayContaining(documented));
    expect(found).toEqual(expect.arrayContaining(['GET /api/docs', 'GET /api/docs-json']));
  });

  /**
   * One request: sent, then checked. A refusal must leave nothing after the last event the store
   * had (cheap, every request); the whole digest is compared at the end of each route's runs.
   */
  async function check(route: Route, g: Generated, authHeaders: (string | undefined)[]): Promise<void> {
    const path = route.path.replace(/:(\w+)/g, (_, p: string) => g.params[p]) + encodeQuery(g.query);
    const headers: Record<string, string> = {};
    if (g.contentType !== undefined) headers['Content-Type'] = g.contentType;
    if (g.contentEncoding !== undefined) headers['Content-Encoding'] = g.contentEncoding;
    const auth = authHeaders[g.auth];
    if (auth !== undefined) headers.Authorization = auth;
    if (g.acceptLanguage !== undefined) headers['Accept-Language'] = g.acceptLanguage;
    if (g.ifMatch !== undefined) headers['If-Match'] = g.ifMatch;
    if (g.idempotencyKey !== undefined) headers['Idempotency-Key'] = g.idempotencyKey;
    const response = await rawRequest(base, g.method, path, headers, encodeBody(g));
    const sent = `${g.method} ${path.slice(0, 300)}`;

    expect({ sent, status: response.status, below500: response.status < 500 }).toEqual({
      sent,
      status: response.status,
      below500: true,
    });
    if (response.status >= 200 && response.status < 300) {
      expected = await storeDigest(t);
      return;
    }
    expectErrorShape(sent, response, g.method);
    const after = await t.store.readAll({ after: expected.last });
    expect({
      sent,
      status: response.status,
      appended: after.filter((e) => !isAccessLog(e)).map((e) => e.type),
    }).toEqual({
      sent,
      status: response.status,
      appended: [],
    });
    // A refused sign-in is in the access log; the next request is compared from after it.
    if (after.length > 0) expected = { ...expected, last: after[after.length - 1].position };
  }

  /** A 4xx in the API's shape: status, a stable code, a message (Node's own 431 for huge headers aside). */
  function expectErrorShape(sent: string, response: RawResponse, method: string) {
    if (response.status === 431 || method === 'HEAD') return;
    expect({ sent, body: response.body }).toEqual({
      sent,
      body: expect.objectContaining({
        statusCode: response.status,
        code: expect.any(String),
        message: expect.any(String),
      }),
    });
  }

  async function everyRoute(actor: string, authHeaders: () => (string | undefined)[]) {
    const headers = authHeaders();
    // Signing out ends the session the valid tokens belong to: that route goes last.
    const signsOut = (r: Route) => r.path.endsWith('/auth/logout');
    const ordered = [...routes.filter((r) => !signsOut(r)), ...routes.filter(signsOut)];
    for (const [index, route] of ordered.entries()) {
      const seed = SEED + index * 101 + actor.length;
      await fc.assert(
        fc.asyncProperty(generated(route, ids, headers.length, doc), (g) => check(route, g, headers)),
        { seed, numRuns: RUNS, endOnFailure: true },
      );
      expect({ route: `${route.method} ${route.path}`, store: (await storeDigest(t)).digest }).toEqual({
        route: `${route.method} ${route.path}`,
        store: expected.digest,
      });
    }
  }

  /** Headers a stranger sends: none, garbage, another scheme, forged and unsigned tokens. */
  function strangerHeaders(): (string | undefined)[] {
    const admin = court.users.admin.id;
    const forged = sign({ sub: admin, role: 'admin' }, 'not-the-secret-not-the-secret-0123456');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: admin, role: 'admin' }),
    ).toString('base64url')}.`;
    const unknownUser = sign({ sub: 'no-such-user', role: 'admin' }, SECRET, { expiresIn: '1h' });
    const expired = sign({ sub: admin, role: 'admin', exp: 1 }, SECRET);
    return [
      undefined,
      'Bearer',
      'Bearer ',
      'Bearer garbage',
      `Basic ${Buffer.from('admin:admin-password').toString('base64')}`,
      `Bearer ${forged}`,
      `Bearer ${unsigned}`,
      `Bearer ${unknownUser}`,
      `Bearer ${expired}`,
      `Bearer ${'a'.repeat(5_000)}`,
      `bearer ${court.users.admin.token.slice(0, -2)}xx`,
    ];
  }

  it('unauthenticated, with forged and broken tokens', async () => {
    await everyRoute('stranger', strangerHeaders);
  }, 120_000);

  it.each(['admin', 'secretary', 'civilHead', 'inspector'] as const)(
    'with a valid token of %s',
    async (actor) => {
      await everyRoute(actor, () => {
        const token = court.users[actor].token;
        return [`Bearer ${token}`, `Bearer ${token}`, `bearer ${token}`, undefined];
      });
    },
    120_000,
  );
});
