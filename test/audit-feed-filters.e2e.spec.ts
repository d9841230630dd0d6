import { bearer, Court, setUpCourt } from './support/court';
import { CHINESE, Fixtures } from './support/fixtures';
import { raiseDeadlineAlert } from './support/raise-alert';
import { startTestApp, TestApp } from './support/test-app';

interface FeedEvent {
  position: string;
  streamName: string;
  type: string;
  eventId: string;
  data: Record<string, unknown>;
  metadata: { actor: { userId: string; role: string }; recordedAt: string };
  actor: { id: string; name: string | null; role: string } | null;
}

/**
 * 纪检监察 filter the whole feed on the server: by stream, event type, actor and time, paging
 * through matches with the position the server scanned through, and see names, not ids.
 */
describe('audit feed filters', () => {
  let t: TestApp;
  let court: Court;
  let measureA: string;
  let measureB: string;
  let all: FeedEvent[];

  beforeAll(async () => {
    // 2026-03-02 23:30 in Shanghai: the first measure and its progress are recorded late on the 2nd…
    t = await startTestApp({ now: '2026-03-02T15:30:00Z' });
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    measureA = (await fixtures.measure()).id;
    await report(measureA, '已起草台账', 20);
    // …and 01:00 on the 3rd (still the 2nd in UTC), the second measure and more progress.
    t.clock.set('2026-03-02T17:00:00Z');
    measureB = (await fixtures.measure()).id;
    await report(measureB, '已走访当事人', 10);
    await report(measureA, '已完成台账', 60);
    await raiseDeadlineAlert(t, measureA, 'due_soon');
    all = (await feed({ limit: '1000' }).expect(200)).body;
  });
  afterAll(() => t.close());

  async function report(measureId: string, note: string, percent: number) {
    await t.http
      .post(`/api/v1/measures/${measureId}/progress`)
      .set(bearer(court.users.civilHead.token))
      .send({ note, percent })
      .expect(200);
  }

  const feed = (query: Record<string, string | string[]>, token = court.users.inspector.token) =>
    t.http.get('/api/v1/audit/events').query(query).set(bearer(token));

  /** Follows X-Scanned-Through page by page until X-Has-More says the feed has ended. */
  async function everyPage(query: Record<string, string | string[]>) {
    const pages: FeedEvent[][] = [];
    let after: string | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await feed(after === undefined ? query : { ...query, after }).expect(200);
      pages.push(response.body);
      if (response.headers['x-has-more'] === 'false') return pages;
      after = response.headers['x-scanned-through'];
      expect(after).toMatch(/^\d+$/);
    }
    throw new Error('the feed never ended');
  }

  it('gives each event its actor by name and role, 系统 for the scheduler, and keeps password hashes out', async () => {
    const progress = all.filter((e) => e.type === 'ProgressReported');
    expect(progress).toHaveLength(3);
    for (const e of progress)
      expect(e.actor).toEqual({ id: court.users.civilHead.id, name: 'civil-head', role: 'department_head' });
    const warned = all.find((e) => e.type === 'DueSoonWarned');
    expect(warned?.actor).toEqual({ id: 'system', name: '系统', role: 'system' });
    const registered = all.filter((e) => e.type === 'UserRegistered');
    expect(registered.length).toBeGreaterThan(0);
    for (const e of registered) expect(e.data.passwordHash).toBe('[redacted]');
  });

  it('without filters answers the plain feed as before, and says it reached the end', async () => {
    // Read before: the feed's answer is taken before its own read is recorded in the access log.
    const stored = await t.dump();
    const response = await feed({}).expect(200);
    expect(response.body.map((e: FeedEvent) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    expect(response.headers['x-has-more']).toBe('false');
    expect(response.headers['x-scanned-through']).toBe(stored[stored.length - 1].position.toString());
  });

  it('filters by event type, repeated or comma-separated, over the whole feed', async () => {
    const progress = (await feed({ type: 'ProgressReported' }).expect(200)).body as FeedEvent[];
    expect(progress.map((e) => e.eventId)).toEqual(
      all.filter((e) => e.type === 'ProgressReported').map((e) => e.eventId),
    );
    const wanted = new Set(['MeasureAssigned', 'DueSoonWarned']);
    const expected = all.filter((e) => wanted.has(e.type)).map((e) => e.eventId);
    expect(expected).toHaveLength(3);
    const repeated = (await feed({ type: ['MeasureAssigned', 'DueSoonWarned'] }).expect(200)).body;
    const commas = (await feed({ type: 'MeasureAssigned,DueSoonWarned' }).expect(200)).body;
    expect(repeated.map((e: FeedEvent) => e.eventId)).toEqual(expected);
    expect(commas.map((e: FeedEvent) => e.eventId)).toEqual(expected);
  });

  it('filters by actor: the head sees only their sign-in and reports, the system only its alert', async () => {
    const head = (await feed({ actorId: court.users.civilHead.id }).expect(200)).body as FeedEvent[];
    expect(head.map((e) => e.type)).toEqual([
      'SignedIn',
      'ProgressReported',
      'ProgressReported',
      'ProgressReported',
    ]);
    const system = (await feed({ actorId: 'system', type: 'DueSoonWarned' }).expect(200)).body as FeedEvent[];
    expect(system).toHaveLength(1);
    expect(system[0].streamName).toBe(`measure-${measureA}`);
  });

  it('filters by the exact stream, or by a prefix ending in *', async () => {
    const a = (await feed({ streamName: `measure-${measureA}` }).expect(200)).body as FeedEvent[];
    expect(a.map((e) => e.type)).toEqual([
      'MeasureAssigned',
      'ProgressReported',
      'ProgressReported',
      'DueSoonWarned',
    ]);
    // A prefix of a measure id is not that measure: only `*` asks for a prefix.
    expect((await feed({ streamName: `measure-${measureA.slice(0, 4)}` }).expect(200)).body).toEqual([]);
    const measures = (await feed({ streamName: 'measure-*' }).expect(200)).body as FeedEvent[];
    expect(new Set(measures.map((e) => e.streamName))).toEqual(
      new Set([`measure-${measureA}`, `measure-${measureB}`]),
    );
  });

  it("reads a date range in the court's time zone, whole days inclusive, and date-times exactly", async () => {
    const on2nd = (
      await feed({
        actorId: court.users.civilHead.id,
        type: 'ProgressReported',
        from: '2026-03-02',
        to: '2026-03-02',
      }).expect(200)
    ).body as FeedEvent[];
    expect(on2nd.map((e) => e.data.note)).toEqual(['已起草台账']);
    const from3rd = (await feed({ actorId: court.users.civilHead.id, from: '2026-03-03' }).expect(200))
      .body as FeedEvent[];
    expect(from3rd.map((e) => e.data.note)).toEqual(['已走访当事人', '已完成台账']);
    const byInstant = (
      await feed({
        type: 'ProgressReported',
        from: '2026-03-03T00:30:00+08:00',
        to: '2026-03-02T17:00:00Z',
      }).expect(200)
    ).body as FeedEvent[];
    expect(byInstant.map((e) => e.data.note)).toEqual(['已走访当事人', '已完成台账']);
    expect((await feed({ to: '2026-03-01' }).expect(200)).body).toEqual([]);
  });

  it('pages through the matches only: every page full until the last, none lost or repeated', async () => {
    const expected = all.filter((e) => e.streamName.startsWith('measure-')).map((e) => e.eventId);
    const pages = await everyPage({ streamName: 'measure-*', limit: '2' });
    expect(pages.flat().map((e) => e.eventId)).toEqual(expected);
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(2);
    // The last page may come back empty only to say the feed ended: never while matches remain.
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / 2) + 1);
  });

  it('continues from where a filtered page stopped, past events that do not match', async () => {
    const first = await feed({ type: 'ProgressReported', limit: '1' }).expect(200);
    expect(first.body).toHaveLength(1);
    expect(first.headers['x-has-more']).toBe('true');
    const next = await feed({
      type: 'ProgressReported',
      limit: '5',
      after: first.headers['x-scanned-through'],
    }).expect(200);
    expect(next.body.map((e: FeedEvent) => e.data.note)).toEqual(['已走访当事人', '已完成台账']);
    expect(next.headers['x-has-more']).toBe('false');
  });

  describe('refuses bad filters with 400 naming the field and rule, writing nothing', () => {
    it.each([
      ['type', { type: 'NoSuchEvent' }, 'isEventType'],
      ['type', { type: 'ProgressReported,' }, 'isEventType'],
      ['streamName', { streamName: '' }, 'isStreamName'],
      ['streamName', { streamName: 'measure-*-x*' }, 'isStreamName'],
      ['streamName', { streamName: ['a', 'b'] }, 'single'],
      ['actorId', { actorId: 'x'.repeat(65) }, 'isId'],
      ['from', { from: '2026-02-30' }, 'isDateOrDateTime'],
      ['from', { from: '2026-03-02T10:00:00' }, 'isDateOrDateTime'],
      ['to', { to: 'yesterday' }, 'isDateOrDateTime'],
      ['to', { from: '2026-03-03', to: '2026-03-02' }, 'notBeforeFrom'],
      ['limit', { limit: 'ten' }, 'isInt'],
      ['limit', { limit: '0' }, 'range'],
      ['after', { after: '-1' }, 'isPosition'],
      ['after', { after: '' }, 'isPosition'],
      ['limit', { limit: '1e3' }, 'isInt'],
      ['limit', { limit: ['5', '6'] }, 'single'],
      ['type[a]', { 'type[a]': 'ProgressReported' }, 'whitelistValidation'],
      ['actor', { actor: 'u-1' }, 'whitelistValidation'],
    ] as [string, Record<string, string | string[]>, string][])('%s %j → %s', async (field, query, rule) => {
      const before = (await t.written()).length;
      const response = await feed(query).expect(400);
      expect(response.body.field).toBe(field);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
      expect(response.body.message).toMatch(CHINESE);
      expect((await t.written()).length).toBe(before);
    });

    it('answers in English with Accept-Language: en', async () => {
      const response = await feed({ from: 'soon' }).set('Accept-Language', 'en').expect(400);
      expect(response.body.errors).toContainEqual({
        field: 'from',
        rule: 'isDateOrDateTime',
        message: "must be a date YYYY-MM-DD (in the court's time zone) or an ISO date-time with an offset",
      });
    });
  });

  it('lists the event types and everyone who can act, by name, for the filter pickers', async () => {
    const response = await t.http
      .get('/api/v1/audit/filters')
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(response.body.types).toEqual(
      expect.arrayContaining(['ProgressReported', 'DueSoonWarned', 'UserRegistered']),
    );
    expect(response.body.labels).toMatchObject({ ProgressReported: '报告进展', UserRegistered: '创建账号' });
    for (const type of response.body.types) expect(response.body.labels[type]).toEqual(expect.any(String));
    expect(response.body.actors[0]).toEqual({
      id: 'system',
      name: '系统',
      role: 'system',
      departmentName: null,
    });
    expect(response.body.actors).toContainEqual({
      id: court.users.civilHead.id,
      name: 'civil-head',
      role: 'department_head',
      departmentName: '民一庭',
    });
    expect(JSON.stringify(response.body)).not.toContain('passwordHash');
    await t.http.get('/api/v1/audit/filters').set(bearer(court.users.civilHead.token)).expect(403);
  });

  it('documents the filters and the paging headers in the OpenAPI description', async () => {
    const { body } = await t.http.get('/api/docs-json').expect(200);
    const route = body.paths['/api/v1/audit/events'].get;
    expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['actorId', 'after', 'from', 'limit', 'streamName', 'to', 'type'].sort(),
    );
    expect(Object.keys(route.responses['200'].headers).sort()).toEqual(['X-Has-More', 'X-Scanned-Through']);
  });
});
