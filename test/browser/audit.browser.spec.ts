import { Page } from 'playwright-core';
import { newMeasure } from './browser-measures';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

let web: WebHarness;
/** More reports by 刘洋 than one page of the feed holds (200), so 加载更多 has something to load. */
const REPORTS = 205;

beforeAll(async () => {
  web = await startWebHarness();
  const measureId = await newMeasure(web, '民一庭', '浏览器测试：审计筛选');
  const token = await web.token('minyi');
  for (let i = 1; i <= REPORTS; i++) {
    await web.api.http
      .post(`/api/v1/measures/${measureId}/progress`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ note: `第${i}次进展`, percent: Math.min(99, i) })
      .expect(200);
  }
}, 120_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(option);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

/** Waits until `check` holds of the table's cells in a column (the page re-renders as answers arrive). */
async function column(page: Page, index: number, check: (cells: string[]) => boolean): Promise<string[]> {
  const cells = page.getByTestId('audit-table').locator(`tr[data-row-key] td:nth-child(${index})`);
  for (let i = 0; i < 100; i++) {
    const texts = await cells.allInnerTexts();
    if (check(texts)) return texts;
    await page.waitForTimeout(100);
  }
  throw new Error(
    `column ${index} never satisfied the check: ${(await cells.allInnerTexts()).slice(0, 5).join(' | ')}`,
  );
}

/** Every ProgressReported by 刘洋, read from the API page by page. */
async function reportsByLiuYang(): Promise<number> {
  const token = await web.token('jijian');
  const auth = { Authorization: `Bearer ${token}` };
  const actors: { id: string; name: string }[] = (
    await web.api.http.get('/api/v1/audit/filters').set(auth).expect(200)
  ).body.actors;
  const actorId = actors.find((a) => a.name === '刘洋')!.id;
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const response = await web.api.http
      .get('/api/v1/audit/events')
      .query({ type: 'ProgressReported', actorId, limit: '1000', ...(after ? { after } : {}) })
      .set(auth)
      .expect(200);
    total += response.body.length;
    if (response.headers['x-has-more'] === 'false') return total;
    after = response.headers['x-scanned-through'];
  }
}

describe('审计 filters in the browser', () => {
  it('an inspector filters the whole feed by type and by actor, by name, and loads more', async () => {
    const expected = await reportsByLiuYang();
    expect(expected).toBeGreaterThanOrEqual(REPORTS);

    const page = await web.newPage();
    await signIn(page, 'jijian');
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('audit-table').locator('tr[data-row-key]').first().waitFor();

    await pick(page, '事件类型', '报告进展');
    const types = await column(
      page,
      5,
      (cells) => cells.length > 0 && cells.every((c) => c === '报告进展（ProgressReported）'),
    );
    // Reports by every head, not only the page the feed started with.
    expect(types.length).toBeGreaterThan(0);

    await pick(page, '操作人', '刘洋');
    const actors = await column(
      page,
      6,
      (cells) => cells.length === 200 && cells.every((c) => c === '部门负责人 刘洋'),
    );
    expect(actors).toHaveLength(200);
    await page
      .getByTestId('audit-count')
      .getByText(/^已加载 200 个符合条件的事件，已查找至位置 \d+$/)
      .waitFor();
    await screenshot(page, 'audit-filtered-by-actor');

    await page.getByRole('button', { name: '加载更多' }).click();
    await page
      .getByTestId('audit-count')
      .getByText(`已加载 ${expected} 个符合条件的事件，已到事件记录末尾`)
      .waitFor();
    const all = await column(page, 6, (cells) => cells.length === expected);
    expect(new Set(all)).toEqual(new Set(['部门负责人 刘洋']));
    const types2 = await column(page, 5, (cells) => cells.length === expected);
    expect(new Set(types2)).toEqual(new Set(['报告进展（ProgressReported）']));
    // Each event once, in feed order.
    const positions = (await column(page, 1, (cells) => cells.length === expected)).map((p) => BigInt(p));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);

    // Another actor: the system records no progress, and the page says there is nothing to show.
    await page.getByLabel('操作人', { exact: true }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '系统（提醒与督办）' })
      .click();
    await page.getByTestId('audit-table').getByText('没有符合条件的事件').waitFor();
  });
});
