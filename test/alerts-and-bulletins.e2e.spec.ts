import { defaultLadder } from '@tracker/domain';
import ExcelJS from 'exceljs';
import { EventSourcedWriter } from '@tracker/command-path';
import { CourtCalendar } from '@tracker/command-path';
import { MeasuresProjection } from '@tracker/read-models';
import { BulletinService } from '@tracker/scheduling';
import { loadWorkerConfig } from '@tracker/scheduling';
import { bearer, Court, setUpCourt } from './support/court';
import { Fixtures } from './support/fixtures';
import { raiseDeadlineAlert } from './support/raise-alert';
import { startTestApp, TEST_REDIS_URL, TestApp } from './support/test-app';

describe('alerts over HTTP', () => {
  let t: TestApp;
  let court: Court;
  let measureId: string;
  let overdueId: string;
  let escalatedId: string;

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
    measureId = (await new Fixtures(t, court).measure('assigned')).id;
    await raiseDeadlineAlert(t, measureId, 'due_soon');
    overdueId = await raiseDeadlineAlert(t, measureId, 'overdue');
    escalatedId = await raiseDeadlineAlert(t, measureId, 'escalated');
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the open alerts; a due-soon warning answered by the overdue alert is closed', async () => {
    const { body } = await t.http.get('/api/v1/alerts').set(bearer(court.users.leader.token)).expect(200);
    expect(body.map((a: { level: string }) => a.level).sort()).toEqual(['escalated', 'overdue']);
    expect(body[0]).toMatchObject({ measureId, dueDate: '2026-04-30', departmentName: '民一庭' });
    expect(typeof body[0].raisedAt).toBe('string');
  });

  it('filters by level, department, leader, campaign and measure', async () => {
    const get = async (query: string) =>
      (await t.http.get(`/api/v1/alerts?${query}`).set(bearer(court.users.inspector.token)).expect(200)).body;
    expect((await get('level=escalated')).map((a: { alertId: string }) => a.alertId)).toEqual([escalatedId]);
    expect(await get(`departmentId=${court.departments.enforcement}`)).toEqual([]);
    expect(await get(`leaderId=${court.users.otherLeader.id}`)).toEqual([]);
    expect(await get(`measureId=${measureId}&level=overdue`)).toHaveLength(1);
    expect(await get('campaignId=none')).toEqual([]);
  });

  it('an unknown level or filter is refused naming the field and the rule', async () => {
    const cases: [string, string, string][] = [
      ['level=late', 'level', 'isIn'],
      ['colour=red', 'colour', 'whitelistValidation'],
    ];
    for (const [query, field, rule] of cases) {
      const { body } = await t.http
        .get(`/api/v1/alerts?${query}`)
        .set(bearer(court.users.leader.token))
        .expect(400);
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
  });

  it('administrators see no business data', async () => {
    await t.http.get('/api/v1/alerts').set(bearer(court.users.admin.token)).expect(403);
  });

  it('each inbox holds what concerns its owner: inspectors get escalations only', async () => {
    const inbox = async (token: string) =>
      ((await t.http.get('/api/v1/me/alerts').set(bearer(token)).expect(200)).body as { level: string }[])
        .map((a) => a.level)
        .sort();
    expect(await inbox(court.users.civilHead.token)).toEqual(['escalated', 'overdue']);
    expect(await inbox(court.users.leader.token)).toEqual(['escalated', 'overdue']);
    expect(await inbox(court.users.inspector.token)).toEqual(['escalated']);
    expect(await inbox(court.users.enforcementHead.token)).toEqual([]);
    expect(await inbox(court.users.otherLeader.token)).toEqual([]);
  });

  it('a recipient acknowledges once; others are refused and nothing is written', async () => {
    const url = `/api/v1/measures/${measureId}/alerts/${overdueId}/acknowledge`;
    const before = (await t.dump()).length;
    await t.http.post(url).set(bearer(court.users.enforcementHead.token)).expect(403);
    await t.http.post(url).set(bearer(court.users.inspector.token)).expect(403);
    // A stale If-Match (the measure has moved on since revision 0) is refused.
    const stale = await t.http
      .post(url)
      .set(bearer(court.users.civilHead.token))
      .set('If-Match', '"0"')
      .expect(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await t.dump()).length).toBe(before);

    await t.http.post(url).set(bearer(court.users.civilHead.token)).expect(200);
    await t.http.post(url).set(bearer(court.users.civilHead.token)).expect(200);
    expect((await t.dump()).length).toBe(before + 1);
    const { body } = await t.http
      .get('/api/v1/me/alerts')
      .set(bearer(court.users.civilHead.token))
      .expect(200);
    expect(body.find((a: { alertId: string }) => a.alertId === overdueId).acknowledged).toBe(true);
    await t.http
      .post(`/api/v1/measures/${measureId}/alerts/v9-deadline-overdue/acknowledge`)
      .set(bearer(court.users.civilHead.token))
      .expect(404);
  });
});

describe('alerts close with the measure', () => {
  let t: TestApp;
  let court: Court;

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('a signed-off measure has no open alert left', async () => {
    const measure = await new Fixtures(t, court).measure('submitted');
    await raiseDeadlineAlert(t, measure.id, 'overdue');
    const open = async () =>
      (
        await t.http
          .get(`/api/v1/alerts?measureId=${measure.id}`)
          .set(bearer(court.users.leader.token))
          .expect(200)
      ).body;
    expect(await open()).toHaveLength(1);
    await t.http
      .post(`${measure.url}/sign-off`)
      .set(bearer(court.users.leader.token))
      .send({ opinion: '同意销号' })
      .expect(200);
    expect(await open()).toEqual([]);
  });
});

describe('督办通报 over HTTP', () => {
  let t: TestApp;
  let court: Court;

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    await fixtures.measure('assigned');
    await fixtures.measure('signed_off');
    const service = new BulletinService(
      t.app.get(EventSourcedWriter),
      t.app.get(MeasuresProjection),
      t.app.get(CourtCalendar),
      loadWorkerConfig(
        {},
        { supervisionLadder: defaultLadder(3, 7), redisUrl: TEST_REDIS_URL, redisPrefix: 'tracker' },
      ),
    );
    await service.issue();
    await service.issue(); // the same period twice: stored once
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the stored bulletins with ranked department figures', async () => {
    const { body } = await t.http.get('/api/v1/bulletins').set(bearer(court.users.leader.token)).expect(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ id: '2026-001', number: 1, label: '2026年第1期', asOf: '2026-03-02' });
    expect(body[0].lines).toEqual([
      expect.objectContaining({
        rank: 1,
        departmentName: '民一庭',
        total: 2,
        open: 1,
        signedOff: 1,
        completionRate: 50,
      }),
    ]);
  });

  it('exports a bulletin as an xlsx workbook', async () => {
    const response = await t.http
      .get('/api/v1/bulletins/2026-001.xlsx')
      .set(bearer(court.users.inspector.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(response.body as Buffer).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('督办通报')!;
    const header = [...Array(sheet.rowCount).keys()]
      .map((i) => i + 1)
      .find((n) => sheet.getRow(n).getCell(2).value === '责任部门')!;
    expect(sheet.getRow(header + 1).getCell(2).value).toBe('民一庭');
    expect(sheet.getRow(header + 1).getCell(9).value).toBe(50);
  });

  it('an unknown bulletin is not found; administrators are refused', async () => {
    await t.http.get('/api/v1/bulletins/2020-01-01').set(bearer(court.users.leader.token)).expect(404);
    await t.http.get('/api/v1/bulletins').set(bearer(court.users.admin.token)).expect(403);
  });
});
