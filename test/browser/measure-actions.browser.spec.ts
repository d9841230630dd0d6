import { Locator, Page } from 'playwright-core';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { inDays, newMeasure as newMeasureVia } from './browser-measures';
import { createAccount, createMeasureThroughPages, signInAs } from './page-actions';

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
/** "2026-12-01 10:15 " at the start of every timeline line. */
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} /;

/** A fresh measure per test (led by 李敏 in the given department): no other test has touched it. */
const newMeasure = (departmentName: string) =>
  newMeasureVia(web, departmentName, '建立长期未结案件台账，逐案督办');

async function openMeasure(page: Page, username: string, id: string) {
  await signIn(page, username, `/measures/${id}`);
  await page.waitForURL((url) => url.pathname === `/measures/${id}`);
  await page.getByTestId('five-fixes').waitFor();
}

/** Opens an action's form, fills it by its labels, submits, and waits for the form to close. */
async function act(page: Page, action: string, fill: Record<string, string>, submit = action) {
  await page.getByTestId('actions').getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: action });
  for (const [label, value] of Object.entries(fill)) {
    const input = form.getByLabel(label, { exact: true });
    await input.fill(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) await input.press('Enter');
  }
  await form.getByRole('button', { name: submit }).click();
  await form.waitFor({ state: 'detached' });
}

/** The same, inside one card of the 审批 list. */
async function decide(card: Locator, action: string, fill: Record<string, string>, submit = action) {
  await card.getByRole('button', { name: action, exact: true }).click();
  const form = card.getByRole('form', { name: action });
  for (const [label, value] of Object.entries(fill))
    await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: submit }).click();
}

async function timelineLines(page: Page): Promise<string[]> {
  return (await page.getByTestId('timeline-entry').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function waitForLine(page: Page, text: string) {
  await page.getByTestId('timeline').getByText(text).first().waitFor();
}

describe('a measure lives its whole life through the pages only', () => {
  it('the secretary creates it; the head reports, asks for more time and submits; the leader approves and signs off; the inspector reads the timeline and checks integrity; the administrator adds an account that logs in', async () => {
    const secretary = await web.newPage();
    await signIn(secretary, 'shuji');
    await secretary.waitForURL(/\/board$/);
    const id = await createMeasureThroughPages(secretary, {
      campaign: `2026年审判质效专项整改（全程测试 ${Date.now()}）`,
      issuedOn: inDays(0),
      problem: '案件久拖不结',
      content: '建立长期未结案件台账，逐案督办',
      leader: '李敏',
      department: '民一庭',
      person: '刘洋',
      dueDate: inDays(30),
      milestone: { title: '完成台账', dueDate: inDays(10) },
    });

    const head = await web.newPage();
    await openMeasure(head, 'minyi', id);
    await head.getByTestId('light').getByText('正常推进').waitFor();
    expect(await head.getByTestId('five-fixes').innerText()).toContain('建立长期未结案件台账');

    await act(head, '报告进展', { 进展情况: '已完成初稿', 完成百分比: '60' }, '提交进展');
    await waitForLine(head, '报告进展：已完成初稿（60%）');
    await head.getByTestId('latest-note').getByText('已完成初稿').waitFor();

    const extendTo = inDays(45);
    await act(head, '申请延期', { 申请延期至: extendTo, 延期理由: '需等待鉴定结论' }, '提交延期申请');
    await waitForLine(head, `延至 ${extendTo}`);
    await screenshot(head, 'measure-detail-head');

    // The responsible leader decides from 审批, in place, without opening the measure.
    const leader = await web.newPage();
    await signIn(leader, 'limin', '/approvals');
    await leader.waitForURL((url) => url.pathname === '/approvals');
    const request = leader.getByTestId('approval').filter({ hasText: `申请延期至 ${extendTo}` });
    await request.getByText('需等待鉴定结论').waitFor();
    await screenshot(leader, 'approvals-extension');
    await decide(request, '同意延期', { 审核意见: '同意延期' });
    await request.waitFor({ state: 'detached' });

    await head.reload();
    await head.getByTestId('five-fixes').waitFor();
    await act(head, '提交完成', { 完成情况: '台账已建立，积案已清结', 佐证材料: '结案报告12份' });
    await waitForLine(head, '提交完成：台账已建立');

    await leader.reload();
    const completion = leader.getByTestId('approval').filter({ hasText: '台账已建立，积案已清结' });
    await completion.getByText('结案报告12份').waitFor();
    await decide(completion, '销号', { 审核意见: '同意销号' }, '同意销号');
    await completion.waitFor({ state: 'detached' });

    await completion.page().goto(`/measures/${id}`);
    await leader.getByTestId('light').getByText('已销号').waitFor();
    await waitForLine(leader, '销号（按期完成），意见：同意销号');
    await screenshot(leader, 'measure-detail-signed-off');

    const lines = await timelineLines(leader);
    // Newest first; every line has its time and who, by post and name.
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(STAMP);
    expect(lines[0]).toMatch(/党组成员 李敏 销号（按期完成），意见：同意销号$/);
    expect(lines[1]).toMatch(/民一庭庭长 刘洋 提交完成：台账已建立，积案已清结（佐证材料：结案报告12份）$/);
    expect(lines[2]).toMatch(
      new RegExp(`党组成员 李敏 批准延期：完成时限由 ${inDays(30)} 调整为 ${extendTo}，意见：同意延期$`),
    );
    expect(lines[3]).toMatch(
      new RegExp(
        `民一庭庭长 刘洋 申请延期：完成时限由 ${inDays(30)} 延至 ${extendTo}，理由：需等待鉴定结论$`,
      ),
    );
    expect(lines[4]).toMatch(/民一庭庭长 刘洋 报告进展：已完成初稿（60%）$/);
    expect(lines[5]).toMatch(/党组书记 王建国 交办整改措施 .*：建立长期未结案件台账，逐案督办/);
    // Signed off, there is nothing left to sign off.
    expect(
      await leader.getByTestId('actions').getByRole('button', { name: '销号', exact: true }).count(),
    ).toBe(0);
    const fixes = await leader.getByTestId('five-fixes').innerText();
    expect(fixes).toContain(`第1次：${inDays(30)} → ${extendTo}`);

    // The inspector reads the same history, line for line, and finds every chain intact.
    const inspector = await web.newPage();
    await openMeasure(inspector, 'jijian', id);
    await waitForLine(inspector, '销号（按期完成），意见：同意销号');
    expect(await timelineLines(inspector)).toEqual(lines);
    await inspector.goto('/audit');
    await inspector.getByRole('button', { name: /运行完整性校验/ }).click();
    await inspector
      .getByTestId('integrity-result')
      .getByText(/^校验通过：\d+ 条事件流、\d+ 个事件的哈希链完整/)
      .waitFor();

    // The administrator adds a second account for 民一庭; it logs in and finds the measure done.
    const admin = await web.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL(/\/system$/);
    await createAccount(admin, {
      username: 'minyi2',
      name: '周敏',
      password: 'Zhoumin@2026',
      role: '部门负责人',
      department: '民一庭',
    });
    await admin.getByTestId('created').getByText('已创建账号 周敏（minyi2）').waitFor();
    const newcomer = await web.newPage();
    await signInAs(newcomer, 'minyi2', 'Zhoumin@2026');
    await newcomer.waitForURL(/\/todo$/);
    await newcomer.getByTestId('who').getByText('周敏').waitFor();
    await newcomer.getByText('建立长期未结案件台账，逐案督办').first().waitFor();
  });

  it('shows the API field error beside the field it names', async () => {
    const id = await newMeasure('民一庭');
    const page = await web.newPage();
    await openMeasure(page, 'minyi', id);
    await page.getByTestId('actions').getByRole('button', { name: '报告进展', exact: true }).click();
    const form = page.getByRole('form', { name: '报告进展' });
    // Blank after trimming passes the browser's required check but not the server's.
    await form.getByLabel('进展情况').fill('   ');
    await form.getByLabel('完成百分比').fill('50');
    await form.getByRole('button', { name: '提交进展' }).click();
    const item = form.locator('.ant-form-item').filter({ has: page.getByLabel('进展情况') });
    await item.locator('.ant-form-item-explain-error').waitFor();
    expect(await item.locator('.ant-form-item-explain-error').innerText()).toMatch(/进展情况/);
  });
  it('records a double-clicked submission once', async () => {
    const id = await newMeasure('民一庭');
    const page = await web.newPage();
    await openMeasure(page, 'minyi', id);
    await page.getByTestId('actions').getByRole('button', { name: '报告进展', exact: true }).click();
    const form = page.getByRole('form', { name: '报告进展' });
    await form.getByLabel('进展情况').fill('双击提交的进展');
    await form.getByLabel('完成百分比').fill('20');
    await form.getByRole('button', { name: '提交进展' }).dblclick();
    await waitForLine(page, '报告进展：双击提交的进展（20%）');
    const history: { type: string }[] = (
      await web.api.http.get(`/api/v1/measures/${id}/history`).set(bearer(await web.token('minyi')))
    ).body;
    expect(history.filter((e) => e.type === 'ProgressReported')).toHaveLength(1);
    expect((await timelineLines(page)).filter((l) => l.includes('双击提交的进展'))).toHaveLength(1);
  });
});

describe('措施详情: two tabs, one measure', () => {
  it('refuses the stale tab with the conflict message, reloads it, and then records its report', async () => {
    const id = await newMeasure('民一庭');
    const first = await web.newPage();
    const second = await first.context().newPage();
    await openMeasure(first, 'minyi', id);
    await openMeasure(second, 'minyi', id);

    // The second tab opens its form on the measure as it first loaded.
    await second.getByTestId('actions').getByRole('button', { name: '报告进展', exact: true }).click();
    const form = second.getByRole('form', { name: '报告进展' });
    await form.getByLabel('进展情况').fill('第二个窗口的进展');
    await form.getByLabel('完成百分比').fill('40');

    await act(first, '报告进展', { 进展情况: '第一个窗口的进展', 完成百分比: '30' }, '提交进展');
    await waitForLine(first, '第一个窗口的进展');

    await form.getByRole('button', { name: '提交进展' }).click();
    await second
      .getByTestId('conflict')
      .getByText('该措施已被他人修改，已刷新为最新内容，请核对后重新提交')
      .waitFor();
    // Reloaded: the other tab's report is now in this one's timeline, and nothing of its own was recorded.
    await waitForLine(second, '第一个窗口的进展');
    expect((await timelineLines(second)).some((l) => l.includes('第二个窗口的进展'))).toBe(false);
    await screenshot(second, 'measure-conflict');

    await form.getByRole('button', { name: '提交进展' }).click();
    await form.waitFor({ state: 'detached' });
    await waitForLine(second, '报告进展：第二个窗口的进展（40%）');
    const reports = (await timelineLines(second)).filter((l) => l.includes('报告进展'));
    expect(reports).toHaveLength(2);
  });
});

describe('措施详情: only what the server allows', () => {
  it("shows a department head no action on another department's measure, nor its records", async () => {
    const id = await newMeasure('民二庭');
    const page = await web.newPage();
    await openMeasure(page, 'minyi', id);
    await page
      .getByTestId('history-forbidden')
      .getByText('办理记录仅供党组成员、纪检监察人员和本部门查看')
      .waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBe(0);
    await page.getByTestId('no-actions').getByText('当前没有您可办理的事项').waitFor();
    expect(await page.getByTestId('actions').getByRole('button').count()).toBe(0);
    await screenshot(page, 'measure-other-department');
  });
});

describe('我的待办 and 消息提醒', () => {
  it('lists my department measures most urgent first, with light and days, and a row opens the measure', async () => {
    const id = await newMeasure('民一庭');
    const mine: { id: string; number: string; daysLeft: number | null }[] = (
      await web.api.http.get('/api/v1/me/measures').set(bearer(await web.token('minyi')))
    ).body;
    const page = await web.newPage();
    await signIn(page, 'minyi');
    await page.waitForURL((url) => url.pathname === '/todo');
    const rows = page.locator('tr[data-row-key]');
    await rows.first().waitFor();
    // The server's order, so the first row is the most urgent one it knows.
    expect(await rows.first().getAttribute('data-row-key')).toBe(mine[0].id);
    expect(await rows.count()).toBe(Math.min(mine.length, 20));
    const first = await rows.first().innerText();
    expect(first).toMatch(/逾期|临期|正常推进|已销号/);
    if (mine[0].daysLeft !== null)
      expect(first).toContain(
        mine[0].daysLeft < 0
          ? `已逾期${-mine[0].daysLeft}天`
          : mine[0].daysLeft === 0
            ? '今天到期'
            : `还剩${mine[0].daysLeft}天`,
      );
    // Let the table's fade-in finish so the screenshot shows the page as a user sees it.
    await page.waitForTimeout(500);
    await screenshot(page, 'todo-minyi');

    const row = page.locator(`tr[data-row-key="${id}"]`);
    if ((await row.count()) === 0) return; // beyond the first page of a busy department
    expect(await row.innerText()).toContain('还剩30天');
    await row.click();
    await page.waitForURL((url) => url.pathname === `/measures/${id}`);
    await page.getByTestId('five-fixes').waitFor();
  });

  it('shows my alerts as the API has them, and 已阅 records that I saw one', async () => {
    const inbox: { alertId: string; acknowledged: boolean }[] = (
      await web.api.http.get('/api/v1/me/alerts').set(bearer(await web.token('minyi')))
    ).body;
    const page = await web.newPage();
    await signIn(page, 'minyi', '/alerts');
    await page.waitForURL((url) => url.pathname === '/alerts');
    const unread = inbox.filter((a) => !a.acknowledged).length;
    await page.getByText(`未读 ${unread} 条`).waitFor();
    await screenshot(page, 'alerts-minyi');
    if (inbox.length === 0) {
      await page.getByText('暂无提醒').waitFor();
      return;
    }
    expect(await page.locator('tr[data-row-key]').count()).toBe(Math.min(inbox.length, 20));
    if (unread > 0) {
      await page
        .getByRole('button', { name: /^标记措施 .* 的提醒为已阅$/ })
        .first()
        .click();
      await page.getByText(`未读 ${unread - 1} 条`).waitFor();
    }
  });
});
