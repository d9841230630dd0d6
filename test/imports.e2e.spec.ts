import { binaryBody } from './support/raw-http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleCsv, sampleDocx, sampleList, sampleXlsx } from '../libs/importing/src/testing/sample-files';
import { bearer } from './support/court';
import { CHINESE } from './support/fixtures';
import { login, startTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Demo@2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Preview {
  importId: string;
  problems: { row: number; title: string; departmentNames: string[] }[];
  measures: { row: number; content: string; kind: string; dueDate: string | null; departmentName: string }[];
  errors: { row: number; column: string; message: string }[];
  warnings: string[];
  rows: { row: number }[];
}

/** xlsx bytes as supertest's parser hands them back. */
describe('importing a problem list (导入)', () => {
  let t: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'tracker-imports-'));
  const token: Record<string, string> = {};
  let demoCampaign: { id: string; issuedOn: string };

  const signIn = async () => {
    for (const u of ['shuji', 'limin', 'minyi', 'jijian']) token[u] = await login(t.http, u, PASSWORD);
  };
  const launch = async (issuedOn = '2026-03-01') =>
    (
      await t.http
        .post('/api/v1/campaigns')
        .set(bearer(token.shuji))
        .send({ title: `导入专项${Math.random()}`, source: 'inspection_feedback', issuedOn })
        .expect(201)
    ).body.id as string;
  const upload = (campaignId: string, file: Buffer, name: string, as = 'shuji') =>
    t.http.post(`/api/v1/campaigns/${campaignId}/imports`).set(bearer(token[as])).attach('file', file, name);
  const preview = async (campaignId: string, file: Buffer, name: string) => {
    const response = await upload(campaignId, file, name);
    if (response.status !== 201)
      throw new Error(`preview: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Preview;
  };
  /** Events in the court's business streams (sign-ins and other journal streams left out). */
  const business = async () =>
    (await t.dump()).filter((e) => /^(campaign|measure|directory)-?/.test(e.streamName));
  const count = async () => (await business()).length;
  const campaign = async (id: string) =>
    (await t.http.get(`/api/v1/campaigns/${id}`).set(bearer(token.shuji)).expect(200)).body as {
      problems: {
        title: string;
        departmentIds: string[];
        measures: { content: string; kind: string; dueDate: string | null; reportEveryDays: number | null }[];
      }[];
    };

  beforeAll(async () => {
    t = await startTestApp({ demo: true, dataDir });
    await signIn();
    const list = (await t.http.get('/api/v1/campaigns').set(bearer(token.shuji)).expect(200)).body;
    demoCampaign = { id: list[0].id, issuedOn: list[0].issuedOn };
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('previews the xlsx as written — title row, merged problems, Chinese dates, short names, 长期坚持 — naming exactly the two bad cells, and records nothing', async () => {
    const campaignId = await launch();
    const before = await count();
    const body = await preview(campaignId, await sampleXlsx(sampleList()), '整改清单.xlsx');
    expect(body.problems.map((p) => [p.row, p.title, p.departmentNames])).toEqual([
      [3, '立案窗口服务不规范', ['立案庭', '民一庭']],
      [5, '执行案款发放不及时', ['执行局']],
      [7, '审判质效有待提升', ['民一庭', '民二庭']],
    ]);
    expect(body.measures.map((m) => [m.row, m.content, m.kind, m.dueDate])).toEqual([
      [3, '优化立案窗口服务流程', 'deadline', '2026-03-31'],
      [4, '开展当事人满意度回访', 'deadline', '2026-03-31'],
      [5, '开展执行案款专项清理', 'deadline', '2026-04-30'],
      [6, '建立案款发放长效机制', 'long_term', null],
      [7, '开展庭审规范化检查', 'deadline', '2026-05-31'],
      [8, '开展发改案件评查', 'deadline', '2026-06-15'],
      [9, '组织审判业务培训', 'deadline', null],
    ]);
    expect(body.errors).toEqual([
      { row: 8, column: '责任单位', message: '第8行「责任单位」：未找到"民一厅"，是否为"民一庭"？' },
      { row: 9, column: '整改时限', message: '第9行「整改时限」：2026-02-30 不是有效日期' },
    ]);
    expect(await count()).toBe(before);

    // The preview is kept: asked again, the same answer; applied, refused while the errors stand.
    const again = (await t.http.get(`/api/v1/imports/${body.importId}`).set(bearer(token.limin)).expect(200))
      .body;
    expect(again).toMatchObject({ importId: body.importId, errors: body.errors, problems: body.problems });
    const refused = await t.http
      .post(`/api/v1/imports/${body.importId}/apply`)
      .set(bearer(token.shuji))
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'import.has_errors' });
    expect(refused.body.message).toContain('第8行「责任单位」');
    expect(await count()).toBe(before);

    // The same list as CSV (UTF-8, GB18030) and as a Word table: the same preview.
    const list = sampleList();
    const plan = (p: Preview) => ({
      problems: p.problems,
      measures: p.measures,
      errors: p.errors,
      warnings: p.warnings,
    });
    for (const [file, name] of [
      [sampleCsv(list, 'utf-8'), 'list.csv'],
      [sampleCsv(list, 'gb18030'), 'list-gbk.csv'],
      [await sampleDocx(list), '整改方案.docx'],
    ] as [Buffer, string][]) {
      expect(plan(await preview(campaignId, file, name))).toEqual(plan(body));
    }
    expect(await count()).toBe(before);
  });

  it('after fixing, apply records each row once with its five fixes; applying again records nothing', async () => {
    const campaignId = await launch();
    const { importId } = await preview(
      campaignId,
      await sampleXlsx(sampleList(true)),
      '整改清单（修改后）.xlsx',
    );
    const before = await count();
    const first = (
      await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token.shuji)).expect(200)
    ).body;
    expect(first.created).toEqual({ problems: 3, measures: 7 });
    expect(first.measures.map((m: { number: string }) => m.number)).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '3.3',
    ]);
    // Per problem ProblemRecorded; per measure MeasureAdded and MeasureAssigned: as if typed.
    const recorded = (await business()).slice(before);
    expect(recorded.map((e) => e.type).sort()).toEqual(
      [
        ...Array(3).fill('ProblemRecorded'),
        ...Array(7).fill('MeasureAdded'),
        ...Array(7).fill('MeasureAssigned'),
      ].sort(),
    );

    const shown = await campaign(campaignId);
    expect(shown.problems.map((p) => [p.title, p.measures.length])).toEqual([
      ['立案窗口服务不规范', 2],
      ['执行案款发放不及时', 2],
      ['审判质效有待提升', 3],
    ]);
    expect(shown.problems[1].measures[1]).toMatchObject({
      content: '建立案款发放长效机制',
      kind: 'long_term',
      dueDate: null,
      reportEveryDays: 30,
    });
    expect(shown.problems[0].measures[1]).toMatchObject({ responsiblePerson: '陈立', dueDate: '2026-03-31' });

    const second = (
      await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token.shuji)).expect(200)
    ).body;
    expect(second.created).toEqual({ problems: 0, measures: 0 });
    expect(second.measures.map((m: { id: string }) => m.id)).toEqual(
      first.measures.map((m: { id: string }) => m.id),
    );
    expect(await count()).toBe(before + recorded.length);
    // Another leader cannot apply it again under their own keys.
    await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token.limin)).expect(409);
    expect(await count()).toBe(before + recorded.length);
  });

  it('refuses a department head and an inspector (403) and a file that is no list (400), writing nothing', async () => {
    const campaignId = await launch();
    const file = await sampleXlsx(sampleList(true));
    const { importId } = await preview(campaignId, file, 'list.xlsx');
    const before = await count();
    for (const who of ['minyi', 'jijian']) {
      const refused = await upload(campaignId, file, 'list.xlsx', who).expect(403);
      expect(refused.body.message).toMatch(CHINESE);
      await t.http.get(`/api/v1/imports/${importId}`).set(bearer(token[who])).expect(403);
      await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token[who])).expect(403);
      await t.http.get('/api/v1/imports/template.xlsx').set(bearer(token[who])).expect(403);
    }
    const pdf = await upload(campaignId, Buffer.from('%PDF-1.4\n\u0000binary'), 'list.xlsx').expect(400);
    expect(pdf.body).toMatchObject({ code: 'import.not_a_table', field: 'file' });
    expect(pdf.body.message).toContain('Excel');
    const empty = await upload(campaignId, Buffer.alloc(0), 'empty.csv').expect(400);
    expect(empty.body.message).toMatch(CHINESE);
    await t.http.post(`/api/v1/campaigns/${campaignId}/imports`).set(bearer(token.shuji)).expect(415);
    await t.http
      .get('/api/v1/imports/00000000-0000-4000-8000-000000000000')
      .set(bearer(token.shuji))
      .expect(404);
    expect(await count()).toBe(before);
  });

  it('the template has the ledger’s columns, and the demo ledger imports back into a new campaign with the same rows', async () => {
    const template = await t.http
      .get('/api/v1/imports/template.xlsx')
      .set(bearer(token.limin))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(template.headers['content-type']).toContain(XLSX);
    const ledgerXlsx = await t.http
      .get(`/api/v1/ledger.xlsx?campaignId=${demoCampaign.id}`)
      .set(bearer(token.shuji))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const ExcelJS = (await import('exceljs')).default;
    const headerOf = async (bytes: Buffer, row: number) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return (workbook.worksheets[0].getRow(row).values as unknown[]).slice(1);
    };
    expect(await headerOf(template.body, 2)).toEqual(await headerOf(ledgerXlsx.body, 3));

    const copy = await launch(demoCampaign.issuedOn);
    const body = await preview(copy, ledgerXlsx.body, 'ledger.xlsx');
    expect(body.errors).toEqual([]);
    await t.http.post(`/api/v1/imports/${body.importId}/apply`).set(bearer(token.shuji)).expect(200);
    const plan = (campaignId: string) =>
      t.http
        .get(`/api/v1/ledger?campaignId=${campaignId}`)
        .set(bearer(token.shuji))
        .expect(200)
        .then((r) =>
          (r.body.rows as Record<string, string>[]).map((row) => ({
            problem: row.problem,
            measure: row.measure,
            target: row.target,
            responsibleLeader: row.responsibleLeader,
            department: row.department,
            responsiblePerson: row.responsiblePerson,
            // An extended deadline reads 2026-05-31（原2026-04-30）; the import takes the one in force.
            deadline: row.deadline.replace(/（原.*）$/, ''),
          })),
        );
    const original = await plan(demoCampaign.id);
    expect(original.length).toBeGreaterThan(5);
    expect(await plan(copy)).toEqual(original);
  });

  it('killed during apply, then restarted: the preview is still there and applying again records each row exactly once', async () => {
    const campaignId = await launch();
    const rows = ['序号,问题,整改措施,责任领导,责任部门,责任人,完成时限'];
    for (let p = 1; p <= 30; p++)
      for (let m = 1; m <= 3; m++)
        rows.push(
          `${m === 1 ? p : ''},${m === 1 ? `问题${p}` : ''},措施${p}-${m},李敏,民一庭,刘洋,2026年6月底`,
        );
    const { importId } = await preview(campaignId, Buffer.from(rows.join('\n')), 'big.csv');
    const before = await count();

    // The process dies part-way: from the 41st append on, nothing reaches the store.
    const append = t.store.appendToStream.bind(t.store);
    let appends = 0;
    t.store.appendToStream = (...args: Parameters<typeof append>) => {
      if (++appends > 40) return Promise.reject(new Error('process killed'));
      return append(...args);
    };
    const cut = await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token.shuji));
    expect(cut.status).toBe(500);
    t.store.appendToStream = append;
    await t.close();

    t = await startTestApp({ dataDir });
    await signIn();
    const halfway = (await count()) - before;
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(30 + 90 * 2);
    await t.http.get(`/api/v1/imports/${importId}`).set(bearer(token.shuji)).expect(200);

    const done = (await t.http.post(`/api/v1/imports/${importId}/apply`).set(bearer(token.shuji)).expect(200))
      .body;
    expect(done.problems).toHaveLength(30);
    expect(done.measures).toHaveLength(90);
    const recorded = (await business()).slice(before);
    const types = recorded.reduce<Record<string, number>>(
      (n, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }),
      {},
    );
    expect(types).toEqual({ ProblemRecorded: 30, MeasureAdded: 90, MeasureAssigned: 90 });
    const shown = await campaign(campaignId);
    expect(shown.problems.map((p) => p.measures.length)).toEqual(Array(30).fill(3));
  });
});
