import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { createAccount, fieldError, pick, signInAs, typeDate } from './page-actions';

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

async function campaignsTitled(title: string): Promise<{ id: string }[]> {
  const response = await web.api.http.get('/api/v1/campaigns').set('Authorization', `Bearer ${token}`);
  return (response.body as { id: string; title: string }[]).filter((c) => c.title === title);
}

describe('新建 in the browser', () => {
  it('lets the secretary create a campaign, a problem and a measure through the pages, and the measure shows on the board', async () => {
    const page = await web.newPage();
    await signIn(page, 'shuji');
    await page.waitForURL(/\/board$/);
    await page.getByRole('menuitem', { name: '新建' }).click();
    await page.waitForURL(/\/new$/);

    // An empty form is refused by the API, and each message stands beside its own field.
    await page.getByRole('button', { name: /创建专项/ }).click();
    await fieldError(page, '专项名称').getByText('专项名称不能为空').waitFor();
    await fieldError(page, '问题来源').getByText('问题来源不能为空').waitFor();
    await screenshot(page, 'new-campaign-errors');

    const title = '2026年审判作风专项整改（浏览器测试）';
    await page.getByLabel('专项名称').fill(title);
    await pick(page, '问题来源', '巡视巡察反馈');
    await typeDate(page, '印发日期', '2026-11-20');
    await page.getByLabel('说明').fill('根据巡察反馈意见制定');
    // A double click sends one command twice with one Idempotency-Key: the campaign is recorded once.
    await page.getByRole('button', { name: /创建专项/ }).dblclick();
    await page.getByTestId('created').getByText(`已创建整改专项“${title}”`).waitFor();
    expect(await campaignsTitled(title)).toHaveLength(1);
    await screenshot(page, 'new-campaign-created');

    await page.getByRole('tab', { name: '新建问题' }).click();
    await pick(page, '整改专项', title);
    await page.getByLabel('问题', { exact: true }).fill('立案材料一次性告知落实不到位');
    await pick(page, '责任部门', '立案庭');
    await page.keyboard.press('Escape');
    await page.getByLabel('问题类别').fill('诉讼服务');
    await page.getByLabel('原因分析').fill('告知清单未及时更新');
    await page.getByRole('button', { name: /记录问题/ }).click();
    await page.getByTestId('created').getByText('已记录问题 1“立案材料一次性告知落实不到位”').waitFor();
    await screenshot(page, 'new-problem-created');

    await page.getByRole('tab', { name: '新建措施' }).click();
    await pick(page, '整改专项', title);
    await pick(page, '所属问题', '1. 立案材料一次性告知落实不到位');
    const content = '修订立案材料一次性告知清单并上墙公示';
    await page.getByLabel('整改措施').fill(content);
    await page.getByLabel('整改目标').fill('当事人一次备齐材料');
    // The kind switches the deadline for a reporting period, and back.
    await page.getByText('长期坚持', { exact: true }).click();
    await page.getByLabel('报告周期（天）').waitFor();
    expect(await page.getByLabel('完成时限', { exact: true }).count()).toBe(0);
    await page.getByText('限期整改', { exact: true }).click();
    await typeDate(page, '完成时限', '2027-03-31');
    await pick(page, '责任领导', '李敏');
    await pick(page, '责任部门', '立案庭');
    await page.getByLabel('责任人').fill('陈立');
    await page.getByRole('button', { name: /添加节点/ }).click();
    await page.getByLabel('节点1名称').fill('形成清单初稿');
    await typeDate(page, '节点1时间', '2027-01-15');
    await screenshot(page, 'new-measure-form');
    await page.getByRole('button', { name: /添加措施/ }).click();
    const open = page.getByTestId('created').getByRole('link', { name: /打开措施/ });
    await open.waitFor();
    await screenshot(page, 'new-measure-created');
    await open.click();
    await page.waitForURL(/\/measures\/[^/]+$/);
    await page.getByText(content).first().waitFor();
    // The five fixes arrived as typed: deadline and milestone included.
    await page.getByText('2027-03-31').first().waitFor();
    await page.getByText('2027-01-15 形成清单初稿').first().waitFor();

    const [campaign] = await campaignsTitled(title);
    await page.goto(`/board?campaignId=${campaign.id}`);
    const row = page.locator('[data-testid=board-table] tr[data-row-key]').filter({ hasText: content });
    await row.waitFor();
    expect(await row.innerText()).toContain('李敏');
    expect(await row.innerText()).toContain('立案庭');
  });

  it('shows a measure refused for want of a deadline with the message beside 完成时限', async () => {
    const page = await web.newPage();
    await signIn(page, 'limin');
    await page.waitForURL(/\/board$/);
    await page.goto('/new?tab=measure');
    const campaigns = (await web.api.http.get('/api/v1/campaigns').set('Authorization', `Bearer ${token}`))
      .body as { title: string }[];
    await pick(page, '整改专项', campaigns[0].title);
    await pick(page, '所属问题', '1. ');
    await page.getByLabel('整改措施').fill('没有时限的措施');
    await pick(page, '责任领导', '李敏');
    await pick(page, '责任部门', '民一庭');
    await page.getByLabel('责任人').fill('刘洋');
    await page.getByRole('button', { name: /添加措施/ }).click();
    await fieldError(page, '完成时限').first().waitFor();
    expect(await fieldError(page, '完成时限').first().innerText()).toContain('完成时限');
    expect(await page.getByTestId('created').count()).toBe(0);
  });

  it('gives a leader 新建 but no 系统管理', async () => {
    const page = await web.newPage();
    await signIn(page, 'limin');
    await page.waitForURL(/\/board$/);
    await page.getByRole('menuitem', { name: '新建' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '系统管理' }).count()).toBe(0);
  });
});

describe('系统管理 in the browser', () => {
  it('lets the administrator create a department and an account for it, and that account then logs in', async () => {
    const page = await web.newPage();
    await signIn(page, 'admin');
    await page.waitForURL(/\/system$/);
    await page.getByTestId('accounts-table').getByText('dangwei', { exact: true }).waitFor();
    await screenshot(page, 'system-accounts');

    await page.getByRole('tab', { name: '部门' }).click();
    await page.getByTestId('departments-table').getByText('立案庭', { exact: true }).waitFor();
    await page.getByLabel('部门名称').fill('审判管理办公室');
    await page.getByRole('button', { name: /新建部门/ }).click();
    await page.getByTestId('created').getByText('已创建部门“审判管理办公室”').waitFor();
    await page.getByTestId('departments-table').getByText('审判管理办公室', { exact: true }).waitFor();
    await screenshot(page, 'system-departments');

    // 机构改革: a department renamed, another retired (kept in the list, marked 已撤销).
    const departmentRow = (name: string) =>
      page.getByTestId('departments-table').locator('tr').filter({ hasText: name });
    await departmentRow('机关党委')
      .getByRole('button', { name: /更\s*名/ })
      .click();
    await page.getByLabel('新名称').fill('机关党委办公室');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await departmentRow('机关党委办公室').waitFor();
    await departmentRow('政治部')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await departmentRow('政治部').getByText('已撤销').waitFor();
    await screenshot(page, 'system-departments-changed');

    const account = { username: 'shenguan', name: '钱程', role: '部门负责人', department: '审判管理办公室' };
    // The API's rule on the password shows under the password field.
    await createAccount(page, { ...account, password: 'short' });
    await fieldError(page, '初始密码').getByText('密码不能少于10个字符').waitFor();
    await screenshot(page, 'system-account-error');
    await page.getByLabel('初始密码').fill('Qiancheng-Court@2026');
    await page.getByRole('button', { name: /新建账号/ }).click();
    await page.getByTestId('created').getByText('已创建账号 钱程（shenguan）').waitFor();
    const row = page.getByTestId('accounts-table').locator('tr').filter({ hasText: 'shenguan' });
    await row.waitFor();
    expect(await row.innerText()).toContain('审判管理办公室');

    const fresh = await web.newPage();
    await signInAs(fresh, 'shenguan', 'Qiancheng-Court@2026');
    await fresh.waitForURL(/\/todo$/);
    await fresh.getByTestId('who').getByText('钱程').waitFor();
    // The header names the department once GET /me has answered.
    await fresh
      .getByTestId('who')
      .getByText(/审判管理办公室/)
      .waitFor();
    await screenshot(fresh, 'system-new-account-home');
  });

  it('resets a password to a one-time one the user must replace at once, and disables an account whose session then ends', async () => {
    const admin = await web.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL(/\/system$/);
    await createAccount(admin, {
      username: 'zhixing2',
      name: '孙立',
      password: 'Sunli-Court@2026',
      role: '部门负责人',
      department: '执行局',
    });
    await admin.getByTestId('created').getByText('已创建账号 孙立（zhixing2）').waitFor();
    const row = admin.getByTestId('accounts-table').locator('tr').filter({ hasText: 'zhixing2' });
    await row.getByText('正常').waitFor();

    const user = await web.newPage();
    await signInAs(user, 'zhixing2', 'Sunli-Court@2026');
    await user.waitForURL(/\/todo$/);

    await row.getByRole('button', { name: '重置密码' }).click();
    await admin.getByRole('button', { name: /确\s*定|OK/ }).click();
    const temporary = (await admin.getByTestId('temporary-password').innerText()).trim();
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await screenshot(admin, 'system-temporary-password');
    await admin.getByRole('button', { name: '已告知本人' }).click();
    await row.getByText('待改临时密码').waitFor();

    // The user's session ended with the reset; the temporary password opens only 修改密码.
    await user.reload();
    await user.waitForURL(/\/login/);
    await signInAs(user, 'zhixing2', temporary);
    await user.waitForURL(/\/password$/);
    await user.getByText('您正在使用系统管理员重置的临时密码').waitFor();
    await user.goto('/board');
    await user.waitForURL(/\/password$/);
    await user.getByLabel('临时密码').fill(temporary);
    await user.getByLabel('新密码', { exact: true }).fill('1234567890');
    await user.getByLabel('确认新密码').fill('1234567890');
    await user
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await fieldError(user, '新密码')
      .getByText(/密码太容易被猜到/)
      .waitFor();
    await screenshot(user, 'password-forced-error');
    await user.getByLabel('新密码', { exact: true }).fill('Sunli-Xin-Mima-2026');
    await user.getByLabel('确认新密码').fill('Sunli-Xin-Mima-2026');
    await user
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await user.waitForURL(/\/todo$/);

    // Disabled, the account's open page is sent to the login page at its next request.
    await admin.reload();
    const again = admin.getByTestId('accounts-table').locator('tr').filter({ hasText: 'zhixing2' });
    await again.getByRole('button', { name: /停\s*用/ }).click();
    await admin.getByRole('button', { name: /确\s*定|OK/ }).click();
    await again.getByText('已停用').waitFor();
    await screenshot(admin, 'system-account-disabled');
    await user.reload();
    await user.waitForURL(/\/login/);
    await signInAs(user, 'zhixing2', 'Sunli-Xin-Mima-2026');
    await user.getByRole('alert').getByText('该账号已停用，请联系系统管理员').waitFor();
  });

  it('opens a confirmation at once for a user whose system asks for reduced motion, and zooms it in otherwise', async () => {
    const zoomOfFirstPopover = async (motion: 'reduce' | 'no-preference') => {
      const page = await web.newPage(undefined, motion);
      await signIn(page, 'admin');
      await page.waitForURL(/\/system$/);
      const row = page.getByTestId('accounts-table').locator('tr').filter({ hasText: 'bangongshi' });
      await row.getByRole('button', { name: /停\s*用/ }).waitFor();
      // How long the pop-up is set to zoom in, read as it is inserted, before any frame has passed.
      await page.evaluate(`
        new MutationObserver((records, observer) => {
          for (const added of records.flatMap((r) => [...r.addedNodes]))
            for (const node of added instanceof Element ? [added, ...added.querySelectorAll('*')] : [])
              if (node.classList.contains('ant-popover')) {
                window.popoverZoom = getComputedStyle(node).animationDuration;
                observer.disconnect();
              }
        }).observe(document.body, { childList: true, subtree: true });
      `);
      await row.getByRole('button', { name: /停\s*用/ }).click();
      await page.getByText('停用 许静 的账号？').waitFor();
      return page.evaluate('window.popoverZoom');
    };
    expect(await zoomOfFirstPopover('reduce')).toBe('0s');
    expect(await zoomOfFirstPopover('no-preference')).toMatch(/^0\.[1-9]\d*s$/);
  });

  it('keeps 系统管理 from a leader who opens its address', async () => {
    const page = await web.newPage();
    await signIn(page, 'limin');
    await page.waitForURL(/\/board$/);
    await page.goto('/system');
    await page.getByText('系统管理仅限系统管理员使用').waitFor();
    expect(await page.getByTestId('accounts-table').count()).toBe(0);
  });
});

describe('审计 in the browser', () => {
  it('lets the inspector filter the event feed, open a measure history and run the integrity check', async () => {
    const page = await web.newPage();
    await signIn(page, 'jijian');
    await page.waitForURL(/\/audit$/);
    const table = page.getByTestId('audit-table');
    await table.locator('tr[data-row-key]').first().waitFor();
    await screenshot(page, 'audit-feed');

    // The stream is matched exactly, or by a prefix ending in *, when the inspector presses Enter.
    await page.getByLabel('事件流').fill('no-such-stream');
    await page.getByLabel('事件流').press('Enter');
    await table.getByText('没有符合条件的事件').waitFor();
    await page.getByLabel('事件流').fill('measure-*');
    await page.getByLabel('事件流').press('Enter');
    await table.locator('tr[data-row-key]').first().waitFor();
    const streams = await table.locator('tr[data-row-key] td:nth-child(3)').allInnerTexts();
    expect(streams.every((s) => s.startsWith('measure-'))).toBe(true);
    // Then one type among them: every row left is of that type, on a measure stream.
    const type = await table.locator('tr[data-row-key] td:nth-child(5)').first().innerText();
    await pick(page, '事件类型', type);
    await page.keyboard.press('Escape');
    let types: string[] = [];
    for (let i = 0; i < 100; i++) {
      types = await table.locator('tr[data-row-key] td:nth-child(5)').allInnerTexts();
      if (types.length > 0 && types.every((t) => t === type)) break;
      await page.waitForTimeout(100);
    }
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set([type]));
    await page
      .getByTestId('audit-count')
      .getByText(/已加载 \d+ 个符合条件的事件/)
      .waitFor();
    await screenshot(page, 'audit-filtered');

    await page.getByRole('button', { name: /运行完整性校验/ }).click();
    await page
      .getByTestId('integrity-result')
      .getByText(/^校验通过：\d+ 条事件流、\d+ 个事件的哈希链完整/)
      .waitFor();
    await screenshot(page, 'audit-integrity');

    const link = table.getByRole('link').first();
    const stream = await link.innerText();
    await link.click();
    await page.waitForURL((url) => url.pathname === `/measures/${stream.slice('measure-'.length)}`);
  });
});
