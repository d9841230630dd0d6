import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

let web: WebHarness;
let headId: string;
beforeAll(async () => {
  web = await startWebHarness();
  const admin = await web.token('admin');
  const departments = await web.api.http.get('/api/v1/departments').set('Authorization', `Bearer ${admin}`);
  headId = (
    await web.api.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        username: 'zhou-tingzhang',
        password: 'Qiang-Mima-2026!',
        displayName: '周庭长',
        role: 'department_head',
        departmentId: departments.body[0].id,
      })
      .expect(201)
  ).body.id;
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  expect(web.foreign).toEqual([]);
});

describe('授权确认 in the browser', () => {
  it('the administrator asks for the leader role; the account keeps its role until the secretary confirms on 授权确认', async () => {
    const admin = await web.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL(/\/system$/);
    const row = admin
      .locator('[data-testid=accounts-table] tr[data-row-key]')
      .filter({ hasText: 'zhou-tingzhang' });
    await row.getByRole('button', { name: /调\s*整/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('角色', { exact: true }).click();
    await admin
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '党组成员' })
      .click();
    // The choice must have taken before saving (an unchanged form asks for nothing).
    await dialog.getByTitle('党组成员（领导）').waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByTestId('grant-asked').getByText('已提交授权申请').waitFor();
    await screenshot(admin, 'grant-asked');
    await dialog.getByRole('button', { name: /知道了/ }).click();
    await row.getByText('待书记确认：党组成员').waitFor();
    await row.getByText('部门负责人').waitFor();
    await screenshot(admin, 'grant-pending-in-accounts');

    const secretary = await web.newPage();
    await signIn(secretary, 'shuji');
    await secretary.waitForURL(/\/board$/);
    await secretary.getByRole('menuitem', { name: '授权确认' }).click();
    await secretary.waitForURL(/\/grants$/);
    const grant = secretary
      .locator('[data-testid=grants-table] tr[data-row-key]')
      .filter({ hasText: '周庭长' });
    await grant.getByText('待确认').waitFor();
    await grant.getByText('系统管理员').waitFor();
    await screenshot(secretary, 'grants-pending');
    await grant.getByRole('button', { name: /确\s*认/ }).click();
    await secretary
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await grant.getByText('已确认').waitFor();
    await screenshot(secretary, 'grants-confirmed');

    await admin.reload();
    const confirmed = admin
      .locator('[data-testid=accounts-table] tr[data-row-key]')
      .filter({ hasText: 'zhou-tingzhang' });
    await confirmed.getByText('党组成员').waitFor();
    expect(await confirmed.getByText('待书记确认').count()).toBe(0);
    const me = await web.api.http
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${await web.token('admin')}`);
    expect(me.body.find((u: { id: string }) => u.id === headId)).toMatchObject({
      role: 'leader',
      departmentId: null,
    });
  });

  it('a department head has no 授权确认; an inspector reads 授权记录 without the buttons', async () => {
    // A grant of its own, so this test stands alone.
    const admin = `Bearer ${await web.token('admin')}`;
    const users = (await web.api.http.get('/api/v1/users').set('Authorization', admin)).body as {
      id: string;
      username: string;
    }[];
    const lian = users.find((u) => u.username === 'lian') as { id: string };
    await web.api.http
      .patch(`/api/v1/users/${lian.id}`)
      .set('Authorization', admin)
      .send({ role: 'leader', departmentId: null })
      .expect(200);
    const inspector = await web.newPage();
    await signIn(inspector, 'jijian');
    await inspector.getByRole('menuitem', { name: '授权记录' }).click();
    await inspector.waitForURL(/\/grants$/);
    await inspector.locator('[data-testid=grants-table] tr[data-row-key]').first().waitFor();
    expect(await inspector.getByRole('button', { name: /确\s*认/ }).count()).toBe(0);
    const head = await web.newPage();
    await signIn(head, 'minyi');
    await head.getByRole('menuitem', { name: '我的待办' }).waitFor();
    expect(await head.getByRole('menuitem', { name: /授权/ }).count()).toBe(0);
  });
});
