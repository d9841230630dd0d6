import { Page } from 'playwright-core';
import { inDays, newMeasure } from './browser-measures';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { pick } from './page-actions';
import { EVIDENCE_PDF } from '../support/fixtures';

let web: WebHarness;
let measureId: string;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  web = await startWebHarness();
  measureId = await newMeasure(web, '民一庭', '浏览器测试：三次延期');
  const http = web.api.http;
  const [minyi, limin] = [await web.token('minyi'), await web.token('limin')];
  // 刘洋 (民一庭) attaches a file and downloads it; 李敏 exports the ledger.
  const attached = await http
    .post(`/api/v1/measures/${measureId}/attachments`)
    .set(bearer(minyi))
    .attach('file', EVIDENCE_PDF, { filename: '整改台账（第一批）.pdf' })
    .expect(201);
  await http.get(`/api/v1/attachments/${attached.body.id}`).set(bearer(minyi)).expect(200);
  await http.get('/api/v1/ledger.xlsx').set(bearer(limin)).expect(200);
  // Extended three times, each asked by 刘洋 and approved by 李敏 in good time.
  for (const days of [60, 90, 120]) {
    const requested = await http
      .post(`/api/v1/measures/${measureId}/extension-requests`)
      .set(bearer(minyi))
      .send({ newDueDate: inDays(days), reason: '等待鉴定结论' })
      .expect(201);
    await http
      .post(`/api/v1/measures/${measureId}/extension-requests/${requested.body.requestId}/approve`)
      .set(bearer(limin))
      .send({ opinion: '同意' })
      .expect(200);
  }
}, 120_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

/** The texts of one column of a table, once `check` holds (the page re-renders as answers arrive). */
async function column(page: Page, table: string, index: number, check: (cells: string[]) => boolean) {
  const cells = page.getByTestId(table).locator(`tr[data-row-key] td:nth-child(${index})`);
  for (let i = 0; i < 100; i++) {
    const texts = await cells.allInnerTexts();
    if (check(texts)) return texts;
    await page.waitForTimeout(100);
  }
  throw new Error(`column ${index} of ${table}: ${(await cells.allInnerTexts()).slice(0, 5).join(' | ')}`);
}

describe('inspectors’ pages: 访问日志 and 审计发现', () => {
  it('an inspector reads who downloaded which file and who exported the ledger, and filters by kind', async () => {
    const page = await web.newPage();
    await signIn(page, 'jijian');
    await page.waitForURL(/\/audit$/);
    await page.getByRole('menuitem', { name: '访问日志' }).click();
    await page.waitForURL(/\/audit\/access$/);
    const kinds = await column(page, 'access-table', 3, (cells) => cells.includes('下载佐证材料'));
    expect(kinds).toEqual(expect.arrayContaining(['登录', '导出销号台账', '下载佐证材料']));

    await pick(page, '访问类型', '下载佐证材料');
    await page.keyboard.press('Escape');
    const who = await column(page, 'access-table', 2, (cells) => cells.length === 1);
    expect(who).toEqual(['部门负责人 刘洋（民一庭）']);
    const what = await column(page, 'access-table', 4, (cells) => cells.length === 1);
    expect(what[0]).toContain('文件 整改台账（第一批）.pdf');
    expect(what[0]).toContain('浏览器测试：三次延期');
    await screenshot(page, 'access-log-downloads');
  });

  it('an inspector finds the measure extended three times and follows it to its audit trail', async () => {
    const page = await web.newPage();
    await signIn(page, 'jijian');
    await page.waitForURL(/\/audit$/);
    await page.getByRole('menuitem', { name: '审计发现' }).click();
    // Its row of 多次延期 (between 00:00 and 06:00 court time each approval is a finding too).
    const row = page
      .getByTestId('findings-table')
      .locator('tr[data-row-key]')
      .filter({ hasText: '浏览器测试：三次延期' })
      .filter({ hasText: '多次延期' });
    await row.getByText('多次延期').waitFor();
    await row.getByText('已延期 3 次').waitFor();
    await screenshot(page, 'audit-findings');

    await row.getByRole('link', { name: '审计记录' }).click();
    await page.waitForURL(new RegExp(`/audit\\?streamName=measure-${measureId}$`));
    // The feed shows that measure's stream only.
    const streams = await column(page, 'audit-table', 3, (cells) => cells.length >= 7);
    expect(new Set(streams)).toEqual(new Set([`measure-${measureId}`]));

    await page.goBack();
    await row.getByRole('link', { name: /浏览器测试：三次延期/ }).click();
    await page.waitForURL(new RegExp(`/measures/${measureId}$`));
  });
});
