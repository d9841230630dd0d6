import { Page } from 'playwright-core';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { noticeIssuerOf } from '../support/fixtures';
import { raiseDeadlineAlert } from '../support/raise-alert';
import { raiseLookBack } from '../support/raise-look-back';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { newMeasure } from './browser-measures';

let web: WebHarness;
beforeAll(async () => {
  web = await startWebHarness();
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function openMeasure(page: Page, username: string, id: string) {
  await signIn(page, username, `/measures/${id}`);
  await page.waitForURL((url) => url.pathname === `/measures/${id}`);
  await page.getByTestId('five-fixes').waitFor();
}

/** Opens an action's form on the measure page, fills it by its labels, submits, and waits for it to close. */
async function act(page: Page, action: string, fill: Record<string, string>, submit: string) {
  await page.getByTestId('actions').getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: action });
  for (const [label, value] of Object.entries(fill))
    await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: submit }).click();
  await form.waitFor({ state: 'detached' });
}

describe('supervision through the pages: 催办, 督办单, 回头看', () => {
  it('李敏 urges a measure (催办); 民一庭’s head 刘洋 finds it on 我的待办', async () => {
    const id = await newMeasure(web, '民一庭', '清理执行积案，逐案建立台账');
    const leader = await web.newPage();
    await openMeasure(leader, 'limin', id);
    await act(leader, '催办', { 催办内容: '请本周内报告清理进展' }, '发出催办');
    await leader.getByTestId('timeline').getByText('催办：请本周内报告清理进展').first().waitFor();

    const head = await web.newPage();
    await signIn(head, 'minyi');
    await head.waitForURL((url) => url.pathname === '/todo');
    const urgings = head.getByTestId('urgings');
    await urgings.getByText('请本周内报告清理进展').waitFor();
    expect(await urgings.innerText()).toContain('李敏');
    await screenshot(head, 'todo-urging-minyi');
    // The urging opens its measure.
    await urgings.getByText('请本周内报告清理进展').click();
    await head.waitForURL((url) => url.pathname === `/measures/${id}`);
  });

  it('刘洋 opens 督办单, receives (签收) and answers (回复) the notice issued for his overdue measure', async () => {
    const id = await newMeasure(web, '民一庭', '规范诉讼费退费流程');
    // The worker's overdue step, as AlertRecorder does it: the alert, then its numbered notice.
    const t = web.api;
    const alertId = await raiseDeadlineAlert(t, id, 'overdue');
    const state = t.app.get(CatalogueView).measure(id)!.state;
    const issuer = noticeIssuerOf(t.app);
    await issuer.issueFor(
      state.alerts.find((a) => a.alertId === alertId)!,
      state,
    );
    await t.app.get(ReadModels).catchUp((await t.store.readAll({ maxCount: 1_000_000 })).at(-1)!.position);

    const head = await web.newPage();
    await signIn(head, 'minyi');
    await head.waitForURL((url) => url.pathname === '/todo');
    await head.getByRole('menuitem', { name: '督办单' }).click();
    await head.waitForURL((url) => url.pathname === '/notices');
    const row = head.locator('tr').filter({ hasText: '规范诉讼费退费流程' });
    await row.getByText('未签收').waitFor();
    expect(await row.innerText()).toMatch(/督〔\d{4}〕\d+号/);

    await row.getByRole('button', { name: /^签\s*收$/ }).click();
    await row.getByText('已签收').waitFor();
    expect(await row.innerText()).toContain('刘洋');

    await row.getByRole('button', { name: /^回\s*复$/ }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByLabel(/回复内容/).fill('已制定退费流程，本月底前完成清理');
    await dialog.getByRole('button', { name: '提交回复' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('已回复').waitFor();
    expect(await row.getByRole('button', { name: /^回\s*复$/ }).count()).toBe(0);
    await screenshot(head, 'notices-minyi');

    // The leader reads the answer on the same page.
    const leader = await web.newPage();
    await signIn(leader, 'limin', '/notices');
    await leader.waitForURL((url) => url.pathname === '/notices');
    const leaderRow = leader.locator('tr').filter({ hasText: '规范诉讼费退费流程' });
    await leaderRow.getByText('已回复').waitFor();
    expect(await leaderRow.getByRole('button', { name: /^签\s*收$/ }).count()).toBe(0);
  });

  it('李敏 finds the review due on 我的待办 and the wall chart, and records the 回头看 as confirmed', async () => {
    const id = await newMeasure(web, '民一庭', '健全审判监督管理台账');
    const http = web.api.http;
    const [head, leaderToken] = [await web.token('minyi'), await web.token('limin')];
    const measure = (await http.get(`/api/v1/measures/${id}`).set(bearer(leaderToken))).body;
    expect(
      (await http.post(`/api/v1/measures/${id}/completion`).set(bearer(head)).send({ summary: '台账已建立' }))
        .status,
    ).toBe(200);
    expect(
      (
        await http
          .post(`/api/v1/measures/${id}/sign-off`)
          .set(bearer(leaderToken))
          .send({ opinion: '同意销号' })
      ).status,
    ).toBe(200);
    // Three months on, the worker's look-back job records the reminder (the scheduling is tested in libs/scheduling).
    expect(await raiseLookBack(web.api, id, 3)).toBe(`v${measure.deadlineVersion}-m3`);

    const leader = await web.newPage();
    await signIn(leader, 'limin');
    await leader.getByRole('menuitem', { name: '我的待办' }).click();
    await leader.waitForURL((url) => url.pathname === '/todo');
    const due = leader.getByTestId('look-backs');
    await due.getByText(/健全审判监督管理台账/).waitFor();
    expect(await due.innerText()).toContain('已满3个月');

    await leader.goto(`/board?campaignId=${encodeURIComponent(measure.campaignId)}&lookBackDue=1`);
    const boardRow = leader.locator('tr').filter({ hasText: '健全审判监督管理台账' });
    await boardRow.getByText('回头看待查').waitFor();
    expect(await leader.getByTestId('filter-look-back').isChecked()).toBe(true);

    await boardRow.getByText('健全审判监督管理台账').click();
    await leader.waitForURL((url) => url.pathname === `/measures/${id}`);
    await leader.getByTestId('look-back-due').waitFor();
    await act(leader, '回头看', { 回头看情况: '台账按月更新，制度执行到位，未发现反弹' }, '确认未反弹');
    await leader
      .getByTestId('look-back-reviews')
      .getByText(/未发现反弹/)
      .waitFor();
    await leader
      .getByTestId('timeline')
      .getByText('回头看确认未反弹：台账按月更新，制度执行到位，未发现反弹')
      .first()
      .waitFor();
    expect(await leader.getByTestId('look-back-due').count()).toBe(0);
    expect(await leader.getByTestId('look-back-next').innerText()).toContain('销号后6个月');
    await screenshot(leader, 'look-back-limin');

    await leader.getByRole('menuitem', { name: '我的待办' }).click();
    await leader.waitForURL((url) => url.pathname === '/todo');
    await leader.getByRole('table').waitFor();
    expect(
      await leader
        .getByTestId('look-backs')
        .getByText(/健全审判监督管理台账/)
        .count(),
    ).toBe(0);
  });
});
