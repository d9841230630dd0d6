import { sampleList, sampleXlsx } from '../../libs/importing/src/testing/sample-files';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { pick } from './page-actions';

/** 导入 (issue 14): a leader uploads the court's list, sees the bad cells, fixes the file, confirms. */
let web: WebHarness;
let token: string;
beforeAll(async () => {
  web = await startWebHarness();
  token = await web.token('shuji');
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  expect(web.foreign).toEqual([]);
});

describe('importing a problem list in the browser', () => {
  it('marks each bad cell with its message and keeps 确认导入 disabled; the fixed file imports its problems and measures', async () => {
    const title = `导入专项-${process.pid}`;
    const created = await web.api.http
      .post('/api/v1/campaigns')
      .set('Authorization', `Bearer ${token}`)
      .send({ title, source: 'inspection_feedback', issuedOn: '2026-03-01' });
    expect(created.status).toBe(201);

    const page = await web.newPage();
    await signIn(page, 'shuji', '/new?tab=import');
    await page.waitForURL(/\/new/);
    await pick(page, '整改专项', title);
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: '整改清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sampleXlsx(sampleList()),
    });
    await page.getByText('2 处错误，请修改文件后重新上传').waitFor();
    const bad = page.locator('td.import-bad-cell');
    expect(await bad.count()).toBe(2);
    expect(await bad.first().innerText()).toContain('未找到"民一厅"，是否为"民一庭"？');
    expect(await bad.last().innerText()).toContain('2026-02-30 不是有效日期');
    await page.getByText('第8行「责任单位」：未找到"民一厅"，是否为"民一庭"？').waitFor();
    const confirm = page.getByRole('button', { name: '确认导入' });
    expect(await confirm.isDisabled()).toBe(true);
    await screenshot(page, 'import-preview-errors-1366');

    await input.setInputFiles({
      name: '整改清单（修改后）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sampleXlsx(sampleList(true)),
    });
    await page.getByText('未发现错误').waitFor();
    expect(await bad.count()).toBe(0);
    await confirm.click();
    await page.getByText('已导入 3 个问题、7 条整改措施').waitFor();

    const campaign = await web.api.http
      .get(`/api/v1/campaigns/${created.body.id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(campaign.body.counts).toMatchObject({ problems: 3, measures: 7 });
  });
});
