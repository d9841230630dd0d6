import { screenshot, signIn, startWebHarness, WebHarness } from './browser-harness';
import { newMeasure } from './browser-measures';

/**
 * 佐证材料 through the pages: the department head attaches a photo of the rectified site while
 * submitting completion; the responsible leader opens it in the page, beside the decision, and
 * signs off on it.
 */

let web: WebHarness;
beforeAll(async () => {
  web = await startWebHarness();
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  // The preview is fetched from this server and shown from a blob: URL; nothing else is asked for.
  expect(web.foreign).toEqual([]);
});

/** A real 2×2 PNG (a scanner or a phone would send a larger one). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence files in the pages', () => {
  it('the head attaches a file while submitting completion; the leader previews it and signs off', async () => {
    const id = await newMeasure(web, '民一庭', '建立案件质效周通报制度');

    const head = await web.newPage();
    await signIn(head, 'minyi', `/measures/${id}`);
    await head.getByTestId('five-fixes').waitFor();
    await head.getByTestId('actions').getByRole('button', { name: '提交完成', exact: true }).click();
    const form = head.getByRole('form', { name: '提交完成' });
    await form.getByLabel('完成情况', { exact: true }).fill('周通报制度已建立并运行');
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: '整改现场照片.png', mimeType: 'image/png', buffer: PNG });
    // The upload's own line: its name, then done (its progress bar gone).
    const item = form.locator('.ant-upload-list-item').filter({ hasText: '整改现场照片.png' });
    await item.and(head.locator('.ant-upload-list-item-done')).waitFor();
    await screenshot(head, 'evidence-upload-done');
    await form.getByRole('button', { name: '提交完成' }).click();
    await form.waitFor({ state: 'detached' });
    await head.getByTestId('timeline').getByText('提交完成：周通报制度已建立并运行，附佐证材料1份').waitFor();
    await head.getByTestId('timeline').getByText('上传佐证材料：整改现场照片.png').waitFor();
    await head.getByTestId('evidence').getByText('整改现场照片.png').waitFor();

    // The leader decides from 审批, the evidence beside the decision.
    const leader = await web.newPage();
    await signIn(leader, 'limin', '/approvals');
    await leader.waitForURL((url) => url.pathname === '/approvals');
    const card = leader.getByTestId('approval').filter({ hasText: '周通报制度已建立并运行' });
    await card.getByTestId('submission-evidence').getByText('整改现场照片.png').waitFor();
    await card.getByRole('button', { name: '预览 整改现场照片.png' }).click();
    const image = leader.getByTestId('evidence-preview-image');
    await image.waitFor();
    // The very bytes the head uploaded, decoded by the browser: a 2×2 image.
    const size = await image.evaluate(
      (element) =>
        new Promise<number[]>((resolve) => {
          const img = element as unknown as {
            complete: boolean;
            naturalWidth: number;
            naturalHeight: number;
            addEventListener(type: 'load', listener: () => void): void;
          };
          const answer = () => resolve([img.naturalWidth, img.naturalHeight]);
          if (img.complete) answer();
          else img.addEventListener('load', answer);
        }),
    );
    expect(size).toEqual([2, 2]);
    await screenshot(leader, 'evidence-preview');
    await leader.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
    await leader.getByRole('dialog').waitFor({ state: 'hidden' });

    await card.getByRole('button', { name: '销号', exact: true }).click();
    const decision = card.getByRole('form', { name: '销号' });
    await decision.getByLabel('审核意见', { exact: true }).fill('佐证材料齐全，同意销号');
    await decision.getByRole('button', { name: '同意销号' }).click();
    await card.waitFor({ state: 'detached' });

    await leader.goto(`/measures/${id}`);
    await leader.getByTestId('light').getByText('已销号').waitFor();
    await leader
      .getByTestId('timeline')
      .getByText('销号（按期完成），意见：佐证材料齐全，同意销号')
      .waitFor();
    await leader.getByTestId('evidence').getByText('整改现场照片.png').waitFor();
  });
});
