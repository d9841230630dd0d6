import { raiseDeadlineAlert } from '../support/raise-alert';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

interface LadderStep {
  id: string;
  name: string;
  reachedOn: string;
  recorded: boolean;
}

let web: WebHarness;
let token: string;
beforeAll(async () => {
  web = await startWebHarness();
  token = await web.token('shuji');
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

const get = async (path: string) => {
  const response = await web.api.http.get(path).set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return response.body;
};

describe('the supervision ladder (督办阶梯) on the pages', () => {
  it('shows an overdue measure’s ladder with its step recorded and the current one highlighted, and the step on the board', async () => {
    const campaignId: string = (await get('/api/v1/campaigns'))[0].id;
    const board = await get(`/api/v1/board?campaignId=${campaignId}`);
    const overdue = board.groups
      .flatMap((g: { measures: { id: string; overdue: boolean; status: string }[] }) => g.measures)
      .find((m: { overdue: boolean; status: string }) => m.overdue && m.status !== 'signed_off');
    expect(overdue).toBeDefined();
    // The worker's overdue step, as AlertRecorder records it when it fires.
    await raiseDeadlineAlert(web.api, overdue.id, 'overdue');
    const measure = await get(`/api/v1/measures/${overdue.id}`);
    const ladder: LadderStep[] = measure.ladder;
    expect(ladder.map((s) => s.name)).toEqual(['临期提醒', '逾期督办', '升级督办']);
    expect(ladder.find((s) => s.id === 'overdue')!.recorded).toBe(true);
    expect(measure.step).not.toBeNull();

    const page = await web.newPage({ width: 1366, height: 900 });
    await signIn(page, 'shuji', `/measures/${overdue.id}`);
    await page.waitForURL((url) => url.pathname === `/measures/${overdue.id}`);
    const card = page.getByTestId('ladder-card');
    await card.waitFor();
    const steps = card.locator('.ladder-step');
    expect(await steps.count()).toBe(3);
    for (const [n, step] of ladder.entries()) {
      const text = await steps.nth(n).innerText();
      expect(text).toContain(step.name);
      expect(text).toContain(step.reachedOn);
      if (step.recorded) expect(text).toContain('已触发');
    }
    const overdueStep = steps.nth(ladder.findIndex((s) => s.id === 'overdue'));
    expect(await overdueStep.innerText()).toContain('送达责任部门负责人、责任领导、党组书记');
    expect(await overdueStep.innerText()).toContain('制发督办通知书');
    expect(await steps.nth(2).innerText()).toContain('纪检监察');
    // The step reached today is the one highlighted, and named above the ladder.
    const current = card.locator('.ladder-step.is-current');
    expect(await current.count()).toBe(1);
    expect(await current.innerText()).toContain(measure.step.name);
    expect(await current.innerText()).toContain('当前');
    expect(await page.getByTestId('ladder-current').innerText()).toContain(measure.step.name);
    // The open alert is called by its step.
    await page.getByTestId('open-alerts').getByText('逾期督办').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'measure-ladder');
    await page.screenshot({ path: '/tmp/measure-ladder.png', fullPage: true });

    // The board shows the step on the row, and filters by it (the filter read from the address).
    await page.goto(`/board?campaignId=${campaignId}&step=${measure.step.id}`);
    const row = page.locator(`[data-testid=board-table] tr[data-row-key="${overdue.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-step]').innerText()).toBe(measure.step.name);
    const shownSteps: string[] = await page
      .locator('[data-testid=board-table] tr[data-row-key] [data-step]')
      .allInnerTexts();
    const rows = await page
      .locator('[data-testid=board-table] tr[data-row-key]:not([data-row-key^="group:"])')
      .count();
    expect(shownSteps.length).toBe(rows);
    expect(new Set(shownSteps)).toEqual(new Set([measure.step.name]));
    expect(await page.getByTestId('totals').innerText()).toContain('筛选结果');
    await page.goto(`/board?campaignId=${campaignId}`);
    await row.waitFor();
    await page.screenshot({ path: '/tmp/board-ladder.png', fullPage: false });
    await screenshot(page, 'board-step');

    // 消息提醒 and the bell call the alert by its step too.
    await page.goto('/alerts');
    const alertRow = page.locator('tr').filter({ hasText: `措施 ${measure.number} ` });
    await alertRow.getByText('逾期督办', { exact: true }).waitFor();
    await page.getByTestId('bell').click();
    await page
      .locator('.ant-popover')
      .locator('li')
      .filter({ hasText: `措施 ${measure.number}` })
      .getByText('逾期督办', { exact: true })
      .waitFor();
  });

  it('lists the court’s ladder, step by step in words, on 督办单 and in the drawer of 消息提醒', async () => {
    const page = await web.newPage();
    await signIn(page, 'shuji', '/notices');
    await page.waitForURL((url) => url.pathname === '/notices');
    const list = page.getByTestId('court-ladder-card').getByTestId('court-ladder');
    await list.getByText('升级督办', { exact: true }).waitFor();
    const lines = await list.getByTestId('court-ladder-step').allInnerTexts();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/到期前\d+天 · 临期提醒 · 送达责任部门负责人、责任领导、党组书记/);
    expect(lines[1]).toContain(
      '逾期当日 · 逾期督办 · 送达责任部门负责人、责任领导、党组书记 · 制发督办通知书',
    );
    expect(lines[2]).toMatch(
      /逾期\d+天 · 升级督办 · 送达责任部门负责人、责任领导、党组书记、纪检监察 · 制发督办通知书（升级督办）/,
    );
    await page.getByTestId('court-ladder-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/notices-ladder.png', fullPage: true });

    // A department head reads the same ladder from 消息提醒.
    const head = await web.newPage();
    await signIn(head, 'minyi', '/alerts');
    await head.waitForURL((url) => url.pathname === '/alerts');
    await head.getByRole('button', { name: '查看本院督办阶梯' }).click();
    const drawer = head.getByRole('dialog');
    await drawer.getByTestId('court-ladder').getByText('临期提醒', { exact: true }).waitFor();
    expect(await drawer.getByTestId('court-ladder-step').count()).toBe(3);
    // Once the drawer has slid in.
    await head.waitForTimeout(500);
    await head.screenshot({ path: '/tmp/alerts-ladder-drawer.png' });
  });
});
