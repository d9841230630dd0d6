import { bearer, Court, setUpCourt } from './support/court';
import { CHINESE, Fixtures, MeasureFixture } from './support/fixtures';
import { raiseLookBack } from './support/raise-look-back';
import { startTestApp, TestApp } from './support/test-app';

interface InboxEntry {
  measureId: string;
  reviewId: string;
  months: number;
  signedOffOn: string;
  dueOn: string;
}

/** 回头看 over HTTP (issue 16, item 4): reminder in the leader's inbox and on the board, review, refusals. */
describe('回头看: POST /measures/:id/look-back', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;
  let m: MeasureFixture;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
    m = await fixtures.measure('signed_off');
  }, 120_000);
  afterAll(() => t?.close());

  const lookBack = (token: string, body: object, headers: Record<string, string> = {}) =>
    t.http.post(`${m.url}/look-back`).set(bearer(token)).set(headers).send(body);
  const inboxOf = async (token: string) =>
    (await t.http.get('/api/v1/me/look-backs').set(bearer(token)).expect(200)).body as InboxEntry[];
  const view = async (token = court.users.leader.token) =>
    (await t.http.get(m.url).set(bearer(token)).expect(200)).body;
  const boardRow = async () => {
    const board = (await t.http.get('/api/v1/board').set(bearer(court.users.inspector.token)).expect(200))
      .body;
    return board.groups
      .flatMap((g: { measures: { id: string }[] }) => g.measures)
      .find((row: { id: string }) => row.id === m.id);
  };

  it('after sign-off the page names the next review, 3 months on, and offers it to the deciding leaders only', async () => {
    const measure = await view();
    expect(measure.lookBack).toEqual({
      due: false,
      dueOn: null,
      open: [],
      next: expect.any(Object),
      reviews: [],
    });
    expect(measure.lookBack.next).toEqual({ reviewId: 'v1-m3', dueOn: '2026-06-02', months: 3 });
    expect(measure.allowedActions).toContain('lookBack');
    expect((await view(court.users.secretary.token)).allowedActions).toContain('lookBack');
    for (const token of [
      court.users.civilHead.token,
      court.users.otherLeader.token,
      court.users.inspector.token,
    ])
      expect((await view(token)).allowedActions).not.toContain('lookBack');
    expect(await inboxOf(court.users.leader.token)).toEqual([]);
  });

  it('when the 3-month reminder is recorded it is in the leader’s inbox (and the secretary’s) and flagged on the board', async () => {
    t.clock.set('2026-06-02T02:00:00Z');
    expect(await raiseLookBack(t, m.id, 3)).toBe('v1-m3');
    const entry = {
      measureId: m.id,
      reviewId: 'v1-m3',
      months: 3,
      signedOffOn: '2026-03-02',
      dueOn: '2026-06-02',
    };
    expect(await inboxOf(court.users.leader.token)).toEqual([expect.objectContaining(entry)]);
    expect(await inboxOf(court.users.secretary.token)).toEqual(
      expect.arrayContaining([expect.objectContaining(entry)]),
    );
    for (const token of [
      court.users.otherLeader.token,
      court.users.civilHead.token,
      court.users.inspector.token,
    ])
      expect(await inboxOf(token)).toEqual([]);
    expect(await boardRow()).toMatchObject({ lookBackDue: true, lookBackDueOn: '2026-06-02' });
    expect((await view()).lookBack).toMatchObject({
      due: true,
      dueOn: '2026-06-02',
      next: { reviewId: 'v1-m6' },
    });
  });

  it('a department head, an inspector or another leader is refused with 403, and nothing is written', async () => {
    const before = (await t.dump()).length;
    for (const token of [
      court.users.civilHead.token,
      court.users.inspector.token,
      court.users.otherLeader.token,
    ]) {
      const response = await lookBack(token, { finding: '未发现反弹' }).expect(403);
      expect(response.body.message).toMatch(CHINESE);
    }
    expect((await t.dump()).length).toBe(before);
  });

  it('a blank or missing finding is refused with 400 naming `finding`, and nothing is written', async () => {
    const before = (await t.dump()).length;
    for (const body of [{}, { finding: '   ' }, { finding: 42 }, { finding: 'x'.repeat(2001) }]) {
      const response = await lookBack(court.users.leader.token, body).expect(400);
      expect(response.body.field).toBe('finding');
      expect(response.body.message).toMatch(CHINESE);
    }
    expect((await t.dump()).length).toBe(before);
  });

  it('a stale If-Match is refused with 412', async () => {
    await lookBack(court.users.leader.token, { finding: '未发现反弹' }, { 'If-Match': '"0"' }).expect(412);
  });

  it('the leader confirms once per Idempotency-Key: the reminder leaves the inbox and the board', async () => {
    const headers = { 'Idempotency-Key': 'look-back-1' };
    const first = await lookBack(
      court.users.leader.token,
      { finding: '制度执行到位，未发现反弹' },
      headers,
    ).expect(201);
    expect(first.body.measure.lookBack).toMatchObject({
      due: false,
      open: [],
      reviews: [
        {
          reviewId: 'v1-m3',
          answers: ['v1-m3'],
          finding: '制度执行到位，未发现反弹',
          reviewedBy: court.users.leader.id,
          reviewedByName: 'leader',
          reviewedOn: '2026-06-02',
        },
      ],
      next: { reviewId: 'v1-m6', dueOn: '2026-09-02' },
    });
    expect(first.body.measure.status).toBe('signed_off');
    const before = (await t.dump()).length;
    const retry = await lookBack(
      court.users.leader.token,
      { finding: '制度执行到位，未发现反弹' },
      headers,
    ).expect(201);
    expect(retry.body.measure.lookBack.reviews).toHaveLength(1);
    expect((await t.dump()).length).toBe(before);

    expect(await inboxOf(court.users.leader.token)).toEqual([]);
    expect(await boardRow()).toMatchObject({ lookBackDue: false, lookBackDueOn: null });
    const history = (
      await t.http.get(`${m.url}/history`).set(bearer(court.users.inspector.token)).expect(200)
    ).body as { type: string }[];
    expect(history.filter((e) => e.type === 'LookBackDue')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'LookBackConfirmed')).toHaveLength(1);
  });

  it('the reminder of the next interval is due again; reopening instead ends the plan', async () => {
    t.clock.set('2026-09-02T02:00:00Z');
    await raiseLookBack(t, m.id, 6);
    expect((await inboxOf(court.users.leader.token)).map((e) => e.reviewId)).toEqual(['v1-m6']);
    await t.http
      .post(`${m.url}/reopen`)
      .set(bearer(court.users.leader.token))
      .send({ reason: '回头看发现反弹回潮', newDueDate: '2026-10-31' })
      .expect(200);
    expect(await inboxOf(court.users.leader.token)).toEqual([]);
    const measure = await view();
    expect(measure.lookBack).toMatchObject({ due: false, next: null });
    expect(measure.allowedActions).not.toContain('lookBack');
  });

  it('a measure not signed off has no look-back: 422, nothing written', async () => {
    const before = (await t.dump()).length;
    const response = await lookBack(court.users.leader.token, { finding: '未发现反弹' }).expect(422);
    expect(response.body.code).toBe('measure.not_signed_off');
    expect(response.body.message).toMatch(CHINESE);
    expect((await t.dump()).length).toBe(before);
  });
});
