/**
 * The web UI's weight and speed, printed, never asserted (bench/ rule: ratios against a baseline in
 * the same run). Needs the built UI (npm run bench:web builds it) and Debian's Chromium.
 *
 *   - gzip bytes the browser receives to show the login page, and the wall chart (assets and API apart);
 *   - ms from navigation to the wall chart fully rendered with 1,000 measures, beside a blank static
 *     page from the same server.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Page } from 'playwright-core';
import { login, startTestApp, TestApp } from '../test/support/test-app';

const MEASURES = 1_000;
const RUNS = 5;
const WEB = join(__dirname, '..', 'dist', 'web');
const BLANK = join(WEB, 'bench-blank.html');

async function seed(api: TestApp, token: string): Promise<string> {
  const auth = { Authorization: `Bearer ${token}` };
  const departments: { id: string }[] = (await api.http.get('/api/v1/departments').set(auth)).body;
  const leaders: { id: string }[] = (await api.http.get('/api/v1/leaders').set(auth)).body;
  const campaign = await api.http
    .post('/api/v1/campaigns')
    .set(auth)
    .send({ title: '基准测试专项（1000项措施）', source: 'self_inspection', issuedOn: '2026-01-05' })
    .expect(201);
  const campaignId: string = campaign.body.id;
  const perProblem = 20;
  for (let p = 0; p < MEASURES / perProblem; p++) {
    const department = departments[p % departments.length].id;
    const problem = await api.http
      .post(`/api/v1/campaigns/${campaignId}/problems`)
      .set(auth)
      .send({ title: `基准问题${p + 1}：工作作风方面存在的问题`, departmentIds: [department] })
      .expect(201);
    for (let m = 0; m < perProblem; m++) {
      const day = String(1 + ((p + m) % 28)).padStart(2, '0');
      await api.http
        .post(`/api/v1/problems/${problem.body.id}/measures`)
        .set(auth)
        .send({
          content: `第${p + 1}个问题的第${m + 1}项整改措施：建立台账、明确责任、限期办结`,
          kind: 'deadline',
          responsibleLeaderId: leaders[(p + m) % leaders.length].id,
          departmentId: department,
          responsiblePerson: `责任人${m + 1}`,
          dueDate: `2027-0${1 + (m % 9)}-${day}`,
        })
        .expect(201);
    }
  }
  return campaignId;
}

interface Load {
  ms: number;
  assetBytes: number;
  apiBytes: number;
}

/** Navigates and waits for `ready`; counts encoded (on-the-wire) body bytes of every response. */
async function measure(page: Page, url: string, ready: (page: Page) => Promise<unknown>): Promise<Load> {
  const responses: Promise<{ api: boolean; bytes: number }>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    responses.push(
      response
        .request()
        .sizes()
        .then((s) => ({
          api: new URL(response.url()).pathname.startsWith('/api/'),
          bytes: s.responseBodySize + s.responseHeadersSize,
        })),
    );
  };
  page.on('response', onResponse);
  const started = performance.now();
  await page.goto(url);
  await ready(page);
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const sizes = await Promise.all(responses);
  return {
    ms,
    assetBytes: sizes.filter((s) => !s.api).reduce((a, s) => a + s.bytes, 0),
    apiBytes: sizes.filter((s) => s.api).reduce((a, s) => a + s.bytes, 0),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error('dist/web is missing: run npm run build:web');
  if (!existsSync('/usr/bin/chromium')) {
    console.log("SKIPPED: the web bench needs Debian's chromium (apt-get install chromium)");
    return;
  }
  // The baseline: a static page from the same server, through the same code path as index.html.
  writeFileSync(
    BLANK,
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>空白</title></head><body>空白页</body></html>',
  );
  const api = await startTestApp({ demo: true, now: new Date().toISOString() });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const origin = await api.app.getUrl();
    const token = await login(api.http, 'shuji', 'Demo@2026');
    const user = (
      await api.http.post('/api/v1/auth/login').send({ username: 'shuji', password: 'Demo@2026' })
    ).body.user;
    const seeding = performance.now();
    const campaignId = await seed(api, token);
    console.log(
      `seeded ${MEASURES} measures through the HTTP API in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const fresh = async () => {
      // A new context each run: an empty cache, as a first visit; signed in through sessionStorage.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: origin });
      await context.addInitScript(
        ([t, u]) => {
          const storage = (
            globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
          ).sessionStorage;
          storage.setItem('tracker.token', t);
          storage.setItem('tracker.user', u);
        },
        [token, JSON.stringify(user)],
      );
      return context;
    };
    const blank: Load[] = [];
    const loginPage: Load[] = [];
    const board: Load[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await fresh();
      const page = await context.newPage();
      blank.push(await measure(page, '/bench-blank.html', (p) => p.getByText('空白页').waitFor()));
      const anonymous = await browser.newContext({ baseURL: origin });
      loginPage.push(
        await measure(await anonymous.newPage(), '/login', (p) =>
          p.getByRole('button', { name: /登\s*录/ }).waitFor(),
        ),
      );
      board.push(
        await measure(await context.newPage(), `/board?campaignId=${campaignId}`, async (p) => {
          // Locators, not a string predicate: the page's CSP (no unsafe-eval) refuses evaluated strings.
          const total = new RegExp(`^${String(MEASURES).replace(/\B(?=(\d{3})+$)/g, ',?')}$`);
          await p
            .locator('[data-total=measures] .ant-statistic-content')
            .filter({ hasText: total })
            .waitFor({ timeout: 60_000 });
          await p.locator('[data-testid=board-table] tr[data-row-key]').nth(49).waitFor({ timeout: 60_000 });
        }),
      );
      await anonymous.close();
      await context.close();
    }
    const b = median(blank.map((l) => l.ms));
    const w = median(board.map((l) => l.ms));
    console.log(`\nweb UI, ${RUNS} cold runs each, medians (Chromium ${browser.version()}, 1366×768)`);
    console.log(
      `  blank static page (baseline)     ${b.toFixed(0).padStart(6)} ms  ${kb(blank[0].assetBytes)}`,
    );
    console.log(
      `  login page                       ${median(loginPage.map((l) => l.ms))
        .toFixed(0)
        .padStart(6)} ms  ${kb(loginPage[0].assetBytes)} gzip assets (target ≤ 400 KB)`,
    );
    console.log(
      `  wall chart, ${MEASURES} measures          ${w.toFixed(0).padStart(6)} ms  ${kb(board[0].assetBytes)} gzip assets + ${kb(board[0].apiBytes)} API (target ≤ 1500 ms)`,
    );
    console.log(`  wall chart / blank page          ${(w / b).toFixed(1).padStart(6)} ×`);
  } finally {
    await browser.close();
    await api.close();
    rmSync(BLANK, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
