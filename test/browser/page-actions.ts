import { Page } from 'playwright-core';

/**
 * Opens an antd Select by its label and clicks the option whose text is `option`, until the select
 * shows it: a click landing while the list still slides in can miss the option, and the list is
 * then closed with nothing picked (seen once in a loaded run, as a measure saved without its
 * department).
 */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  const shown = input
    .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .locator('.ant-select-selection-item')
    .filter({ hasText: option });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    await selectClosed(page);
    if ((await shown.count()) > 0 || attempt === 3) return;
  }
}

/**
 * antd closes a select's list after its animation; a click landing mid-animation can leave it open
 * over the form, where it takes the next click meant for a button. Closes it as a user would.
 */
export async function selectClosed(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible').first();
  const closed = () => open.waitFor({ state: 'hidden', timeout: 2_000 });
  await closed().catch(async () => {
    await page.keyboard.press('Escape');
    await closed();
  });
}

export async function typeDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  // Tab, not Enter: Enter in a form's field submits the form, as in any HTML form.
  await input.press('Tab');
}

/** The error text antd shows under the form field labelled `label`. */
export function fieldError(page: Page, label: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`label:text-is("${label}")`) })
    .locator('.ant-form-item-explain-error');
}

/** On 系统管理 → 账号, as the administrator: fills and submits the new-account form. */
export async function createAccount(
  page: Page,
  account: { username: string; name: string; password: string; role: string; department: string },
): Promise<void> {
  await page.getByRole('tab', { name: '账号' }).click();
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('姓名').fill(account.name);
  await page.getByLabel('初始密码').fill(account.password);
  await pick(page, '角色', account.role);
  await pick(page, '所在部门', account.department);
  await page.getByRole('button', { name: /新建账号/ }).click();
}

/** Signs in with a password of the account's own (not the demo one) from the login page. */
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * On 新建, as a leader: a campaign, one problem for `department` and one deadline measure led by
 * `leader`, through the three forms; answers the new measure's id (from its 打开措施 link).
 */
export async function createMeasureThroughPages(
  page: Page,
  m: {
    campaign: string;
    issuedOn: string;
    problem: string;
    content: string;
    leader: string;
    department: string;
    person: string;
    dueDate: string;
    milestone: { title: string; dueDate: string };
  },
): Promise<string> {
  await page.goto('/new');
  await page.getByLabel('专项名称').fill(m.campaign);
  await pick(page, '问题来源', '巡视巡察反馈');
  await typeDate(page, '印发日期', m.issuedOn);
  await page.getByRole('button', { name: /创建专项/ }).click();
  await page.getByTestId('created').getByText(`已创建整改专项“${m.campaign}”`).waitFor();

  await page.getByRole('tab', { name: '新建问题' }).click();
  await pick(page, '整改专项', m.campaign);
  await page.getByLabel('问题', { exact: true }).fill(m.problem);
  await pick(page, '责任部门', m.department);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /记录问题/ }).click();
  await page.getByTestId('created').getByText(`“${m.problem}”`).waitFor();

  await page.getByRole('tab', { name: '新建措施' }).click();
  await pick(page, '整改专项', m.campaign);
  await pick(page, '所属问题', m.problem);
  await page.getByLabel('整改措施').fill(m.content);
  await typeDate(page, '完成时限', m.dueDate);
  await pick(page, '责任领导', m.leader);
  await pick(page, '责任部门', m.department);
  await page.getByLabel('责任人').fill(m.person);
  await page.getByRole('button', { name: /添加节点/ }).click();
  await page.getByLabel('节点1名称').fill(m.milestone.title);
  await typeDate(page, '节点1时间', m.milestone.dueDate);
  await page.getByRole('button', { name: /添加措施/ }).click();
  const open = page.getByTestId('created').getByRole('link', { name: /打开措施/ });
  const href = await open.getAttribute('href');
  const id = /\/measures\/([^/?#]+)$/.exec(href ?? '')?.[1];
  if (!id) throw new Error(`no measure link after 添加措施 (href ${href})`);
  return decodeURIComponent(id);
}
