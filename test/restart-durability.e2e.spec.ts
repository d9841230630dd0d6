import { RecordedEvent, SqliteEventStore, verifyAll } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { bearer, PASSWORD } from './support/court';
import {
  ensureBuilt,
  JWT_SECRET,
  killAllServers,
  ServerProcess,
  startServer,
  waitForStdout,
} from './support/server-process';

/**
 * "Restarting any process loses no accepted command" (DESIGN.md §4): the built server as
 * `npm start` runs it, killed with SIGKILL (no shutdown hooks, no flush) and started again on the
 * same data directory.
 */

jest.setTimeout(60_000);

const ADMIN = { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'root-password-1' };
const AUDIT_PAGE = 1_000;

type Http = ServerProcess['http'];

async function loginOn(http: Http, username: string, password: string): Promise<string> {
  const res = await http.post('/api/v1/auth/login').send({ username, password });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

function ok(res: Response, status: number): Response {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

async function readWholeStore(file: string): Promise<RecordedEvent[]> {
  const store = SqliteEventStore.open(file);
  try {
    const events: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ after, maxCount: AUDIT_PAGE });
      events.push(...page);
      if (page.length < AUDIT_PAGE) return events;
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
}

describe('acknowledged writes survive SIGKILL and restart', () => {
  let dataDir: string;
  let server: ServerProcess;
  const settings = () => ({ DATA_DIR: dataDir, JWT_SECRET, DEMO: 'false', ...ADMIN, LOG_LEVEL: 'warn' });

  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  /** What the first process answered, to compare with what the second one serves. */
  const before: {
    campaign?: unknown;
    measures: Record<string, { body: unknown; etag: string }>;
    histories: Record<string, unknown>;
    departments?: unknown;
    users?: unknown;
  } = { measures: {}, histories: {} };
  /** Burst writes the first process acknowledged (200) before it was killed: note → revision. */
  const acknowledged = new Map<string, string>();
  // directory: first admin + 2 departments + 4 users + the secretary's standing appointment + the
  // leader's grant asked, confirmed and in force; campaign 1: launch + problem + 3 measures;
  // campaign 2: launch + problem + 1 measure; measures A 8, B 3, C 1, D 1 before the burst.
  // ...and the day's access log: five sign-ins and the inspector's three history reads (measures
  // A, B, C) before the burst; after the restart, two sign-ins and the history reads of each test.
  const STREAMS = 8;
  const EVENTS_BEFORE_BURST = 11 + 5 + 3 + 8 + 3 + 1 + 1 + 5 + 3;
  const SIGN_INS_AFTER_RESTART = 2;
  /** History reads after the restart: A, B, C and D in the first test, D again in the integrity one. */
  const READS_AFTER_RESTART = 4 + 1;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-restart-'));
  }, 150_000);
  afterAll(async () => {
    await killAllServers();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the first process acknowledges a court, a campaign and a measure lifecycle', async () => {
    server = await startServer(settings());
    const http = server.http;
    const root = await loginOn(http, 'root', ADMIN.ADMIN_PASSWORD);
    tokens.root = root;
    const dep = async (name: string) =>
      ok(await http.post('/api/v1/departments').set(bearer(root)).send({ name }), 201).body.id as string;
    ids.civil = await dep('民一庭');
    ids.enforcement = await dep('执行局');
    const user = async (username: string, role: string, extra: object = {}) => {
      ids[username] = ok(
        await http
          .post('/api/v1/users')
          .set(bearer(root))
          .send({ username, password: PASSWORD, displayName: username, role, ...extra }),
        201,
      ).body.id;
      if (role === 'leader' && tokens.secretary) {
        // A leader account takes effect once the secretary confirms its grant.
        const grants = ok(await http.get('/api/v1/grants').set(bearer(tokens.secretary)), 200).body;
        const grant = grants.find((g: { user: { id: string } }) => g.user.id === ids[username]);
        ok(await http.post(`/api/v1/grants/${grant.id}/confirm`).set(bearer(tokens.secretary)), 200);
      }
      tokens[username] = await loginOn(http, username, PASSWORD);
    };
    await user('secretary', 'leader', { secretary: true });
    await user('leader', 'leader');
    await user('civil-head', 'department_head', { departmentId: ids.civil });
    await user('inspector', 'inspector');
    const secretary = bearer(tokens.secretary);
    const leader = bearer(tokens.leader);
    const head = bearer(tokens['civil-head']);

    ids.campaign = ok(
      await http
        .post('/api/v1/campaigns')
        .set(secretary)
        .send({ title: '巡察反馈问题整改', source: 'inspection_feedback', issuedOn: '2026-11-01' }),
      201,
    ).body.id;
    ids.problem = ok(
      await http
        .post(`/api/v1/campaigns/${ids.campaign}/problems`)
        .set(secretary)
        .send({ title: '长期未结案件清理不力', departmentIds: [ids.civil] }),
      201,
    ).body.id;
    const measure = async (problemId: string, content: string) =>
      ok(
        await http.post(`/api/v1/problems/${problemId}/measures`).set(secretary).send({
          content,
          kind: 'deadline',
          responsibleLeaderId: ids.leader,
          departmentId: ids.civil,
          responsiblePerson: '刘洋',
          dueDate: '2027-06-30',
        }),
        201,
      ).body.id as string;
    ids.a = await measure(ids.problem, '逐案建立台账，挂牌督办');
    ids.b = await measure(ids.problem, '每周通报清理进度');
    ids.c = await measure(ids.problem, '建立长效机制');

    const a = `/api/v1/measures/${ids.a}`;
    ok(
      await http
        .post(`${a}/progress`)
        .set(head)
        .set('If-Match', '"0"')
        .send({ note: '台账已建立', percent: 30 }),
      200,
    );
    const requested = ok(
      await http
        .post(`${a}/extension-requests`)
        .set(head)
        .send({ newDueDate: '2027-09-30', reason: '等待鉴定结论' }),
      201,
    );
    ok(
      await http
        .post(`${a}/extension-requests/${requested.body.requestId}/approve`)
        .set(leader)
        .send({ opinion: '同意' }),
      200,
    );
    ok(await http.post(`${a}/progress`).set(head).send({ note: '清结过半', percent: 80 }), 200);
    ok(await http.post(`${a}/completion`).set(head).send({ summary: '已清结', evidence: '结案报告' }), 200);
    ok(await http.post(`${a}/sign-off`).set(leader).send({ opinion: '同意销号' }), 200);
    ok(await http.post(`${a}/outcomes`).set(head).send({ title: '《长期未结案件管理办法》' }), 201);
    const b = `/api/v1/measures/${ids.b}`;
    ok(await http.post(`${b}/progress`).set(head).send({ note: '已通报', percent: 10 }), 200);
    ok(await http.post(`${b}/cancel`).set(leader).send({ reason: '并入措施1.1' }), 200);

    // A second campaign holds the measure the burst below writes to, so the first stays comparable.
    ids.campaign2 = ok(
      await http
        .post('/api/v1/campaigns')
        .set(secretary)
        .send({ title: '专项整治', source: 'special_campaign', issuedOn: '2026-11-01' }),
      201,
    ).body.id;
    ids.problem2 = ok(
      await http
        .post(`/api/v1/campaigns/${ids.campaign2}/problems`)
        .set(secretary)
        .send({ title: '执行案款发放不及时', departmentIds: [ids.civil] }),
      201,
    ).body.id;
    ids.d = await measure(ids.problem2, '案款到账即通知');

    const inspector = bearer(tokens.inspector);
    before.campaign = ok(await http.get(`/api/v1/campaigns/${ids.campaign}`).set(inspector), 200).body;
    for (const key of ['a', 'b', 'c']) {
      const view = ok(await http.get(`/api/v1/measures/${ids[key]}`).set(inspector), 200);
      before.measures[key] = { body: view.body, etag: view.headers.etag };
      before.histories[key] = ok(
        await http.get(`/api/v1/measures/${ids[key]}/history`).set(inspector),
        200,
      ).body;
    }
    before.departments = ok(await http.get('/api/v1/departments').set(bearer(root)), 200).body;
    before.users = ok(await http.get('/api/v1/users').set(bearer(root)), 200).body;
    expect(before.measures.a.body).toMatchObject({
      status: 'signed_off',
      dueDate: '2027-09-30',
      extensionsGranted: 1,
    });
    expect(before.measures.a.etag).toBe('"7"');
    expect(before.measures.b.body).toMatchObject({ status: 'cancelled' });

    const integrity = ok(await http.get('/api/v1/audit/integrity').set(inspector), 200);
    expect(integrity.body).toMatchObject({
      ok: true,
      streams: STREAMS,
      events: EVENTS_BEFORE_BURST,
      failures: [],
    });
  });

  it('a burst of writes cut short by SIGKILL: the process dies at once', async () => {
    const head = bearer(tokens['civil-head']);
    let killing: Promise<unknown> | null = null;
    const requests = Array.from({ length: 40 }, (_, i) =>
      server.http
        .post(`/api/v1/measures/${ids.d}/progress`)
        .set(head)
        .send({ note: `burst-${i}`, percent: i + 1 })
        .then((res) => {
          if (res.status === 200) acknowledged.set(`burst-${i}`, res.headers.etag as string);
          if (acknowledged.size >= 10 && !killing) killing = server.kill('SIGKILL');
        }),
    );
    await Promise.allSettled(requests);
    const exit = await (killing ?? server.kill('SIGKILL'));
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acknowledged.size).toBeGreaterThanOrEqual(10);
  });

  it('the restarted process serves every acknowledged write unchanged, and old tokens still work', async () => {
    server = await startServer(settings());
    const http = server.http;
    // Tokens issued by the first process, signed with the same JWT_SECRET.
    const inspector = bearer(tokens.inspector);

    expect(ok(await http.get(`/api/v1/campaigns/${ids.campaign}`).set(inspector), 200).body).toEqual(
      before.campaign,
    );
    for (const key of ['a', 'b', 'c']) {
      const view = ok(await http.get(`/api/v1/measures/${ids[key]}`).set(inspector), 200);
      expect({ body: view.body, etag: view.headers.etag }).toEqual(before.measures[key]);
      expect(ok(await http.get(`/api/v1/measures/${ids[key]}/history`).set(inspector), 200).body).toEqual(
        before.histories[key],
      );
    }
    expect(ok(await http.get('/api/v1/departments').set(bearer(tokens.root)), 200).body).toEqual(
      before.departments,
    );
    expect(ok(await http.get('/api/v1/users').set(bearer(tokens.root)), 200).body).toEqual(before.users);

    // Every burst write the first process acknowledged is there, at the revision its ETag named.
    const history = ok(await http.get(`/api/v1/measures/${ids.d}/history`).set(inspector), 200).body as {
      revision: string;
      type: string;
      data: { note?: string };
    }[];
    expect(history.map((e) => e.revision)).toEqual(history.map((_, i) => String(i)));
    const revisionOf = new Map(history.map((e) => [e.data.note, `"${e.revision}"`]));
    for (const [note, etag] of acknowledged) expect([note, revisionOf.get(note)]).toEqual([note, etag]);
    const reported = history.filter((e) => e.type === 'ProgressReported');
    expect(reported.length).toBeGreaterThanOrEqual(acknowledged.size);
    expect(new Set(reported.map((e) => e.data.note)).size).toBe(reported.length);
    const d = ok(await http.get(`/api/v1/measures/${ids.d}`).set(inspector), 200);
    expect(d.headers.etag).toBe(`"${history.length - 1}"`);

    // Logging in still works, and old tokens of every role are accepted for writes too.
    await loginOn(http, 'root', ADMIN.ADMIN_PASSWORD);
    await loginOn(http, 'civil-head', PASSWORD);
    const next = await http
      .post(`/api/v1/measures/${ids.c}/progress`)
      .set(bearer(tokens['civil-head']))
      .set('If-Match', before.measures.c.etag)
      .send({ note: '重启后继续', percent: 5 });
    expect(next.status).toBe(200);
    expect(next.headers.etag).toBe('"1"');
    // The first admin is not created twice on the second start.
    const users = ok(await http.get('/api/v1/users').set(bearer(tokens.root)), 200).body as {
      username: string;
    }[];
    expect(users.filter((u) => u.username === 'root')).toHaveLength(1);
  });

  it('the integrity check, as an inspector, reports ok with the expected stream and event counts', async () => {
    const history = ok(
      await server.http.get(`/api/v1/measures/${ids.d}/history`).set(bearer(tokens.inspector)),
      200,
    ).body as unknown[];
    const burstRecorded = history.length - 1;
    const integrity = ok(await server.http.get('/api/v1/audit/integrity').set(bearer(tokens.inspector)), 200);
    expect(integrity.body).toMatchObject({
      ok: true,
      streams: STREAMS,
      events: EVENTS_BEFORE_BURST + burstRecorded + 1 + SIGN_INS_AFTER_RESTART + READS_AFTER_RESTART,
      failures: [],
    });
    // Not for other roles.
    expect((await server.http.get('/api/v1/audit/integrity').set(bearer(tokens.secretary))).status).toBe(403);
  });

  it('after the process stops, the SQLite file itself verifies: every chain intact', async () => {
    const history = ok(
      await server.http.get(`/api/v1/measures/${ids.d}/history`).set(bearer(tokens.inspector)),
      200,
    ).body as { eventId: string; hash: string }[];
    const exit = await server.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');

    const events = await readWholeStore(join(dataDir, 'events.sqlite'));
    const report = verifyAll(events);
    expect(report).toEqual({
      streams: STREAMS,
      // ...and this test's own history read.
      events: EVENTS_BEFORE_BURST + history.length - 1 + 1 + SIGN_INS_AFTER_RESTART + READS_AFTER_RESTART + 1,
      failures: [],
    });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    const positions = events.map((e) => e.position);
    expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
    const d = events.filter((e) => e.streamName === `measure-${ids.d}`);
    expect(d.map((e) => [e.eventId, e.hash])).toEqual(history.map((e) => [e.eventId, e.hash]));

    // The built server hashes passwords at the production cost (test apps in-process hash cheaply).
    const hashes = events
      .filter((e) => e.type === 'UserRegistered')
      .map((e) => (e.data as { passwordHash: string }).passwordHash);
    expect(hashes).toHaveLength(5);
    for (const hash of hashes) expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
  });
});

describe('DEMO=true on a fresh data directory', () => {
  let dataDir: string;
  const settings = () => ({ DATA_DIR: dataDir, JWT_SECRET, DEMO: 'true', LOG_LEVEL: 'warn' });
  let password: string;
  let eventsAfterSeeding: number;
  let campaignsAfterSeeding: unknown;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-demo-'));
  }, 150_000);
  afterAll(async () => {
    await killAllServers();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo court, prints the demo logins, and shuji can log in with the printed password', async () => {
    const server = await startServer(settings());
    const stdout = await waitForStdout(server, 'shuji');
    const printed = /password for all: ([^)\s]+)\)/.exec(stdout);
    expect(printed).not.toBeNull();
    password = (printed as RegExpExecArray)[1];
    expect(stdout).toMatch(/^\s+shuji\s+leader\b/m);
    expect(stdout).toMatch(/^\s+jijian\s+inspector\b/m);

    const shuji = await loginOn(server.http, 'shuji', password);
    const campaigns = ok(await server.http.get('/api/v1/campaigns').set(bearer(shuji)), 200).body as {
      id: string;
      counts: { problems: number; measures: number };
    }[];
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0].counts).toMatchObject({ problems: 9, measures: 9 });
    const campaign = ok(await server.http.get(`/api/v1/campaigns/${campaigns[0].id}`).set(bearer(shuji)), 200)
      .body as { problems: { measures: unknown[] }[] };
    expect(campaign.problems).toHaveLength(9);
    expect(campaign.problems.flatMap((p) => p.measures)).toHaveLength(9);
    campaignsAfterSeeding = campaigns;

    const jijian = await loginOn(server.http, 'jijian', password);
    const integrity = ok(await server.http.get('/api/v1/audit/integrity').set(bearer(jijian)), 200);
    expect(integrity.body).toMatchObject({ ok: true, failures: [] });
    eventsAfterSeeding = integrity.body.events;
    expect(eventsAfterSeeding).toBeGreaterThan(9 * 2);

    await server.kill('SIGKILL');
  });

  it('a second start on the same data directory does not seed again', async () => {
    const server = await startServer(settings());
    await waitForStdout(server, 'shuji');
    expect(server.stdout()).not.toMatch(/seeded/i);
    const shuji = await loginOn(server.http, 'shuji', password);
    const campaigns = ok(await server.http.get('/api/v1/campaigns').set(bearer(shuji)), 200).body;
    expect(campaigns).toEqual(campaignsAfterSeeding);
    const jijian = await loginOn(server.http, 'jijian', password);
    const integrity = ok(await server.http.get('/api/v1/audit/integrity').set(bearer(jijian)), 200);
    // Nothing new but this start's two sign-ins in the access log.
    expect(integrity.body).toMatchObject({ ok: true, events: eventsAfterSeeding + 2, failures: [] });
    await server.kill('SIGKILL');

    const report = verifyAll(await readWholeStore(join(dataDir, 'events.sqlite')));
    expect(report.failures).toEqual([]);
    expect(report.events).toBe(eventsAfterSeeding + 2);
  });
});
