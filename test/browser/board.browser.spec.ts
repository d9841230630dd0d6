import { Page } from 'playwright-core';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

interface ApiBoard {
  today: string;
  totals: Record<string, number | null>;
  groups: { measures: { id: string; number: string; light: string; content: string }[] }[];
}

let web: WebHarness;
let token: string;
let campaignId: string;
beforeAll(async () => {
  web = await startWebHarness();
  token = await web.token('shuji');
  campaignId = (await web.api.http.get('/api/v1/campaigns').set('Authorization', `Bearer ${token}`)).body[0]
    .id;
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  expect(web.foreign).toEqual([]);
});

async function apiBoard(asOf?: string): Promise<ApiBoard> {
  const query = asOf ? `&asOf=${asOf}` : '';
  const response = await web.api.http
    .get(`/api/v1/board?campaignId=${campaignId}${query}`)
    .set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** What the page shows: each measure row's light (by its text label) and the totals' figures. */
async function shownBoard(page: Page) {
  const lights: Record<string, string> = await page.evaluate(`Object.fromEntries(
    [...document.querySelectorAll('[data-testid=board-table] tr[data-row-key]')]
      .filter((tr) => !tr.dataset.rowKey.startsWith('group:'))
      .map((tr) => [tr.dataset.rowKey, tr.querySelector('[data-light]').textContent])
  )`);
  const totals: Record<string, string> = await page.evaluate(`Object.fromEntries(
    [...document.querySelectorAll('[data-total]')].map((el) => [el.dataset.total, el.querySelector('.ant-statistic-content').textContent])
  )`);
  return { lights, totals };
}

const LABEL: Record<string, string> = { green: '已销号', blue: '正常推进', yellow: '临期', red: '逾期' };
const percent = (rate: number | null) => (rate === null ? '—' : `${Number((rate * 100).toFixed(1))}%`);

function expected(board: ApiBoard) {
  const lights = Object.fromEntries(
    board.groups.flatMap((g) => g.measures).map((m) => [m.id, LABEL[m.light]]),
  );
  const t = board.totals;
  const totals = {
    measures: String(t.measures),
    signedOff: String(t.signedOff),
    inProgress: String(t.inProgress),
    dueSoon: String(t.dueSoon),
    overdue: String(t.overdue),
    completionRate: percent(t.completionRate),
    onTimeRate: percent(t.onTimeRate),
  };
  return { lights, totals };
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

describe('挂图作战 in the browser', () => {
  it('shows the demo court with the same lights and totals as GET /api/v1/board, and the as-of picker goes back in time', async () => {
    const today = await apiBoard();
    const page = await web.newPage();
    await signIn(page, 'shuji');
    await page.waitForURL(/\/board$/);
    await page.locator('[data-total=measures]').waitFor();
    await page.locator('tr[data-row-key]').nth(3).waitFor();
    const live = expected(today);
    expect(Object.keys(live.lights)).toHaveLength(9);
    expect(await shownBoard(page)).toEqual(live);

    // 30 days ago fewer measures had been signed off than today.
    const asOf = daysBefore(today.today, 30);
    const past = expected(await apiBoard(asOf));
    expect(past.totals).not.toEqual(live.totals);
    await page.getByTestId('as-of').click();
    await page.keyboard.type(asOf);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('asOf') === asOf);
    await page.getByText('日终时的挂图').waitFor();
    // A locator, not waitForFunction: the page's content-security policy forbids evaluating strings.
    await signedOffShows(page, past.totals.signedOff);
    expect(await shownBoard(page)).toEqual(past);
    await screenshot(page, 'board-as-of');

    await page.getByRole('button', { name: '回到今天' }).click();
    await page.waitForURL((url) => !url.searchParams.has('asOf'));
    // A locator, not waitForFunction: the page's content-security policy forbids evaluating strings.
    await signedOffShows(page, live.totals.signedOff);
    expect(await shownBoard(page)).toEqual(live);
  });

  it('filters by light and search, regroups by department, and opens a measure from its row', async () => {
    const board = await apiBoard();
    const red = board.groups.flatMap((g) => g.measures).filter((m) => m.light === 'red');
    expect(red.length).toBeGreaterThan(0);
    const page = await web.newPage();
    await signIn(page, 'limin');
    await page.waitForURL(/\/board$/);
    await page.locator('tr[data-row-key]').nth(3).waitFor();

    await page.goto('/board?light=red&groupBy=department');
    await page.locator('[data-total=measures]').waitFor();
    const shown = await shownBoard(page);
    expect(Object.keys(shown.lights).sort()).toEqual(red.map((m) => m.id).sort());
    expect(shown.totals.measures).toBe(String(red.length));
    await page.getByText('合计（筛选结果）').waitFor();

    await page.goto('/board');
    const target = board.groups[0].measures[0];
    await page.getByRole('searchbox').fill(target.content.slice(0, 6));
    await page.getByRole('searchbox').press('Enter');
    await page.waitForURL((url) => url.searchParams.has('q'));
    await page.locator(`tr[data-row-key="${target.id}"]`).click();
    await page.waitForURL((url) => url.pathname === `/measures/${target.id}`);
    // The heading: the timeline below it also names the measure, once its history has loaded.
    await page.getByRole('heading', { name: `整改措施 ${target.number}` }).waitFor();
    await page.getByText(target.content).first().waitFor();
    await screenshot(page, 'measure-1366');
  });

  it('draws the 大屏 at 1920×1080: title, KPI counters from the board and three non-empty charts', async () => {
    const board = await apiBoard();
    const page = await web.newPage({ width: 1920, height: 1080 });
    await signIn(page, 'shuji', '/screen');
    await page.waitForURL(/\/screen$/);
    await page.getByText('整改任务挂图作战').waitFor();
    await page.locator('[data-chart] canvas').nth(2).waitFor({ state: 'attached' });
    // Let the charts finish their entry animation before reading pixels.
    await page.waitForTimeout(1500);
    const painted: number[] =
      await page.evaluate(`[...document.querySelectorAll('[data-chart] canvas')].map((canvas) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    })`);
    expect(painted).toHaveLength(3);
    for (const pixels of painted) expect(pixels).toBeGreaterThan(1000);
    const kpis = await page.getByTestId('kpis').innerText();
    expect(kpis).toContain(`${board.totals.measures}\n措施总数`);
    expect(kpis).toContain(`${percent(board.totals.completionRate)}\n整改完成率`);
    const size: { w: number; h: number } = await page.evaluate(
      `({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })`,
    );
    expect(size).toEqual({ w: 1920, h: 1080 });
    await screenshot(page, 'screen-1920');
    // The same page on an office PC still fits its screen, without scrolling.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await screenshot(page, 'screen-1366');
    // Every panel stays inside the screen at a readable width (a chart must not squeeze its neighbour).
    const panels: { left: number; right: number; bottom: number }[] = await page.evaluate(
      `[...document.querySelectorAll('.panel')].map((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, bottom: r.bottom }; })`,
    );
    expect(panels).toHaveLength(4);
    for (const panel of panels) {
      expect(panel.right).toBeLessThanOrEqual(1366);
      expect(panel.bottom).toBeLessThanOrEqual(768);
      expect(panel.right - panel.left).toBeGreaterThan(1366 / 4);
    }
  });
});

/** Waits until the 已销号 total reads exactly `text`. */
async function signedOffShows(page: Page, text: string): Promise<void> {
  await page
    .locator('[data-total=signedOff] .ant-statistic-content', {
      hasText: new RegExp(`^${escapeRegExp(text)}$`),
    })
    .waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
