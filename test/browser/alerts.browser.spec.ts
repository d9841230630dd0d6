import { raiseDeadlineAlert } from '../support/raise-alert';
import { newMeasure } from './browser-measures';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

let web: WebHarness;
beforeAll(async () => {
  web = await startWebHarness();
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

interface InboxAlert {
  measureId: string;
  alertId: string;
  acknowledged: boolean;
}

describe('消息提醒 in the browser', () => {
  it('a department head marks an alert 已阅: the row says so, the bell counts one fewer, the API agrees', async () => {
    const measureId = await newMeasure(web, '民一庭', '浏览器测试：清理超期未结案件');
    const alertId = await raiseDeadlineAlert(web.api, measureId, 'due_soon');
    const token = await web.token('minyi');
    const inbox = async () =>
      (
        await web.api.http
          .get('/api/v1/me/alerts')
          .set({ Authorization: `Bearer ${token}` })
          .expect(200)
      ).body as InboxAlert[];
    const before = await inbox();
    const unreadBefore = before.filter((a) => !a.acknowledged).length;
    expect(before.find((a) => a.alertId === alertId && a.measureId === measureId)?.acknowledged).toBe(false);

    const page = await web.newPage();
    await signIn(page, 'minyi', '/alerts');
    await page.waitForURL((url) => url.pathname === '/alerts');
    await page.getByRole('button', { name: `消息提醒，未读 ${unreadBefore} 条` }).waitFor();
    const row = page.locator(`tr[data-row-key="${measureId}-${alertId}"]`);
    await row.getByText('临期').waitFor();
    await row.getByRole('button', { name: /的提醒为已阅$/ }).click();

    await page.getByText('已标记为已阅').waitFor();
    // The button gives way to the word: nothing is left to click on that row.
    await row.getByText('已阅', { exact: true }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: `消息提醒，未读 ${unreadBefore - 1} 条` }).waitFor();
    await page.getByText(`未读 ${unreadBefore - 1} 条`, { exact: true }).waitFor();
    await screenshot(page, 'alerts-acknowledged');

    const after = await inbox();
    expect(after.find((a) => a.alertId === alertId && a.measureId === measureId)?.acknowledged).toBe(true);
    expect(after.filter((a) => !a.acknowledged)).toHaveLength(unreadBefore - 1);
    // Still so after a reload: it was recorded, not just hidden.
    await page.reload();
    await row.getByText('已阅', { exact: true }).waitFor();
    await page.getByRole('button', { name: `消息提醒，未读 ${unreadBefore - 1} 条` }).waitFor();
  });
});
