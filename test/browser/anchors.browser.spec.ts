import { readFileSync } from 'node:fs';
import { unzipFiles, verifyBundle } from '@tracker/audit';
import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';

let web: WebHarness;

beforeAll(async () => {
  web = await startWebHarness();
}, 120_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

describe('锚点与导出: the inspector’s anchors, integrity check and audit export', () => {
  it('takes an anchor, finds the history consistent with it, and downloads an export that verifies offline', async () => {
    const page = await web.newPage();
    await signIn(page, 'jijian', '/audit/anchors');
    await page.waitForURL(/\/audit\/anchors$/);
    await page.getByTestId('record-anchor').click();
    const row = page.getByTestId('anchor-table').locator('tr[data-row-key]').first();
    await row.getByText('第1号').waitFor();
    await row.getByText('有效').waitFor();
    const fingerprint = (await row.locator('code').innerText()).trim();
    expect(fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    await page.getByText('BEGIN PUBLIC KEY').waitFor();
    await screenshot(page, 'audit-anchors');

    const download = page.waitForEvent('download');
    await page.getByTestId('download-audit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计导出-全院-\d{4}-\d{2}-\d{2}\.zip$/);
    const verdict = verifyBundle(await unzipFiles(readFileSync((await file.path())!)));
    expect(verdict).toMatchObject({ ok: true, failures: [], checked: { anchors: 1 } });

    await page.getByRole('menuitem', { name: '审计', exact: true }).click();
    await page.waitForURL(/\/audit$/);
    await page.getByRole('button', { name: '运行完整性校验' }).click();
    const result = page.getByTestId('integrity-result');
    await result.getByText(/^校验通过：.*与 1 个审计锚点一致/).waitFor();
    await screenshot(page, 'audit-integrity');
  });
});
