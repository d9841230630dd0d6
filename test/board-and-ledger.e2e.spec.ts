import { addDays } from '@tracker/domain';
import ExcelJS from 'exceljs';
import { bearer } from './support/court';
import { login, startTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Demo@2026';
const TODAY = '2026-03-02'; // the test clock's day in Asia/Shanghai

interface BoardMeasure {
  id: string;
  problemId: string;
  problemTitle: string;
  content: string;
  light: string;
  status: string;
  returned: boolean;
  reopened: boolean;
  responsibleLeaderId: string;
  departmentId: string;
  departmentName: string;
  signedOffOn: string | null;
}

describe('wall chart, sign-off ledger and report figures on the demo court', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let campaignId: string;

  const board = async (query = '', as = 'shuji') =>
    (await t.http.get(`/api/v1/board${query}`).set(bearer(token[as])).expect(200)).body;
  const measures = (body: { groups: { measures: BoardMeasure[] }[] }) =>
    body.groups.flatMap((g) => g.measures);
  const byContent = (list: BoardMeasure[], start: string) => {
    const found = list.find((m) => m.content.startsWith(start));
    if (!found) throw new Error(`no measure starting ${start}`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-03-02T02:00:00Z' });
    for (const u of ['shuji', 'limin', 'minyi', 'jijian', 'admin'])
      token[u] = await login(t.http, u, PASSWORD);
    campaignId = (await t.http.get('/api/v1/campaigns').set(bearer(token.shuji)).expect(200)).body[0].id;
  });
  afterAll(() => t.close());

  describe('GET /board', () => {
    it('shows counts, rates and lights that match the seeded states', async () => {
      const body = await board(`?campaignId=${campaignId}`);
      expect(body.today).toBe(TODAY);
      expect(body.totals).toEqual({
        measures: 9,
        signedOff: 3,
        inProgress: 6,
        dueSoon: 1,
        overdue: 1,
        extensionsGranted: 1,
        completionRate: 0.3333,
        onTimeRate: 0.6667,
      });
      const list = measures(body);
      const lights = Object.fromEntries(list.map((m) => [m.content.slice(0, 6), m.light]));
      expect(lights).toEqual({
        修订党组理论: 'green',
        梳理重大事项: 'green',
        建立意识形态: 'blue',
        优化立案窗口: 'red',
        开展执行案款: 'yellow',
        对一年以上未: 'blue',
        开展培训需求: 'blue',
        开展庭审规范: 'blue',
        全面排查审判: 'green',
      });
      expect(byContent(list, '开展庭审规范')).toMatchObject({ reopened: true, status: 'in_progress' });
      expect(byContent(list, '开展培训需求')).toMatchObject({ status: 'submitted' });
    });

    it('groups by problem by default, with totals per group', async () => {
      const body = await board(`?campaignId=${campaignId}`);
      expect(body.groupBy).toBe('problem');
      expect(body.groups).toHaveLength(9);
      for (const group of body.groups) {
        expect(group.totals.measures).toBe(group.measures.length);
        expect(group.label).toMatch(/^\d+\. /);
      }
    });

    it('groups by department and by responsible leader, totals adding up to the whole', async () => {
      for (const groupBy of ['department', 'leader']) {
        const body = await board(`?campaignId=${campaignId}&groupBy=${groupBy}`);
        const sum = (key: string) =>
          body.groups.reduce((n: number, g: { totals: Record<string, number> }) => n + g.totals[key], 0);
        expect(sum('measures')).toBe(9);
        expect(sum('signedOff')).toBe(3);
        expect(sum('overdue')).toBe(1);
      }
      const byDepartment = await board(`?campaignId=${campaignId}&groupBy=department`);
      const enforcement = byDepartment.groups.find((g: { label: string }) => g.label === '执行局');
      expect(enforcement.totals).toMatchObject({ measures: 1, dueSoon: 1 });
    });

    it('with asOf before some sign-offs, shows those measures as they stood then', async () => {
      const asOf = addDays(TODAY, -10);
      const body = await board(`?campaignId=${campaignId}&asOf=${asOf}`);
      expect(body.asOf).toBe(asOf);
      const list = measures(body);
      // Signed off 9 days ago: on the asOf day it was submitted and long overdue.
      expect(byContent(list, '梳理重大事项')).toMatchObject({
        status: 'submitted',
        light: 'red',
        signedOffOn: null,
      });
      // Reopened 4 days ago: on the asOf day it was still signed off.
      expect(byContent(list, '开展庭审规范')).toMatchObject({
        status: 'signed_off',
        light: 'green',
        reopened: false,
      });
      expect(body.totals).toMatchObject({
        measures: 9,
        signedOff: 3,
        overdue: 1,
        dueSoon: 0,
        extensionsGranted: 0,
      });
    });

    it('court-wide with asOf, shows every campaign as it stood then (the demo court has one)', async () => {
      const asOf = addDays(TODAY, -10);
      const courtWide = await board(`?asOf=${asOf}`);
      const campaign = await board(`?campaignId=${campaignId}&asOf=${asOf}`);
      expect(courtWide.asOf).toBe(asOf);
      expect(courtWide.campaigns.map((c: { id: string }) => c.id)).toEqual([campaignId]);
      expect(courtWide.totals).toEqual(campaign.totals);
      expect(measures(courtWide)).toEqual(measures(campaign));
      expect(byContent(measures(courtWide), '梳理重大事项')).toMatchObject({
        status: 'submitted',
        light: 'red',
      });

      const before = await board(`?asOf=${addDays(TODAY, -80)}`);
      expect(before.campaigns).toEqual([]);
      expect(before.page.measures).toBe(0);
    });

    it('with asOf before the campaign, shows nothing on it', async () => {
      const body = await board(`?campaignId=${campaignId}&asOf=${addDays(TODAY, -80)}`);
      expect(body.totals.measures).toBe(0);
    });

    it('is shared with every role, department heads included, each seeing every department', async () => {
      for (const u of ['minyi', 'jijian', 'limin']) {
        const body = await board(`?campaignId=${campaignId}`, u);
        expect(body.totals.measures).toBe(9);
      }
    });

    it('reflects a write on the same client’s next read', async () => {
      const before = byContent(measures(await board(`?campaignId=${campaignId}`)), '开展培训需求');
      await t.http
        .post(`/api/v1/measures/${before.id}/sign-off`)
        .set(bearer(token.shuji))
        .send({ opinion: '同意销号' })
        .expect(200);
      const after = await board(`?campaignId=${campaignId}`);
      expect(byContent(measures(after), '开展培训需求')).toMatchObject({
        light: 'green',
        signedOffOn: TODAY,
      });
      expect(after.totals).toMatchObject({ signedOff: 4, onTimeRate: 0.75 });
    });

    it('refuses bad input naming the field and the rule', async () => {
      const cases: [string, string, string][] = [
        ['?groupBy=floor', 'groupBy', 'isIn'],
        ['?pageSize=0', 'pageSize', 'min'],
        ['?pageSize=1001', 'pageSize', 'max'],
        ['?page=abc', 'page', 'isInt'],
        ['?asOf=2026-02-30', 'asOf', 'isCalendarDate'],
        [`?asOf=${addDays(TODAY, 1)}`, 'asOf', 'notInFuture'],
      ];
      for (const [query, field, rule] of cases) {
        const res = await t.http.get(`/api/v1/board${query}`).set(bearer(token.shuji)).expect(400);
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      }
    });

    it('reads the court-wide board in pages, with totals over every measure', async () => {
      const whole = await board(`?campaignId=${campaignId}`);
      expect(whole.page).toMatchObject({ number: 1, measures: 9, pages: 1 });
      const pages = [1, 2, 3].map((n) => board(`?pageSize=4&page=${n}`));
      const [first, second, third] = await Promise.all(pages);
      expect(first.page).toEqual({ number: 1, size: 4, measures: 9, pages: 3 });
      for (const page of [first, second, third]) expect(page.totals).toEqual(whole.totals);
      expect([first, second, third].map((p) => measures(p).length)).toEqual([4, 4, 1]);
      // Page by page, the same rows in the same order as the whole board.
      const ids = (body: Parameters<typeof measures>[0]) => measures(body).map((m) => m.id);
      expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(ids(whole));
      // A group split over two pages keeps its totals on both.
      const splitKey = first.groups[first.groups.length - 1].key;
      const again = second.groups.find((g: { key: string }) => g.key === splitKey);
      if (again) expect(again.totals).toEqual(first.groups[first.groups.length - 1].totals);
      expect(measures(await board(`?pageSize=4&page=4`))).toEqual([]);
    });

    it('answers 404 for an unknown campaign and 401 without a login', async () => {
      await t.http.get('/api/v1/board?campaignId=nope').set(bearer(token.shuji)).expect(404);
      await t.http.get('/api/v1/board').expect(401);
    });
  });

  describe('GET /campaigns/:id/summary', () => {
    it('gives the figures and the sentence reports quote', async () => {
      const body = (
        await t.http.get(`/api/v1/campaigns/${campaignId}/summary`).set(bearer(token.minyi)).expect(200)
      ).body;
      expect(body).toMatchObject({
        problems: 9,
        measures: 9,
        signedOff: 4,
        inProgress: 5,
        overdue: 1,
        extensionsGranted: 1,
        reopened: 1,
        outcomes: 2,
      });
      expect(body.sentence).toBe(
        '共梳理问题9个，制定整改措施9条，已整改到位4条，整改完成率44.4%，形成制度成果2项。',
      );
    });

    it('gives the figures as they stood on an earlier day', async () => {
      const body = (
        await t.http
          .get(`/api/v1/campaigns/${campaignId}/summary?asOf=${addDays(TODAY, -20)}`)
          .set(bearer(token.jijian))
          .expect(200)
      ).body;
      // By then only the measures signed off 38 and 22 days ago were done, each with its outcome or not.
      expect(body).toMatchObject({ measures: 9, signedOff: 2, reopened: 0, outcomes: 1 });
      expect(body.sentence).toContain('已整改到位2条，整改完成率22.2%');
    });

    it('answers 404 for an unknown campaign', async () => {
      await t.http.get('/api/v1/campaigns/nope/summary').set(bearer(token.shuji)).expect(404);
    });

    it('refuses a malformed asOf naming the field and the rule', async () => {
      const res = await t.http
        .get(`/api/v1/campaigns/${campaignId}/summary?asOf=2026-13-01`)
        .set(bearer(token.shuji))
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'asOf', rule: 'isCalendarDate' })]),
      );
    });
  });

  describe('GET /ledger and /ledger.xlsx', () => {
    beforeAll(async () => {
      // A second measure under the first problem, so the ledger has cells to merge.
      const first = measures(await board(`?campaignId=${campaignId}`))[0];
      await t.http
        .post(`/api/v1/problems/${first.problemId}/measures`)
        .set(bearer(token.shuji))
        .send({
          content: '建立学习成效评估机制',
          target: '每半年评估一次',
          kind: 'deadline',
          responsibleLeaderId: first.responsibleLeaderId,
          departmentId: first.departmentId,
          responsiblePerson: '黄诚',
          dueDate: addDays(TODAY, 30),
        })
        .expect(201);
    });

    it('answers 404 for an unknown campaign, as the board does', async () => {
      for (const path of ['/api/v1/ledger', '/api/v1/ledger.xlsx']) {
        const res = await t.http.get(`${path}?campaignId=nope`).set(bearer(token.shuji)).expect(404);
        expect(res.body.code).toBe('campaign.not_found');
      }
    });

    it('refuses bad filters naming the field and the rule', async () => {
      const cases: [string, string, string][] = [
        ['?signedOffFrom=2026-02-30', 'signedOffFrom', 'isCalendarDate'],
        ['?signedOffFrom=2026-03-10&signedOffTo=2026-03-01', 'signedOffTo', 'notBeforeFrom'],
        ['?colour=red', 'colour', 'whitelistValidation'],
      ];
      for (const [query, field, rule] of cases) {
        for (const path of ['/api/v1/ledger', '/api/v1/ledger.xlsx']) {
          const res = await t.http.get(`${path}${query}`).set(bearer(token.shuji)).expect(400);
          expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
        }
      }
    });

    it('gives a department head their own department’s rows only, and refuses the administrator', async () => {
      const before = await t.written();
      const own = await t.http.get('/api/v1/ledger').set(bearer(token.minyi)).expect(200);
      const all = await t.http.get('/api/v1/ledger').set(bearer(token.jijian)).expect(200);
      const civil = all.body.rows.filter((r: { department: string }) => r.department === '民一庭');
      expect(civil.length).toBeGreaterThan(0);
      expect(civil.length).toBeLessThan(all.body.rows.length);
      // The same rows, numbered 1, 2, … in the department's own ledger.
      const unnumbered = (rows: { serial: number }[]) => rows.map(({ serial: _s, ...row }) => row);
      expect(unnumbered(own.body.rows)).toEqual(unnumbered(civil));
      expect(own.body.rows.map((r: { serial: number }) => r.serial)).toEqual(
        civil.map((_: unknown, i: number) => i + 1),
      );
      await t.http.get('/api/v1/ledger.xlsx').set(bearer(token.minyi)).expect(200);
      const departments: { id: string; name: string }[] = (
        await t.http.get('/api/v1/departments').set(bearer(token.minyi))
      ).body;
      const other = departments.find((d) => d.name === '执行局')!.id;
      const refused = await t.http
        .get(`/api/v1/ledger?departmentId=${other}`)
        .set(bearer(token.minyi))
        .expect(403);
      expect(refused.body).toMatchObject({ code: 'read_forbidden', message: '无权查看销号台账' });
      await t.http.get('/api/v1/ledger').set(bearer(token.admin)).expect(403);
      await t.http.get('/api/v1/ledger.xlsx').set(bearer(token.admin)).expect(403);
      // The two exports (one answered, one refused) are in the access log; nothing else was written.
      expect(await t.written()).toEqual(before);
    });

    it('lists every measure under its problem, with sign-off date, reviewer and on-time flag', async () => {
      const { body } = await t.http
        .get(`/api/v1/ledger?campaignId=${campaignId}`)
        .set(bearer(token.jijian))
        .expect(200);
      expect(body.title).toBe('关于巡察反馈问题的整改（示例）整改销号台账');
      expect(body.rows).toHaveLength(10);
      expect(
        body.rows.slice(0, 2).map((r: { serial: number; measure: string }) => [r.serial, r.measure]),
      ).toEqual([
        [1, '1.1 修订党组理论学习中心组学习制度，每季度开展一次专题研讨'],
        [1, '1.2 建立学习成效评估机制'],
      ]);
      const late = body.rows.find((r: { measure: string }) => r.measure.includes('梳理重大事项'));
      expect(late).toMatchObject({
        completion: '已完成销号',
        signedOffOn: addDays(TODAY, -9),
        signedOffBy: '王建国',
        onTime: '否',
        department: '办公室',
      });
    });

    it('filters by signed-off date range, department and leader', async () => {
      const range = (
        await t.http
          .get(`/api/v1/ledger?signedOffFrom=${addDays(TODAY, -20)}&signedOffTo=${TODAY}`)
          .set(bearer(token.shuji))
          .expect(200)
      ).body.rows;
      expect(range.map((r: { signedOffOn: string }) => r.signedOffOn).sort()).toEqual([
        addDays(TODAY, -16),
        addDays(TODAY, -9),
        TODAY,
      ]);
      const list = measures(await board(`?campaignId=${campaignId}`));
      const enforcement = list.find((m) => m.departmentName === '执行局') as BoardMeasure;
      const byDepartment = (
        await t.http
          .get(`/api/v1/ledger?departmentId=${enforcement.departmentId}`)
          .set(bearer(token.shuji))
          .expect(200)
      ).body.rows;
      expect(byDepartment.map((r: { department: string }) => r.department)).toEqual(['执行局']);
      const leaderId = enforcement.responsibleLeaderId;
      const byLeader = (
        await t.http.get(`/api/v1/ledger?leaderId=${leaderId}`).set(bearer(token.shuji)).expect(200)
      ).body.rows;
      expect(byLeader).toHaveLength(list.filter((m) => m.responsibleLeaderId === leaderId).length);
      expect(new Set(byLeader.map((r: { responsibleLeader: string }) => r.responsibleLeader)).size).toBe(1);
      const reversed = await t.http
        .get(`/api/v1/ledger?signedOffFrom=${TODAY}&signedOffTo=${addDays(TODAY, -1)}`)
        .set(bearer(token.shuji))
        .expect(400);
      expect(reversed.body.errors[0]).toMatchObject({ field: 'signedOffTo', rule: 'notBeforeFrom' });
    });

    it('exports an xlsx that parses back to exactly the ledger rows, problem cells merged over their measures', async () => {
      const { rows, title } = (
        await t.http.get(`/api/v1/ledger?campaignId=${campaignId}`).set(bearer(token.limin)).expect(200)
      ).body;
      const res = await t.http
        .get(`/api/v1/ledger.xlsx?campaignId=${campaignId}`)
        .set(bearer(token.limin))
        .responseType('blob')
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0];
      const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(cells(1)[0]).toBe(`某某市某某区人民法院${title}`);
      expect(cells(2)[0]).toMatch(/^截至2026年3月2日/);
      expect(cells(3)).toEqual([
        '序号',
        '问题',
        '整改措施',
        '整改目标',
        '责任领导',
        '责任部门',
        '责任人',
        '完成时限',
        '整改进展',
        '完成情况',
        '销号时间',
        '销号审核人',
        '是否按期',
      ]);
      expect(sheet.rowCount).toBe(3 + rows.length);
      rows.forEach((r: Record<string, string | number>, i: number) => {
        const got = cells(4 + i);
        // A merged cell's value lives in its top-left cell; the ones below read as that master.
        const problemRow = rows.findIndex((x: { problemId: string }) => x.problemId === r.problemId);
        expect(sheet.getCell(4 + i, 2).master.address).toBe(sheet.getCell(4 + problemRow, 2).address);
        expect([
          sheet.getCell(4 + i, 1).master.value,
          sheet.getCell(4 + i, 2).master.value,
          ...got.slice(2).map((v) => v ?? ''),
        ]).toEqual([
          r.serial,
          r.problem,
          r.measure,
          r.target,
          r.responsibleLeader,
          r.department,
          r.responsiblePerson,
          r.deadline,
          r.progress,
          r.completion,
          r.signedOffOn,
          r.signedOffBy,
          r.onTime,
        ]);
      });
      expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:M1', 'A2:M2', 'A4:A5', 'B4:B5']));
      expect(sheet.model.merges).toHaveLength(4);
    });
  });

  describe('after a restart', () => {
    it('resumes from the checkpoint without applying any event twice', async () => {
      const before = await board(`?campaignId=${campaignId}`);
      const { dataDir } = t;
      await t.app.close();
      await t.store.close();
      t = await startTestApp({ dataDir, now: '2026-03-02T02:00:00Z' });
      token.shuji = await login(t.http, 'shuji', PASSWORD);
      expect(await board(`?campaignId=${campaignId}`)).toEqual(before);
    });
  });
});
