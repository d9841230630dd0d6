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
  // Made a Party-group member through the API (asked by the administrator, confirmed by the
  // secretary), so the page can ask for the secretary post for a leader on its first page.
  const asked = await web.api.http
    .patch(`/api/v1/users/${headId}`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ role: 'leader', departmentId: null })
    .expect(200);
  await web.api.http
    .post(`/api/v1/grants/${asked.body.pendingGrant.id}/confirm`)
    .set('Authorization', `Bearer ${await web.token('shuji')}`)
    .expect(200);
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  expect(web.foreign).toEqual([]);
});

describe('授权确认 in the browser', () => {
  it('the administrator asks for the secretary post; nothing changes until the secretary confirms, then the post passes over', async () => {
    expect(headId).toEqual(expect.any(String));
    const admin = await web.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL(/\/system$/);
    const rowOf = (username: string) =>
      admin.locator('[data-testid=accounts-table] tr[data-row-key]').filter({ hasText: username });
    await rowOf('zhou-tingzhang')
      .getByRole('button', { name: /调\s*整/ })
      .click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByTestId('grant-asked').getByText('已提交授权申请').waitFor();
    await screenshot(admin, 'grant-asked');
    await dialog.getByRole('button', { name: /知道了/ }).click();
    await rowOf('zhou-tingzhang').getByText('待书记确认：党组书记').waitFor();
    await rowOf('zhou-tingzhang').getByText('党组成员', { exact: true }).waitFor();
    await screenshot(admin, 'grant-pending-in-accounts');

    const secretary = await web.newPage();
    await signIn(secretary, 'shuji');
    await secretary.waitForURL(/\/board$/);
    await secretary.getByRole('menuitem', { name: '授权确认' }).click();
    await secretary.waitForURL(/\/grants$/);
    const grant = secretary
      .locator('[data-testid=grants-table] tr[data-row-key]')
      .filter({ hasText: '周庭长' })
      .filter({ hasText: '待确认' });
    await grant.getByText('待确认').waitFor();
    await grant.getByText('系统管理员').waitFor();
    await screenshot(secretary, 'grants-pending');
    await grant.getByRole('button', { name: /确\s*认/ }).click();
    const handOver = secretary.locator('.ant-popconfirm');
    await handOver.getByText('书记职务随即交接').waitFor();
    await handOver.getByRole('button', { name: /确\s*定|OK/ }).click();
    // The post passed over: the former secretary's position changed, so their session ended.
    await secretary.waitForURL(/\/login/);

    await admin.reload();
    await rowOf('zhou-tingzhang').getByText('党组书记', { exact: true }).waitFor();
    const users = (
      await web.api.http.get('/api/v1/users').set('Authorization', `Bearer ${await web.token('admin')}`)
    ).body as { username: string; secretary: boolean }[];
    expect(users.filter((u) => u.secretary).map((u) => u.username)).toEqual(['zhou-tingzhang']);
    expect(await rowOf('zhou-tingzhang').getByText('待书记确认').count()).toBe(0);
    await screenshot(admin, 'grant-confirmed-in-accounts');
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
