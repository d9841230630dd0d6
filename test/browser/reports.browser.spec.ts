import { defaultLadder } from '@tracker/domain';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { CourtCalendar, EventSourcedWriter } from '@tracker/command-path';
import { MeasuresProjection } from '@tracker/read-models';
import { BulletinService, loadWorkerConfig } from '@tracker/scheduling';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { selectClosed } from './page-actions';
import { TEST_REDIS_URL } from '../support/test-app';

interface LedgerRow {
  measureId: string;
  measure: string;
  department: string;
  responsibleLeader: string;
  signedOffOn: string;
}

let web: WebHarness;
let token: string;
let campaign: { id: string; title: string };
beforeAll(async () => {
  web = await startWebHarness();
  token = await web.token('shuji');
  campaign = (await get('/api/v1/campaigns'))[0];
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  expect(web.foreign).toEqual([]);
});

// Each caller names the shape it reads; the untyped default is the API's JSON as it comes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get<T = any>(path: string, as = token): Promise<T> {
  const response = await web.api.http.get(path).set('Authorization', `Bearer ${as}`);
  expect(response.status).toBe(200);
  return response.body as T;
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The measure ids of the ledger table's rows, in order. */
const shownLedger = (page: Page): Promise<string[]> =>
  page.evaluate(
    `[...document.querySelectorAll('[data-testid=ledger-table] tbody tr[data-row-key]')].map((tr) => tr.dataset.rowKey)`,
  );

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await selectClosed(page);
}

describe('销号台账 in the browser', () => {
  it('shows the rows of GET /api/v1/ledger, narrows them by a filter, and exports the same ledger as xlsx', async () => {
    const all = await get<{ title: string; rows: LedgerRow[] }>('/api/v1/ledger');
    expect(all.rows.length).toBeGreaterThan(3);
    const page = await web.newPage();
    await signIn(page, 'shuji', '/ledger');
    await page.waitForURL(/\/ledger$/);
    await page.locator('[data-testid=ledger-table] tbody tr[data-row-key]').first().waitFor();
    expect(await shownLedger(page)).toEqual(all.rows.map((r) => r.measureId));
    const first = all.rows[0];
    await page.locator(`tr[data-row-key="${first.measureId}"]`).getByText(first.measure).waitFor();
    await page.getByText(`${all.rows.length} 条措施`).waitFor();
    await screenshot(page, 'ledger-1366');

    // A department with some but not all of the rows: the table becomes the API's answer for it.
    const department = all.rows
      .map((r) => r.department)
      .find((d) => all.rows.some((r) => r.department !== d))!;
    const departments = await get<{ id: string; name: string }[]>('/api/v1/departments');
    const departmentId = departments.find((d) => d.name === department)!.id;
    const narrowed = await get<{ rows: LedgerRow[] }>(`/api/v1/ledger?departmentId=${departmentId}`);
    expect(narrowed.rows.length).toBeLessThan(all.rows.length);
    await pick(page, '责任部门', department);
    await page.waitForURL((url) => url.searchParams.get('departmentId') === departmentId);
    await page.getByText(`${narrowed.rows.length} 条措施`).waitFor();
    expect(await shownLedger(page)).toEqual(narrowed.rows.map((r) => r.measureId));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出\s*Excel/ }).click();
    const file = await download;
    // The court's name (COURT_NAME) stands before the campaign's title, as on the printed ledger.
    expect(file.suggestedFilename()).toBe(`某某市某某区人民法院${all.title}.xlsx`);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByText(`已导出 某某市某某区人民法院${all.title}.xlsx`).waitFor();
  });

  it('narrows by sign-off dates and campaign for an inspector, and says when nothing matches', async () => {
    const inspector = await web.token('jijian');
    const all = await get<{ rows: LedgerRow[] }>('/api/v1/ledger', inspector);
    const signed = all.rows
      .filter((r) => r.signedOffOn)
      .map((r) => r.signedOffOn)
      .sort();
    expect(signed.length).toBeGreaterThan(1);
    // From the second sign-off day on: at least one signed-off row is left out.
    const from = signed[1];
    const to = signed[signed.length - 1];
    const expected = await get<{ rows: LedgerRow[] }>(
      `/api/v1/ledger?campaignId=${campaign.id}&signedOffFrom=${from}&signedOffTo=${to}`,
      inspector,
    );
    expect(expected.rows.length).toBeGreaterThan(0);
    expect(expected.rows.length).toBeLessThan(signed.length + 1);
    const page = await web.newPage();
    await signIn(page, 'jijian', '/ledger');
    await page.waitForURL(/\/ledger$/);
    await page.locator('[data-testid=ledger-table] tbody tr[data-row-key]').first().waitFor();
    await pick(page, '整改专项', campaign.title);
    await page.getByPlaceholder('销号起始日期').click();
    await page.getByPlaceholder('销号起始日期').fill(from);
    await page.keyboard.press('Enter');
    await page.getByPlaceholder('销号截止日期').fill(to);
    await page.keyboard.press('Enter');
    await page.waitForURL(
      (url) => url.searchParams.get('signedOffFrom') === from && url.searchParams.get('signedOffTo') === to,
    );
    await page.getByText(`${expected.rows.length} 条措施`).waitFor();
    expect(await shownLedger(page)).toEqual(expected.rows.map((r) => r.measureId));

    // A day before any sign-off: the empty state, not an empty grid.
    const before = daysBefore(signed[0], 1);
    await page.goto(`/ledger?signedOffFrom=${before}&signedOffTo=${before}`);
    await page.getByText('没有符合条件的台账记录').waitFor();
    await page.getByText('共 0 个问题、0 条措施').waitFor();
  });

  it('shows a department head their own department’s rows only, and refuses another department’s', async () => {
    const page = await web.newPage();
    await signIn(page, 'minyi');
    await page.waitForURL(/\/todo$/);
    await page.getByRole('menuitem', { name: '本部门台账' }).click();
    await page.waitForURL(/\/ledger$/);
    const own = (await get('/api/v1/ledger', await web.token('minyi'))) as {
      rows: { department: string; measure: string }[];
    };
    expect(own.rows.length).toBeGreaterThan(0);
    expect(new Set(own.rows.map((r) => r.department))).toEqual(new Set(['民一庭']));
    await page.getByText(own.rows[0].measure).first().waitFor();
    expect(await page.getByLabel('责任部门').count()).toBe(0);
    // Another department's, by address: the API refuses, and the page says why instead of an empty table.
    const departments = (await get('/api/v1/departments', await web.token('minyi'))) as {
      id: string;
      name: string;
    }[];
    const other = departments.find((d) => d.name === '执行局')!;
    await page.goto(`/ledger?departmentId=${other.id}`);
    await page.getByText('无权查看销号台账').waitFor();
    await screenshot(page, 'ledger-forbidden');
  });
});

describe('督办通报 in the browser', () => {
  it('lists the issued bulletin, shows every department’s line and downloads its workbook', async () => {
    const page = await web.newPage();
    await signIn(page, 'minyi', '/bulletins');
    await page.waitForURL(/\/bulletins$/);
    // The demo court has issued none yet.
    await page.getByText('暂无督办通报').waitFor();

    // The worker's weekly job, run here on the same app: the real way a bulletin comes to exist.
    const app = web.api.app;
    const id = await new BulletinService(
      app.get(EventSourcedWriter),
      app.get(MeasuresProjection),
      app.get(CourtCalendar),
      loadWorkerConfig(
        {},
        { supervisionLadder: defaultLadder(3, 7), redisUrl: TEST_REDIS_URL, redisPrefix: 'tracker' },
      ),
    ).issue();
    let bulletin: {
      id: string;
      label: string;
      lines: { departmentName: string; total: number; completionRate: number }[];
    };
    for (;;) {
      const list = await get('/api/v1/bulletins');
      if (list.length > 0) {
        bulletin = await get(`/api/v1/bulletins/${id}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(bulletin.lines.length).toBeGreaterThan(1);

    await page.reload();
    await page.locator(`[data-testid=bulletin-list] tr[data-row-key="${id}"]`).waitFor();
    await screenshot(page, 'bulletins-1366');
    await page.getByRole('link', { name: '查看' }).click();
    await page.waitForURL((url) => url.pathname === `/bulletins/${id}`);
    await page.locator('[data-testid=bulletin-lines] tbody tr[data-row-key]').first().waitFor();
    const shown: string[][] = await page.evaluate(
      `[...document.querySelectorAll('[data-testid=bulletin-lines] tbody tr[data-row-key]')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`,
    );
    expect(shown.map((cells) => cells[1])).toEqual(bulletin.lines.map((l) => l.departmentName));
    expect(shown.map((cells) => cells[2])).toEqual(bulletin.lines.map((l) => String(l.total)));
    expect(shown.map((cells) => cells[8])).toEqual(
      bulletin.lines.map((l) => `${Number(l.completionRate.toFixed(1))}%`),
    );
    await screenshot(page, 'bulletin-1366');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载\s*Excel/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`督办通报${bulletin.label}.xlsx`);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    await page.goto('/bulletins/2000-01-01');
    await page.getByText('督办通报不存在').waitFor();

    // An administrator has no business data: neither the menu entry nor, by address, the bulletins.
    const admin = await web.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL(/\/system$/);
    await admin.getByRole('menuitem', { name: '大屏' }).waitFor();
    expect(await admin.getByRole('menuitem', { name: '督办通报' }).count()).toBe(0);
    await admin.goto('/bulletins');
    await admin.getByText('无权查看督办通报').waitFor();
  });
});

describe('统计 in the browser', () => {
  const figures = [
    'problems',
    'measures',
    'signedOff',
    'inProgress',
    'overdue',
    'dueSoon',
    'extensionsGranted',
    'reopened',
    'outcomes',
  ];
  const percent = (rate: number | null) => (rate === null ? '—' : `${Number((rate * 100).toFixed(1))}%`);
  const expected = (s: Record<string, number | null>) => ({
    ...Object.fromEntries(figures.map((k) => [k, String(s[k])])),
    completionRate: percent(s.completionRate),
    onTimeRate: percent(s.onTimeRate),
  });
  const shown = (page: Page): Promise<Record<string, string>> =>
    page.evaluate(`Object.fromEntries(
      [...document.querySelectorAll('[data-figure]')].map((el) => [el.dataset.figure, el.querySelector('.ant-statistic-content-value').textContent])
    )`);

  it('shows the summary’s figures for today and for a past day, and copies the report sentence', async () => {
    const live = await get(`/api/v1/campaigns/${campaign.id}/summary`);
    const page = await web.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
    await signIn(page, 'limin', '/stats');
    await page.waitForURL(/\/stats$/);
    await page.getByTestId('stats-sentence').getByText(live.sentence).waitFor();
    expect(await shown(page)).toEqual(expected(live));
    await screenshot(page, 'stats-1366');

    await page.getByRole('button', { name: /复\s*制/ }).click();
    await page.getByText('已复制').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(live.sentence);

    // 30 days back, before most of the demo court's sign-offs.
    const asOf = daysBefore(live.today, 30);
    const past = await get(`/api/v1/campaigns/${campaign.id}/summary?asOf=${asOf}`);
    expect(expected(past)).not.toEqual(expected(live));
    await page.getByTestId('as-of').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(asOf);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('asOf') === asOf);
    await page.getByTestId('stats-sentence').getByText(past.sentence).waitFor();
    // A locator, not waitForFunction: the page's content-security policy forbids evaluating strings.
    await page
      .locator('[data-figure=signedOff] .ant-statistic-content-value', {
        hasText: new RegExp(`^${past.signedOff}$`),
      })
      .waitFor();
    expect(await shown(page)).toEqual(expected(past));
    await page.getByTestId('stats-day').getByText('日终').waitFor();
  });

  it('tells the user to copy by hand where the clipboard is refused', async () => {
    const page = await web.newPage();
    await signIn(page, 'minyi', '/stats');
    await page.waitForURL(/\/stats$/);
    await page.getByTestId('stats-sentence').waitFor();
    // No clipboard at all, and the old execCommand refused: the fallback's message, not an error.
    await page.evaluate(`(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      document.execCommand = () => false;
    })()`);
    await page.getByRole('button', { name: /复\s*制/ }).click();
    await page.getByText('无法访问剪贴板，请选中文字后手动复制').waitFor();
  });
});
